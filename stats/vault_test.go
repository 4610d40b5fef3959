package stats_test

import (
	"os"
	"path/filepath"
	"testing"

	"casefile/crypto"
	"casefile/demo"
	"casefile/stats"
	"casefile/store"
)

func TestMain(m *testing.M) {
	crypto.SetScryptWorkFactorForTests(10)
	os.Exit(m.Run())
}

// TestDemoVaultFigures: the demo clinic yields figures to show, read
// through the store in one scan.
func TestDemoVaultFigures(t *testing.T) {
	c, err := store.Create(t.TempDir(), "stats demo passphrase")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Vault.Close()
	if err := demo.Fill(c.Vault, 300, 7, nil); err != nil {
		t.Fatal(err)
	}
	recs, err := stats.Load(c.Vault)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 300 {
		t.Fatalf("%d records, want 300", len(recs))
	}
	rep := stats.Compute(recs, stats.Filter{})
	for _, tab := range rep.Tables {
		if tab.Total.Suppressed || tab.Total.N < stats.Threshold {
			t.Errorf("%s: total %+v", tab.ID, tab.Total)
		}
	}
	for _, d := range rep.Delays {
		all := d.Rows[len(d.Rows)-1]
		if all.People.Suppressed || all.People.N < stats.Threshold || all.Median == nil {
			t.Errorf("%s: %+v", d.ID, all)
		} else if d.ID == stats.DelayAttestation && *all.Q3 == 0 {
			t.Errorf("%s: every attestation issued the day of filing", d.ID)
		}
	}
}

// benchVault100k opens a 100,000-case demo vault, built once (some
// minutes) and kept in the system temp directory across runs; remove
// casefile-bench-stats-100k there to rebuild it.
func benchVault100k(b *testing.B) *store.Vault {
	b.Helper()
	const pass = "bench stats passphrase"
	dir := filepath.Join(os.TempDir(), "casefile-bench-stats-100k")
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

// BenchmarkLoad100k: reading every case of a 100,000-case demo vault into
// records (one scan of the case records and event index entries).
func BenchmarkLoad100k(b *testing.B) {
	v := benchVault100k(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		recs, err := stats.Load(v)
		if err != nil || len(recs) != 100_000 {
			b.Fatal(err, len(recs))
		}
	}
}

// BenchmarkCompute100k: every figure (tables protected, delays) from the
// records of a 100,000-case demo vault, without filter: what the Figures
// screen redoes when a filter changes.
func BenchmarkCompute100k(b *testing.B) {
	v := benchVault100k(b)
	recs, err := stats.Load(v)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stats.Compute(recs, stats.Filter{})
	}
}
