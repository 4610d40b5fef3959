package store

import (
	"testing"

	"casefile/fakeclinic"
)

// BenchmarkEraseCase erases one case per iteration from a vault of 2,000
// fictional cases: planning (one scan of every index key and version, one
// of the person records), DropPrefix, reopening Badger and value-log GC.
// Run with a fixed count: go test -run X -bench EraseCase -benchtime 20x ./store/
func BenchmarkEraseCase(b *testing.B) {
	v := newVault(b)
	g := fakeclinic.New(5)
	today := v.today()
	cases := make([]NewCase, 2000)
	for i := range cases {
		h := g.Household(today)
		cases[i] = NewCase{File: h.File, Notes: g.Notes(h.File, 3, today)}
		for _, r := range h.Relatives {
			cases[i].Relatives = append(cases[i].Relatives, Relative{Person: r.Person, Role: r.Role})
		}
	}
	if err := v.CreateCases(cases); err != nil {
		b.Fatal(err)
	}
	if b.N > len(cases) {
		b.Fatalf("at most %d iterations", len(cases))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := v.EraseCase(cases[i].File.ID); err != nil {
			b.Fatal(err)
		}
	}
}
