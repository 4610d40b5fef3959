package store

import (
	"fmt"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/crypto"
	"casefile/model"
	"casefile/store/internal/engine"
)

func benchFile(i int) model.CaseFile {
	return model.CaseFile{
		Case: model.Case{Procedure: model.ProcRenewal, Prefecture: "Seine-Saint-Denis (Bobigny)",
			ANEFNumber: fmt.Sprintf("%011d", i), Lawyer: "Me Claire Fontaine"},
		Person: model.Person{FamilyName: fmt.Sprintf("Benali%d", i), GivenNames: "Youssef Karim",
			BirthDate: model.Date{Year: 1988, Month: 7, Day: 2}, BirthPlace: "Oran, Algérie",
			Nationality: "algérienne", AGDREF: "7501234567", Languages: []string{"arabe", "français"},
			Phone: "+33 6 12 34 56 78", Address: "4 rue des Lilas, 93000 Bobigny"},
	}
}

// openPlain opens a vault without encryption: the baseline for ratios, and
// the control of the at-rest scan.
func openPlain(tb testing.TB, dir string) *Vault {
	tb.Helper()
	db, err := badger.Open(engine.Options(filepath.Join(dir, dbDir), nil).WithIndexCacheSize(0))
	if err != nil {
		tb.Fatal(err)
	}
	v := &Vault{dir: dir, db: &engine.DB{DB: db}, author: "bench"}
	if err := v.initMeta(); err != nil {
		tb.Fatal(err)
	}
	if err := v.loadMeta(); err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { v.Close() })
	return v
}

// benchSave saves a new case per iteration, durably, and reports the
// median as well as the mean.
func benchSave(b *testing.B, v *Vault) {
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		f := benchFile(i)
		start := time.Now()
		if err := v.SaveCase(&f); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(times)
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "median-ns/op")
}

// BenchmarkSaveCase: one case saved durably (records, indexes and change-log
// entry in one synced transaction) on the encrypted vault.
func BenchmarkSaveCase(b *testing.B) { benchSave(b, newVault(b)) }

// BenchmarkSaveCasePlain: the same workload on unencrypted Badger.
func BenchmarkSaveCasePlain(b *testing.B) { benchSave(b, openPlain(b, b.TempDir())) }

// BenchmarkBareSyncedTxn: a bare synced Badger transaction of three keys of
// the same sizes, for reference.
func BenchmarkBareSyncedTxn(b *testing.B) {
	v := newVault(b)
	val := make([]byte, 600)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := v.db.Update(func(txn *badger.Txn) error {
			for k := 0; k < 3; k++ {
				if err := txn.Set([]byte(fmt.Sprintf("bench/%d/%d", i, k)), val); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOpenAndList10k: open an already unlocked vault of 10,000 cases
// (master key in hand: scrypt excluded) and list them, as ListCases (the
// CLI) and as the CaseList the app keeps.
func BenchmarkOpenAndList10k(b *testing.B) {
	dir := b.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		b.Fatal(err)
	}
	cases := make([]NewCase, 10000)
	for i := range cases {
		cases[i] = NewCase{File: benchFile(i)}
	}
	if err := c.Vault.CreateCases(cases); err != nil {
		b.Fatal(err)
	}
	c.Vault.Close()
	mk, err := crypto.UnlockPassphrase(dir, testPass)
	if err != nil {
		b.Fatal(err)
	}
	for _, list := range []struct {
		name string
		read func(*Vault) (int, error)
	}{
		{"ListCases", func(v *Vault) (int, error) { l, err := v.ListCases(); return len(l), err }},
		{"CaseList", func(v *Vault) (int, error) { l, err := v.CaseList(); return l.Len(), err }},
	} {
		b.Run(list.name, func(b *testing.B) {
			for b.Loop() {
				k := *mk
				v, err := openDB(dir, &k, false)
				if err != nil {
					b.Fatal(err)
				}
				if n, err := list.read(v); err != nil || n != 10000 {
					b.Fatalf("%v %d", err, n)
				}
				v.Close()
			}
		})
	}
}

// BenchmarkUnlockScrypt: the passphrase step alone, at the real work factor.
func BenchmarkUnlockScrypt(b *testing.B) {
	crypto.SetScryptWorkFactorForTests(18)
	defer crypto.SetScryptWorkFactorForTests(10)
	dir := b.TempDir()
	mk, _, err := crypto.CreateKeyFiles(dir)
	if err != nil {
		b.Fatal(err)
	}
	if err := crypto.WritePassFile(dir, mk, testPass); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := crypto.UnlockPassphrase(dir, testPass); err != nil {
			b.Fatal(err)
		}
	}
}
