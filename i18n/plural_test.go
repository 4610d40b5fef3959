package i18n

import (
	"encoding/json"
	"io/fs"
	"strings"
	"testing"
)

// A plural text has every form its language needs (CLDR, as Fyne's lang
// reads it): English one and other, French one, many and other. A missing
// form would show the raw key for some counts.
func TestPluralsHaveTheirForms(t *testing.T) {
	entries, err := fs.ReadDir(translations, "translations")
	if err != nil {
		t.Fatal(err)
	}
	need := map[string][]string{"en.json": {"one", "other"}, "fr.json": {"one", "many", "other"}}
	for _, e := range entries {
		for suffix, forms := range need {
			if !strings.HasSuffix(e.Name(), suffix) {
				continue
			}
			for k, v := range loadTranslations(t, e.Name()) {
				if !strings.HasPrefix(v, "{") {
					continue
				}
				var p map[string]string
				if err := json.Unmarshal([]byte(v), &p); err != nil {
					t.Errorf("%s: %s: %v", e.Name(), k, err)
					continue
				}
				for _, f := range forms {
					if p[f] == "" {
						t.Errorf("%s: %s lacks its %q form", e.Name(), k, f)
					}
				}
			}
		}
	}
}

func TestTPlural(t *testing.T) {
	for _, c := range []struct {
		locale string
		n      int
		want   string
	}{
		{"en_US", 1, "1 deadline in the next 72 hours"},
		{"en_US", 0, "0 deadlines in the next 72 hours"},
		{"en_US", 3, "3 deadlines in the next 72 hours"},
		{"fr_FR", 0, "0 délai dans les 72 prochaines heures"},
		{"fr_FR", 1, "1 délai dans les 72 prochaines heures"},
		{"fr_FR", 2, "2 délais dans les 72 prochaines heures"},
		{"fr_FR", 1000000, "1000000 délais dans les 72 prochaines heures"},
	} {
		t.Setenv("LANG", c.locale+".UTF-8")
		Reload()
		if got := TPlural("urgency.banner", c.n); got != c.want {
			t.Errorf("%s, %d: %q, want %q", c.locale, c.n, got, c.want)
		}
	}
}
