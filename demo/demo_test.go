package demo

import (
	"os"
	"testing"

	"casefile/crypto"
	"casefile/store"
)

func TestMain(m *testing.M) {
	crypto.SetScryptWorkFactorForTests(10)
	os.Exit(m.Run())
}

// A demo vault passes check: every fictional case is written whole, with
// its relatives, notes and change-log entries.
func TestFillIsConsistent(t *testing.T) {
	c, err := store.Create(t.TempDir(), "demo passphrase long")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Vault.Close()
	var seen []int
	if err := Fill(c.Vault, 2500, 42, func(done int) { seen = append(seen, done) }); err != nil {
		t.Fatal(err)
	}
	if len(seen) != 2 || seen[1] != 2500 {
		t.Fatalf("progress: %v", seen)
	}
	rep, err := c.Vault.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
	if rep.Cases != 2500 || rep.People < 2500 || rep.Notes == 0 {
		t.Fatalf("counts: %+v", rep)
	}
}

// BenchmarkFill measures filling a vault with b.N cases.
func BenchmarkFill(b *testing.B) {
	c, err := store.Create(b.TempDir(), "demo passphrase long")
	if err != nil {
		b.Fatal(err)
	}
	defer c.Vault.Close()
	b.ResetTimer()
	if err := Fill(c.Vault, b.N, 1, nil); err != nil {
		b.Fatal(err)
	}
}
