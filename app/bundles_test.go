package app

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/crypto"
	"casefile/fakeclinic"
	"casefile/model"
	"casefile/store"
)

// unlockedApp is an app on a new vault holding n fictional cases.
func unlockedApp(t *testing.T, n int) (*App, []string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "vault")
	c, err := store.Create(dir, pass)
	if err != nil {
		t.Fatal(err)
	}
	g := fakeclinic.New(int64(n))
	today := model.DateOf(time.Now())
	ncs := make([]store.NewCase, n)
	for i := range ncs {
		ncs[i] = store.NewCase{File: g.CaseFile(today)}
	}
	if err := c.Vault.CreateCases(ncs); err != nil {
		t.Fatal(err)
	}
	a := New(test.NewTempApp(t), dir)
	a.unlocked(c.Vault)
	t.Cleanup(a.Lock)
	ids := make([]string, n)
	for i, nc := range ncs {
		ids[i] = nc.File.ID
	}
	return a, ids
}

// A case goes from one app to another through a contact's key: export,
// preview (sender not verified), import of the ticked cases.
func TestExportImportScreens(t *testing.T) {
	wait := waiter(t)
	bob, file := bundleForBob(t, wait)
	bob.openImport(file, "")
	wait()
	checks := inOverlays[*widget.Check](t, bob.win)
	if len(checks) != 2 || !checks[0].Checked || !checks[1].Checked {
		t.Fatalf("preview: %d cases", len(checks))
	}
	if labels := inOverlays[*widget.Label](t, bob.win); !slices.ContainsFunc(labels, func(l *widget.Label) bool {
		return strings.Contains(l.Text, "not a verified contact")
	}) {
		t.Fatal("no warning about the sender")
	}
	checks[1].SetChecked(false) // take one case of two
	var tap *widget.Button
	for _, b := range inOverlays[*widget.Button](t, bob.win) {
		if b.Text == "Import the ticked cases" {
			tap = b
		}
	}
	test.Tap(tap)
	wait()
	list, _ := bob.Vault().ListCases()
	if len(list) != 2 {
		t.Fatalf("bob has %d cases, want 1 + 1 imported", len(list))
	}
	if rep, err := bob.Vault().Check(); err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", rep, err)
	}
}

// bundleForBob exports two of alice's three cases, through the app, to a
// bundle for bob (a contact of hers), and returns bob's app and the file.
func bundleForBob(t *testing.T, wait func()) (*App, string) {
	t.Helper()
	alice, ids := unlockedApp(t, 3)
	bob, _ := unlockedApp(t, 1)
	bobKey, err := bob.Vault().PublicIdentity()
	if err != nil {
		t.Fatal(err)
	}
	if err := alice.Vault().SaveContact(&store.Contact{Name: "Bob", Key: bobKey}); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "b.casefile.age")
	var exportErr error
	alice.exportTo(file, ids[:2], exportChoice{contacts: []string{"Bob"}}, func(err error) { exportErr = err })
	wait()
	if exportErr != nil {
		t.Fatal(exportErr)
	}
	return bob, file
}

// While an import is written (every read of the vault waits for it), a
// modal dialog says so; it goes when the import is committed.
func TestImportShowsProgressUntilCommitted(t *testing.T) {
	wait := waiter(t)
	bob, file := bundleForBob(t, wait)
	view, err := readForImport(bob.Vault(), file, "")
	if err != nil {
		t.Fatal(err)
	}
	bob.showImportPreview(view)
	busy := func() bool { return len(inOverlays[*widget.ProgressBarInfinite](t, bob.win)) > 0 }
	if busy() {
		t.Fatal("a progress bar before the import")
	}
	var during bool
	var importErr error
	bob.importSelected(view, func(_ store.ImportResult, err error) { during, importErr = busy(), err })
	wait()
	if importErr != nil {
		t.Fatal(importErr)
	}
	if !during {
		t.Fatal("no progress shown while importing")
	}
	if busy() {
		t.Fatal("the progress dialog stayed after the import")
	}
	if !slices.ContainsFunc(inOverlays[*widget.Label](t, bob.win), func(l *widget.Label) bool {
		return strings.Contains(l.Text, "Imported: 2 new cases")
	}) {
		t.Fatal("no summary of the import")
	}
}

// inOverlays finds every T in the window's overlays (dialogs).
func inOverlays[T fyne.CanvasObject](t *testing.T, w fyne.Window) []T {
	var out []T
	for _, o := range w.Canvas().Overlays().List() {
		out = append(out, objectsIn[T](t, o)...)
	}
	return out
}

func TestBackupScreenWritesARestorableBackup(t *testing.T) {
	wait := waiter(t)
	a, _ := unlockedApp(t, 4)
	if !a.remindBackup() {
		t.Fatal("no reminder for a vault never backed up")
	}
	file := filepath.Join(t.TempDir(), "vault.backup")
	var backupErr error
	a.backupTo(file, func(err error) { backupErr = err })
	wait()
	if backupErr != nil {
		t.Fatal(backupErr)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if a.remindBackup() {
		t.Fatal("a reminder right after a backup")
	}
	dir := filepath.Join(t.TempDir(), "restored")
	if err := store.Restore(f, dir, func(d string) (*crypto.MasterKey, error) { return crypto.UnlockPassphrase(d, pass) }); err != nil {
		t.Fatal(err)
	}
}
