package store

import (
	"fmt"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"casefile/crypto"
	"casefile/model"
)

// BenchmarkMigrateMalfunctions10k: opening a vault of 10,000 cases written
// in the old shape, each with two malfunctions on its record, moves all
// 20,000 into the evidence log (MigrateOpen); opening it again, marker
// set, costs what any open costs (Open).
func BenchmarkMigrateMalfunctions10k(b *testing.B) {
	dir := b.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		b.Fatal(err)
	}
	v := c.Vault
	cases := make([]NewCase, 10000)
	for i := range cases {
		cases[i] = NewCase{File: benchFile(i)}
	}
	if err := v.CreateCases(cases); err != nil {
		b.Fatal(err)
	}
	list, err := v.ListCases()
	if err != nil {
		b.Fatal(err)
	}
	old := []model.Malfunction{oldNoSlot, oldAccess}
	if err := v.batch(len(list), func(i int, c *change) error {
		env, cs, err := getRecord[model.Case](c.txn, KindCase, list[i].ID)
		if err != nil {
			return err
		}
		cs.Malfunctions = old
		return c.putRecord(KindCase, cs.ID, *cs, env)
	}); err != nil {
		b.Fatal(err)
	}
	if err := v.db.Update(func(txn *badger.Txn) error { return txn.Delete(keyMalfunctionsMigrated) }); err != nil {
		b.Fatal(err)
	}
	v.Close()
	mk, err := crypto.UnlockPassphrase(dir, testPass)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("MigrateOpen", func(b *testing.B) {
		if b.N > 1 {
			b.Skip("the migration runs once per vault")
		}
		k := *mk
		v, err := openDB(dir, &k, false)
		if err != nil {
			b.Fatal(err)
		}
		defer v.Close()
		b.StopTimer()
		if ids, _ := v.casesWithMalfunctions(); len(ids) != 0 {
			b.Fatalf("%d cases not moved", len(ids))
		}
	})
	b.Run("Open", func(b *testing.B) {
		for b.Loop() {
			k := *mk
			v, err := openDB(dir, &k, false)
			if err != nil {
				b.Fatal(err)
			}
			v.Close()
		}
	})
}

// BenchmarkStatsScan10k: the figures' scan of 10,000 cases, with no
// malfunction, and with two each in the evidence log (one sequential pass
// over the entries).
func BenchmarkStatsScan10k(b *testing.B) {
	for _, per := range []int{0, 2} {
		b.Run(fmt.Sprintf("malfunctions=%d", per), func(b *testing.B) { benchStatsScan(b, per) })
	}
}

func benchStatsScan(b *testing.B, per int) {
	c, err := Create(b.TempDir(), testPass)
	if err != nil {
		b.Fatal(err)
	}
	v := c.Vault
	b.Cleanup(func() { v.Close() })
	cases := make([]NewCase, 10000)
	for i := range cases {
		f := benchFile(i)
		a, n := oldNoSlot, oldAccess
		a.ID, n.ID = "a", "b"
		f.Malfunctions = []model.Malfunction{a, n}[:per]
		cases[i] = NewCase{File: f}
	}
	if err := v.CreateCases(cases); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		n := 0
		if err := v.EachCaseForStats(func(c *model.Case, _ []model.Event) error {
			n += len(c.Malfunctions)
			return nil
		}); err != nil || n != 10000*per {
			b.Fatal(err, n)
		}
	}
}
