package engine

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/crypto"
	"casefile/internal/atomicfile"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// The snapshot a backup holds, and the folder a restore builds: the two
// ends of backup.go's format that touch the database and the disk.

// ErrRestoreTarget: restore writes only into a new or empty folder.
var ErrRestoreTarget = errors.New("restore needs a new or empty folder")

// BackupVault writes a consistent snapshot of the whole vault in vaultDir,
// its database d under mk, to w as a backup (WriteBackup), while the vault
// stays usable, and stamps when (now) under meta/backup/last. The
// encrypted data is staged in a temporary file in tmpDir (ciphertext only)
// because a tar member needs its size first.
func (d *DB) BackupVault(w io.Writer, tmpDir, vaultDir string, mk *crypto.MasterKey, now func() time.Time) error {
	tmp, err := os.CreateTemp(tmpDir, ".tmp-casefile-backup-*")
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer func() { tmp.Close(); os.Remove(tmp.Name()) }()
	enc, err := crypto.SealBackup(tmp, mk)
	if err != nil {
		return err
	}
	// On the shared side of the gate: a backup never holds a part of an
	// atomic change (and would roll it back at open if it did).
	if err := d.Shared(func() error { _, err := d.DB.Backup(enc, 0); return err }); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	size, err := tmp.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return err
	}
	created := now().UTC().Truncate(time.Second)
	if err := WriteBackup(w, vaultDir, created, tmp, size); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return d.Update(func(txn *badger.Txn) error {
		return txn.Set([]byte(layout.BackupLast), []byte(created.Format(time.RFC3339)))
	})
}

// LastBackup is when the vault last wrote a backup (zero if never).
func LastBackup(txn *badger.Txn) (time.Time, error) {
	b, ok, err := read.Raw(txn, []byte(layout.BackupLast))
	if err != nil || !ok {
		return time.Time{}, err
	}
	return time.Parse(time.RFC3339, string(b))
}

// Restore rebuilds a vault in dir (new, or an empty folder) from a backup.
// Everything happens in a staging folder beside dir: the whole backup is
// read and authenticated and the database loaded (LoadBackup, into the
// staging folder's dbDir), then handed to adopt, which owns the master key
// from then on (the store opens it as a vault, gives it a device of its
// own and checks it), before the staging folder is renamed to dir. On any
// failure nothing is left and nothing existing was touched.
func Restore(src io.Reader, dir, dbDir string, unlock func(dir string) (*crypto.MasterKey, error), adopt func(staging string, mk *crypto.MasterKey) error) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return ErrRestoreTarget
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store: restore: %w", err)
	}
	parent := filepath.Dir(filepath.Clean(dir))
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	staging, err := os.MkdirTemp(parent, "."+filepath.Base(dir)+".restoring-")
	if err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	ok := false
	defer func() {
		if !ok {
			os.RemoveAll(staging)
		}
	}()
	mk, err := LoadBackup(src, staging, dbDir, unlock)
	if err != nil {
		return err
	}
	if err := adopt(staging, mk); err != nil {
		return err
	}
	if err := os.Remove(dir); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("store: restore: %w", err)
	}
	if err := os.Rename(staging, dir); err != nil {
		return fmt.Errorf("store: restore: %w", err)
	}
	ok = true
	return atomicfile.SyncDir(parent)
}
