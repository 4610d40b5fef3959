package store_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"casefile/demo"
	"casefile/model"
	"casefile/store"
)

// benchVault100k opens a 100,000-case demo vault, built once (some
// minutes) and kept in the system temp directory across runs; remove
// casefile-bench-review-100k there to rebuild it.
func benchVault100k(b *testing.B) *store.Vault {
	b.Helper()
	const pass = "bench review passphrase"
	dir := filepath.Join(os.TempDir(), "casefile-bench-review-100k")
	done := filepath.Join(dir, ".complete")
	if _, err := os.Stat(done); err != nil {
		os.RemoveAll(dir)
		c, err := store.Create(dir, pass)
		if err != nil {
			b.Fatal(err)
		}
		if err := demo.Fill(c.Vault, 100_000, 1, nil); err != nil {
			b.Fatal(err)
		}
		c.Vault.Close()
		if err := os.WriteFile(done, nil, 0o600); err != nil {
			b.Fatal(err)
		}
	}
	v, err := store.Open(dir, pass)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { v.Close() })
	return v
}

// BenchmarkReview100k: the current week's review of a 100,000-case demo
// vault, every lawyer.
func BenchmarkReview100k(b *testing.B) {
	v := benchVault100k(b)
	week := model.WeekOf(model.DateOf(time.Now()))
	r, err := v.Review(week, "")
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := v.Review(week, ""); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(r.Overdue)), "overdue")
	b.ReportMetric(float64(len(r.Rows())), "rows")
	b.ReportMetric(float64(len(r.Idle)), "idle")
	b.ReportMetric(float64(len(r.Unowned)), "unowned")
}
