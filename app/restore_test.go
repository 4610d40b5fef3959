package app

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/crypto"
	"casefile/i18n"
)

// clientHome gives the test a home folder with Documents/<a folder named
// like a client>, where the file dialogs start (startFolder) and the
// user keeps the client's files; it returns that folder.
func clientHome(t *testing.T) (folder string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(home, ".config"))
	t.Setenv("XDG_DATA_HOME", filepath.Join(home, ".local", "share"))
	t.Setenv("XDG_CACHE_HOME", filepath.Join(home, ".cache"))
	folder = filepath.Join(home, "Documents", clientFolder)
	if err := os.MkdirAll(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	return folder
}

// clientFolder is named as clinics name a client's folder (a fictional
// person).
const clientFolder = "Dossier KOUYATÉ Aminata"

// A backup is restored from the unlock screen of another vault: the file
// chosen in the dialog, a wrong passphrase refused with its reason, the
// right one; the restore goes into a new folder beside the vault, then
// opens there with the backup's cases.
func TestRestoreFromUnlockScreen(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	folder := clientHome(t)
	wait := waiter(t)
	src, ids := unlockedApp(t, 3)
	backup := filepath.Join(folder, "vault.backup")
	src.backupTo(backup, nil)
	wait()
	src.Lock()

	// The computer's own vault, locked.
	a, _ := unlockedApp(t, 1)
	a.lockToUnlockScreen("")
	w := a.Window()
	test.Tap(buttonIn(t, w, "Restore a vault from a backup…"))
	labelIn(t, w, "Choose the backup file")
	target := find(t, w, func(e *widget.Entry) bool { return e.Text != "" && !e.Password })
	want := filepath.Clean(a.dir) + "-" + time.Now().Format("2006-01-02")
	if target.Text != want {
		t.Fatalf("proposed %q, want a new folder beside the vault, %q", target.Text, want)
	}
	test.Tap(buttonIn(t, w, "Restore"))
	labelIn(t, w, "No file chosen.")

	test.Tap(buttonIn(t, w, "Choose the backup…"))
	openIn(t, w, clientFolder, "vault.backup")
	labelIn(t, w, "vault.backup")
	pass1 := find(t, w, func(e *widget.Entry) bool { return e.Password })
	test.Type(pass1, "not the passphrase at all")
	test.Tap(buttonIn(t, w, "Restore"))
	wait()
	if l := labelIn(t, w, i18n.Error(crypto.ErrWrongPassphrase)); l.Importance != widget.DangerImportance {
		t.Fatal("the wrong passphrase is not shown as an error")
	}
	if _, err := os.Stat(want); !os.IsNotExist(err) {
		t.Fatalf("a failed restore left %s: %v", want, err)
	}

	test.Type(pass1, pass)
	test.Tap(buttonIn(t, w, "Restore"))
	wait()
	labelIn(t, w, "Vault restored in "+want)
	test.Tap(buttonIn(t, w, "Open it now"))
	wait()
	v := a.Vault()
	if v == nil || a.dir != want {
		t.Fatalf("restored vault not opened (dir %s)", a.dir)
	}
	for _, id := range ids {
		if _, err := v.Case(id); err != nil {
			t.Fatalf("case %s of the backup: %v", id, err)
		}
	}
}

// On a new computer, the set-up offers the restore, into the folder the
// vault goes in; a folder that holds files is refused before anything is
// read.
func TestRestoreRefusesAFolderInUse(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	folder := clientHome(t)
	a := New(test.NewTempApp(t), filepath.Join(t.TempDir(), "vault"))
	t.Cleanup(a.Lock)
	w := a.Window()
	test.Tap(buttonIn(t, w, "Restore a vault from a backup…")) // on the set-up's first step
	if target := find(t, w, func(e *widget.Entry) bool { return !e.Password }); target.Text != a.dir {
		t.Fatalf("on a computer without a vault the restore goes into its folder, got %q", target.Text)
	}
	find(t, w, func(e *widget.Entry) bool { return !e.Password }).SetText(folder)
	os.WriteFile(filepath.Join(folder, "notes.txt"), []byte("x"), 0o600)
	test.Tap(buttonIn(t, w, "Choose the backup…"))
	openIn(t, w, clientFolder, "notes.txt")
	test.Type(find(t, w, func(e *widget.Entry) bool { return e.Password }), pass)
	test.Tap(buttonIn(t, w, "Restore"))
	labelIn(t, w, "is not empty: a restore writes only into a new or empty folder")
}
