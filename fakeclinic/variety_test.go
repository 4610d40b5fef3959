package fakeclinic

import (
	"strings"
	"testing"
	"unicode"

	"casefile/model"
)

func TestClinicIsVaried(t *testing.T) {
	today := mustDate(t, "2026-03-16")
	g := New(2026)
	families := map[string]bool{}
	mohamed := map[string]bool{}
	scripts := map[string]int{}
	procedures := map[model.Procedure]int{}
	statuses := map[model.Status]int{}
	native, agdref, accented := 0, 0, 0
	const n = 10_000
	for i := range n {
		p := g.CaseFile(today)
		procedures[p.Procedure]++
		statuses[p.Status]++
		if i < 1000 {
			families[p.Person.FamilyName] = true
		}
		if i < 2000 {
			for _, w := range strings.Fields(p.Person.GivenNames) {
				switch w {
				case "Mohamed", "Mohammed", "Muhammad", "Mohamad", "Mouhamed":
					mohamed[w] = true
				}
			}
		}
		name := p.Person.FamilyName + " " + p.Person.GivenNames
		found := false
		for s, table := range nativeScripts {
			if strings.IndexFunc(name, func(r rune) bool { return unicode.Is(table, r) }) >= 0 {
				scripts[s]++
				found = true
			}
		}
		if found {
			native++
		}
		if strings.IndexFunc(name, func(r rune) bool { return r > 0x7f && unicode.Is(unicode.Latin, r) }) >= 0 {
			accented++
		}
		if p.Person.AGDREF != "" {
			agdref++
		}
	}
	t.Logf("%d family names in 1,000 cases; Mohamed spelled %d ways; native script %d, accented %d, AGDREF %d, open %d of %d; scripts %v",
		len(families), len(mohamed), native, accented, agdref, statuses[model.StatusOpen], n, scripts)
	if len(families) < 250 {
		t.Errorf("%d distinct family names in 1,000 cases, want at least 250", len(families))
	}
	if len(mohamed) < 3 {
		t.Errorf("spellings of Mohamed in 2,000 cases: %v, want at least 3", mohamed)
	}
	for s := range nativeScripts {
		if scripts[s] == 0 {
			t.Errorf("no name in %s script", s)
		}
	}
	share := func(k int) float64 { return float64(k) / n }
	if s := share(native); s < 0.06 || s > 0.15 {
		t.Errorf("%.1f%% of names in native script, want about 10%%", 100*s)
	}
	if s := share(agdref); s < 0.5 || s > 0.7 {
		t.Errorf("%.1f%% with an AGDREF number, want about 60%%", 100*s)
	}
	if s := share(accented); s < 0.05 {
		t.Errorf("%.1f%% of names with accented Latin letters", 100*s)
	}
	for _, p := range model.Procedures {
		if procedures[p] == 0 {
			t.Errorf("no %s case", p)
		}
	}
	if s := share(statuses[model.StatusOpen]); s < 0.6 || s > 0.8 {
		t.Errorf("%.0f%% of cases open, want most", 100*s)
	}
	if statuses[model.StatusArchived] == 0 {
		t.Error("no archived case")
	}
}

var nativeScripts = map[string]*unicode.RangeTable{
	"Arabic": unicode.Arabic, "Cyrillic": unicode.Cyrillic, "Ge'ez": unicode.Ethiopic,
	"Chinese": unicode.Han, "Georgian": unicode.Georgian, "Bengali": unicode.Bengali,
}

// TestNoFamousNames guards the promise of doc.go: a denied pair is never drawn.
func TestNoFamousNames(t *testing.T) {
	today := mustDate(t, "2026-03-16")
	g := New(5)
	for range 20_000 {
		h := g.Household(today)
		people := []model.Person{h.File.Person}
		for _, r := range h.Relatives {
			people = append(people, r.Person)
		}
		for _, p := range people {
			given, _, _ := strings.Cut(p.GivenNames, " ")
			family := p.FamilyName
			if i := strings.Index(family, " ("); i > 0 {
				family = family[:i]
			}
			if pair := fold(given) + " " + fold(family); contains(denied, pair) {
				t.Fatalf("drew %q", pair)
			}
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Aïcha", "aicha"},
		{"N'Diaye", "ndiaye"},
		{"Şükrü", "sukru"},
		{"Đorđe", "djordje"},
		{"Yılmaz", "yilmaz"},
		{"Abdul Rahman", "abdulrahman"},
		{"Олена", ""},
	}
	for _, tt := range tests {
		if got := fold(tt.in); got != tt.want {
			t.Errorf("fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
