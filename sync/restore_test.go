package sync

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"casefile/crypto"
	"casefile/store"
)

// A laptop restored from a backup takes a new device id: it never writes
// into its former self's files, asks to be accepted again, and once
// accepted its new work reaches the team.
func TestRestoredVaultRejoinsUnderANewID(t *testing.T) {
	folder, vaults, teams := newTeamOf(t, 2)
	a, b := teams[0], teams[1]
	addCases(t, vaults[0], 2, 5)
	syncAll(t, teams, 2)
	for i := range 2 {
		addCases(t, vaults[0], 1, int64(70+i))
		mustSync(t, a)
	}
	mustSync(t, b)
	var backup bytes.Buffer
	mustOK(t, vaults[0].Backup(&backup, t.TempDir()))
	old, _ := filepath.Glob(filepath.Join(folder, Root, dirLog, a.me, "*"))
	before := map[string][]byte{}
	for _, f := range old {
		before[f], _ = os.ReadFile(f)
	}

	dir := filepath.Join(t.TempDir(), "restored")
	mustOK(t, store.Restore(bytes.NewReader(backup.Bytes()), dir, func(d string) (*crypto.MasterKey, error) {
		return crypto.UnlockPassphrase(d, testPass)
	}))
	rv, err := store.Open(dir, testPass)
	mustOK(t, err)
	defer rv.Close()
	r, err := Open(rv)
	mustOK(t, err)
	if r.me == a.me {
		t.Fatal("the restored vault kept its former device id")
	}
	addCases(t, rv, 1, 6)
	mustSync(t, r)
	// It wrote under its new id only what it published since: nothing
	// its former self recorded writing is written again there.
	rs, err := loadState(rv)
	mustOK(t, err)
	if mine, _ := filepath.Glob(r.abs(logDirName(r.me)) + "/*.age"); len(mine) != int(rs.seq) {
		t.Fatalf("the restored device wrote %d segments for %d published", len(mine), rs.seq)
	}
	rep := mustSync(t, b)
	if !hasCode(skipped(rep, "log/"+r.me), "unknown-writer") {
		t.Fatalf("b applied a restored device it never accepted: %+v", rep.Skipped)
	}
	mustOK(t, b.Accept(r.me, r.Fingerprint()))
	mustSync(t, b)
	if list, _ := vaults[1].ListCases(); len(list) != 5 {
		t.Fatalf("b holds %d cases, want 5 once the restored laptop is accepted", len(list))
	}
	mustCheck(t, vaults[1])
	for f, data := range before {
		now, err := os.ReadFile(f)
		if err != nil || !bytes.Equal(now, data) {
			t.Fatalf("%s of the former self changed", f)
		}
	}
}
