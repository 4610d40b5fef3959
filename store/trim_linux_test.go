package store

import (
	"os"
	"strconv"
	"strings"
	"testing"

	"casefile/search"
)

func rssFileKiB(t *testing.T) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "RssFile:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	t.Fatal("no RssFile in /proc/self/status")
	return 0
}

// After a full read of the vault, the table pages it mapped leave the
// process's resident set, and the vault reads on as before.
func TestReleaseMappedTables(t *testing.T) {
	dir := t.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	fillClinic(t, c.Vault, 1500, 5)
	c.Vault.Close() // memtables become tables
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	count := func() int {
		if _, err := search.Build(v.EachSearchDoc); err != nil {
			t.Fatal(err)
		}
		if _, err := v.Check(); err != nil { // reads every record, index and log entry
			t.Fatal(err)
		}
		list, err := v.ListCases()
		if err != nil {
			t.Fatal(err)
		}
		return len(list)
	}
	if n := count(); n != 1500 {
		t.Fatalf("%d cases", n)
	}
	before := rssFileKiB(t)
	advised := v.ReleaseMappedTables()
	after := rssFileKiB(t)
	t.Logf("advised %d KiB of table mappings; file-backed RSS %d → %d KiB", advised>>10, before, after)
	if advised == 0 {
		t.Fatal("no table mapping found in /proc/self/maps")
	}
	if before-after < int(advised>>10)/4 {
		t.Fatalf("file-backed RSS %d → %d KiB after advising %d KiB", before, after, advised>>10)
	}
	if n := count(); n != 1500 {
		t.Fatalf("%d cases after the release", n)
	}
}
