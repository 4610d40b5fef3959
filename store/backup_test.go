package store

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"casefile/crypto"
)

func byPassphrase(p string) Unlocker {
	return func(dir string) (*crypto.MasterKey, error) { return crypto.UnlockPassphrase(dir, p) }
}

func backupOf(t *testing.T, v *Vault) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := v.Backup(&buf, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBackupRestoreGivesTheSameVault(t *testing.T) {
	v := newVault(t)
	files := fillClinic(t, v, 20, 4)
	if err := v.SaveContact(&Contact{Name: "Me Durand", Key: mustPublic(t)}); err != nil {
		t.Fatal(err)
	}
	pub, _ := v.PublicIdentity()
	b := backupOf(t, v)
	if last, err := v.LastBackup(); err != nil || last.IsZero() {
		t.Fatalf("last backup not recorded: %v %v", last, err)
	}
	if due, _ := v.BackupOverdue(false); due {
		t.Fatal("a fresh backup is overdue")
	}
	dir := filepath.Join(t.TempDir(), "restored")
	if err := Restore(bytes.NewReader(b), dir, byPassphrase(testPass)); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	mustCheck(t, r)
	if snapshot(t, v, refsOf(files)) != snapshot(t, r, refsOf(files)) {
		t.Fatal("the restored cases differ from the original")
	}
	rpub, _ := r.PublicIdentity()
	if rpub.Fingerprint() != pub.Fingerprint() {
		t.Fatal("the identity was not restored")
	}
	if cs, _ := r.Contacts(); len(cs) != 1 {
		t.Fatal("the address book was not restored")
	}
	if r.Device() == v.Device() {
		t.Fatal("the restored vault kept its former device id")
	}
}

func mustPublic(t *testing.T) crypto.PublicIdentity {
	id, err := crypto.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	return id.Public("Me Durand")
}

func TestRestoreRefusesAndLeavesNothing(t *testing.T) {
	v := newVault(t)
	fillClinic(t, v, 3, 5)
	good := backupOf(t, v)
	flipped := bytes.Clone(good)
	flipped[len(flipped)-2000] ^= 1
	tests := []struct {
		name   string
		file   []byte
		unlock Unlocker
		want   error
	}{
		{"truncated", good[:len(good)-3000], byPassphrase(testPass), ErrBadBackup},
		{"tampered", flipped, byPassphrase(testPass), ErrBadBackup},
		{"not a backup", []byte("hello"), byPassphrase(testPass), ErrBadBackup},
		{"wrong passphrase", good, byPassphrase("not the passphrase"), crypto.ErrWrongPassphrase},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parent := t.TempDir()
			dir := filepath.Join(parent, "restored")
			err := Restore(bytes.NewReader(tt.file), dir, tt.unlock)
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if entries, _ := os.ReadDir(parent); len(entries) != 0 {
				t.Fatalf("left behind: %v", entries)
			}
		})
	}
	t.Run("target not empty", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("mine"), 0o600)
		if err := Restore(bytes.NewReader(good), dir, byPassphrase(testPass)); !errors.Is(err, ErrRestoreTarget) {
			t.Fatalf("got %v", err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "notes.txt")); string(b) != "mine" {
			t.Fatal("restore touched an existing folder")
		}
	})
}
