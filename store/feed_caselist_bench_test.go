package store_test

import (
	"testing"
	"time"
)

// BenchmarkCaseList100k: the case list the app reads at unlock, on the
// 100,000-case demo vault (benchVault100k): with each case's deadlines
// (CaseListAt: two scans), and without (CaseList: ListCases, the CLI).
func BenchmarkCaseList100k(b *testing.B) {
	v := benchVault100k(b)
	b.Run("WithDeadlines", func(b *testing.B) {
		for b.Loop() {
			l, err := v.CaseListAt(time.Now())
			if err != nil || l.Len() != 100_000 {
				b.Fatal(err, l.Len())
			}
		}
	})
	b.Run("Plain", func(b *testing.B) {
		for b.Loop() {
			l, err := v.CaseList()
			if err != nil || l.Len() != 100_000 {
				b.Fatal(err, l.Len())
			}
		}
	})
}
