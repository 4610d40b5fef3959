package i18n

import (
	"encoding/json"
	"sort"
	"testing"
)

// Every key exists in both languages, so no screen shows a raw key or half
// of it in English.
func TestTranslationsHaveTheSameKeys(t *testing.T) {
	load := func(name string) map[string]string {
		b, err := translations.ReadFile("translations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return m
	}
	en, fr := load("en.json"), load("fr.json")
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
}
