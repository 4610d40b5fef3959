//go:build !windows

package store

import (
	"os"
	"path/filepath"
	"testing"
)

// TestOpenAfterKillAtMemtableCreation: a process killed the instant Badger
// created a memtable or value-log file leaves it empty; Badger alone then
// refuses to open the vault ("Create a new file"), as CI's kill -9 tests
// met. The vault opens, whole.
func TestOpenAfterKillAtMemtableCreation(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	dir := v.Dir()
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"00099.mem", "000099.vlog"} {
		if err := os.WriteFile(filepath.Join(dir, dbDir, name), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	v2, err := Open(dir, testPass)
	if err != nil {
		t.Fatalf("open after an empty memtable file: %v", err)
	}
	defer v2.Close()
	if _, err := v2.Case(f.Ref); err != nil {
		t.Fatal(err)
	}
	if rep, err := v2.Check(); err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep)
	}
}
