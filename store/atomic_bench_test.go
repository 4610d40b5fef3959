package store

import (
	"testing"

	"casefile/model"
)

// importBatched is ImportCases as it was before imports became atomic:
// the same changes in batched synced transactions, each visible as it
// commits. The baseline of BenchmarkImport1000.
func (v *Vault) importBatched(cases []CaseExport) error {
	var maxHLC model.HLC
	for i := range cases {
		if err := CheckExport(&cases[i]); err != nil {
			return err
		}
		for _, ch := range cases[i].History {
			maxHLC = max(maxHLC, ch.HLC)
		}
	}
	pre, err := v.PreviewImport(cases)
	if err != nil {
		return err
	}
	for _, p := range pre {
		if p.Problem != nil {
			return p.Problem
		}
	}
	v.clock.Observe(maxHLC)
	return v.batch(len(cases), func(i int, c *change) error {
		_, err := c.importCase(&cases[i])
		return err
	})
}

// BenchmarkImport1000 imports 1,000 fictional cases (relatives, notes, a
// removal order with its deadlines) into an empty vault: batched (before)
// and as one atomic change (ImportCases).
func BenchmarkImport1000(b *testing.B) {
	a := newVault(b)
	files := fillClinic(b, a, 1000, 40)
	ex, err := a.ExportCases(refsOf(files))
	if err != nil {
		b.Fatal(err)
	}
	for _, mode := range []string{"batched", "atomic"} {
		b.Run(mode, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				v := newVault(b)
				b.StartTimer()
				if mode == "batched" {
					err = v.importBatched(ex)
				} else {
					_, err = v.ImportCases(ex)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkCreate1000 creates 1,000 fictional cases, as a CSV import does:
// CreateCases (before) and CreateCasesAtomic.
func BenchmarkCreate1000(b *testing.B) {
	for _, mode := range []string{"batched", "atomic"} {
		b.Run(mode, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				v := newVault(b)
				cases := newCases(1000, 41)
				b.StartTimer()
				var err error
				if mode == "batched" {
					err = v.CreateCases(cases)
				} else {
					err = v.CreateCasesAtomic(cases)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
