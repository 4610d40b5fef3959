package model

import (
	"encoding/json"
	"slices"
	"testing"
	"time"
)

func TestFoldNames(t *testing.T) {
	for in, want := range map[string]string{
		"Aïcha":           "aicha",
		"Şükrü":           "sukru",
		"Łukasz":          "lukasz",
		"Strauß":          "strauss",
		"Ærøskøbing":      "aeroskobing",
		"Œuvre":           "oeuvre",
		"Søren":           "soren",
		"Đorđe":           "djordje",
		"Yılmaz":          "yilmaz",
		"Hélène Émilie":   "helene emilie",
		"محمد":            "محمد",
		"N'DIAYE Ousmane": "n'diaye ousmane",
	} {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParisDate(t *testing.T) {
	if Paris().String() != "Europe/Paris" {
		t.Fatalf("Paris() = %s", Paris())
	}
	// 23:30 UTC on 31 December is already 1 January in Paris (UTC+1),
	// and 22:30 UTC on 30 June is 00:30 on 1 July (UTC+2).
	for _, c := range []struct {
		at   time.Time
		want Date
	}{
		{time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC), Date{2026, 1, 1}},
		{time.Date(2026, 6, 30, 22, 30, 0, 0, time.UTC), Date{2026, 7, 1}},
		{time.Date(2026, 6, 30, 21, 59, 0, 0, time.UTC), Date{2026, 6, 30}},
		{time.Date(2026, 3, 1, 5, 0, 0, 0, time.FixedZone("NYC", -5*3600)), Date{2026, 3, 1}},
	} {
		if got := ParisDate(c.at); got != c.want {
			t.Errorf("ParisDate(%s) = %s, want %s", c.at, got, c.want)
		}
	}
}

// TestPersonFields: the list names every field of Person a face shows (all
// JSON fields but the id and the merge tombstone), once each, and
// PersonText reads exactly the plain-text ones.
func TestPersonFields(t *testing.T) {
	b, _ := json.Marshal(Person{MergedInto: "x"})
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	delete(m, "id")
	delete(m, "merged_into")
	if len(m) != len(PersonFields) {
		t.Fatalf("Person has %d shown fields, PersonFields lists %d", len(m), len(PersonFields))
	}
	seen := map[string]bool{}
	for _, f := range PersonFields {
		if _, ok := m[f]; !ok || seen[f] {
			t.Errorf("PersonFields: %q unknown or twice", f)
		}
		seen[f] = true
	}
	p := Person{FamilyName: "a", GivenNames: "b", BirthPlace: "c", Nationality: "d", AGDREF: "e",
		InterpreterLanguage: "f", Phone: "g", Email: "h", Address: "i"}
	var texts []string
	for _, f := range PersonFields {
		if v, ok := PersonText(p, f); ok {
			texts = append(texts, v)
			if _, isString := m[f].(string); !isString {
				t.Errorf("PersonText(%q): not a text field", f)
			}
		}
	}
	if !slices.Equal(texts, []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}) {
		t.Errorf("PersonText read %v", texts)
	}
}
