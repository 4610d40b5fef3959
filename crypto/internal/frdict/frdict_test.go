package frdict

import (
	"slices"
	"testing"
)

func TestRanked(t *testing.T) {
	r := Ranked(2026)
	seen := map[string]bool{}
	for _, w := range r {
		if seen[w] {
			t.Fatalf("%q twice: zxcvbn would keep its later, higher rank", w)
		}
		seen[w] = true
	}
	rank := func(w string) int {
		i := slices.Index(r, w)
		if i < 0 {
			t.Fatalf("%q missing", w)
		}
		return i + 1
	}
	// One of each list, and the spellings people type.
	for _, w := range []string{"juillet", "marseille", "nathalie", "saint-étienne", "saintetienne",
		"françoise", "francoise", "azerty", "2026", "1975", "maison", "noël", "noel"} {
		rank(w)
	}
	if rank("2026") > rank("2020") || rank("2020") > rank("1950") {
		t.Error("years are not ranked by distance from this year")
	}
	if rank("juillet") > 100 || rank("marseille") > 100 {
		t.Errorf("juillet %d, marseille %d: a month and the second city rank near the top", rank("juillet"), rank("marseille"))
	}
	if len(r) < 24000 {
		t.Errorf("%d entries", len(r))
	}
}

func TestVariants(t *testing.T) {
	for in, want := range map[string][]string{
		"Saint-Étienne": {"saint-étienne", "saint-etienne", "saintétienne", "saintetienne"},
		"Cœur":          {"cœur", "coeur"},
		"Lyon":          {"lyon"},
		" ":             nil,
	} {
		if got := Variants(in); !slices.Equal(got, want) {
			t.Errorf("%q: %q, want %q", in, got, want)
		}
	}
}
