package i18n

import (
	"encoding/json"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"testing"
)

func loadTranslations(t *testing.T, name string) map[string]string {
	t.Helper()
	b, err := translations.ReadFile("translations/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage // a text, or the forms of a plural
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	m := make(map[string]string, len(raw))
	for k, v := range raw {
		m[k] = string(v)
	}
	return m
}

// Every key exists in both languages, so no screen shows a raw key or half
// of it in English. Fyne loads every [prefix.]lang.json file of the
// directory; each English file has its French twin with the same keys.
func TestTranslationsHaveTheSameKeys(t *testing.T) {
	entries, err := fs.ReadDir(translations, "translations")
	if err != nil {
		t.Fatal(err)
	}
	var pairs int
	for _, e := range entries {
		name := e.Name()
		prefix, ok := strings.CutSuffix(name, "en.json")
		if !ok {
			if !strings.HasSuffix(name, "fr.json") {
				t.Errorf("%s: not a [prefix.]en.json or [prefix.]fr.json file", name)
			} else if !slices.ContainsFunc(entries, func(o fs.DirEntry) bool { return o.Name() == strings.TrimSuffix(name, "fr.json")+"en.json" }) {
				t.Errorf("%s has no English twin", name)
			}
			continue
		}
		pairs++
		t.Run(name, func(t *testing.T) {
			en, fr := loadTranslations(t, name), loadTranslations(t, prefix+"fr.json")
			var missing []string
			for k := range en {
				if _, ok := fr[k]; !ok {
					missing = append(missing, "fr:"+k)
				}
			}
			for k := range fr {
				if _, ok := en[k]; !ok {
					missing = append(missing, "en:"+k)
				}
			}
			sort.Strings(missing)
			if len(missing) > 0 {
				t.Fatalf("keys missing: %v", missing)
			}
		})
	}
	if pairs < 2 {
		t.Fatalf("found %d translation pairs", pairs)
	}
}

// A key defined in two files of one language would make which text shows
// depend on the order Fyne reads them.
func TestTranslationKeysAreDefinedOnce(t *testing.T) {
	entries, err := fs.ReadDir(translations, "translations")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en.json", "fr.json"} {
		seen := map[string]string{}
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), lang) {
				continue
			}
			for k := range loadTranslations(t, e.Name()) {
				if other, dup := seen[k]; dup {
					t.Errorf("%s is in both %s and %s", k, other, e.Name())
				}
				seen[k] = e.Name()
			}
		}
	}
}
