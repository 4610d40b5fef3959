package app

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"casefile/bundle"
	"casefile/store"
)

// TestAppEraseRefusesOpenCase: the retention guard is the store's, so the
// app's erase path refuses an open case too (before, only the CLI asked).
func TestAppEraseRefusesOpenCase(t *testing.T) {
	wait := waiter(t)
	a, ids := unlockedApp(t, 1)
	var got error
	a.eraseDue(a.Vault(), ids[0], func(err error) { got = err })
	wait()
	var notDue *store.NotDueError
	if !errors.As(got, &notDue) || !notDue.Open {
		t.Fatalf("erasing an open case: %v", got)
	}
	if _, err := a.Vault().Case(ids[0]); err != nil {
		t.Fatalf("the refused case is gone: %v", err)
	}
}

// TestAppExportRefusesVaultPassphrase: a bundle encrypted to the vault's
// own passphrase is refused in the app as in the CLI (bundle.VaultOptions);
// before, only the CLI checked, and the app wrote it.
func TestAppExportRefusesVaultPassphrase(t *testing.T) {
	a, ids := unlockedApp(t, 1)
	path := filepath.Join(t.TempDir(), "out.casefile")
	err := writeBundle(a.Vault(), path, ids, exportChoice{passphrase: pass})
	if !errors.Is(err, bundle.ErrVaultPassphrase) {
		t.Fatalf("export to the vault's passphrase: %v", err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Fatalf("a bundle was written: %v", err)
	}
	if err := writeBundle(a.Vault(), path, ids, exportChoice{passphrase: "une autre phrase pour le paquet"}); err != nil {
		t.Fatal(err)
	}
}
