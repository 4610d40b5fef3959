package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"casefile/crypto"
	"casefile/internal/atomicfile"
	"casefile/model"
	"casefile/store/internal/engine"
	"casefile/store/internal/layout"
)

// A backup (docs/bundles.md, "Backups") is a tar of a header, the vault's
// two key files and Badger's backup stream sealed under the master key:
// its format is store/internal/engine's (backup.go). The store takes the
// snapshot, and makes the restored folder a vault of its own.

// BackupVersion is the backup format this code writes and reads.
const BackupVersion = engine.BackupVersion

var keyLastBackup = []byte(layout.BackupLast)

// Errors of backup and restore.
var (
	// ErrBadBackup: not a Casefile backup, or a truncated or damaged one.
	ErrBadBackup = engine.ErrBadBackup
	// ErrRestoreTarget: restore writes only into a new or empty folder.
	ErrRestoreTarget = errors.New("restore needs a new or empty folder")
)

// Backup writes a consistent snapshot of the whole vault to w, while the
// vault stays usable. The encrypted data is staged in a temporary file in
// tmpDir (ciphertext only) because a tar member needs its size first.
func (v *Vault) Backup(w io.Writer, tmpDir string) error {
	if v.isClosed() {
		return ErrClosed
	}
	tmp, err := os.CreateTemp(tmpDir, ".tmp-casefile-backup-*")
	if err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	defer func() { tmp.Close(); os.Remove(tmp.Name()) }()
	enc, err := crypto.SealBackup(tmp, v.mk)
	if err != nil {
		return err
	}
	// On the shared side of the gate: a backup never holds a part of an
	// atomic change (and would roll it back at open if it did).
	if err := v.db.Shared(func() error { _, err := v.db.Backup(enc, 0); return err }); err != nil {
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
	if err := engine.WriteBackup(w, v.dir, created, tmp, size); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	return v.db.Update(func(txn *badger.Txn) error { return txn.Set(keyLastBackup, []byte(created.Format(time.RFC3339))) })
}

// LastBackup is when this vault last wrote a backup (zero if never).
func (v *Vault) LastBackup() (time.Time, error) {
	var t time.Time
	err := v.db.View(func(txn *badger.Txn) error {
		b, ok, err := getRaw(txn, keyLastBackup)
		if err != nil || !ok {
			return err
		}
		t, err = time.Parse(time.RFC3339, string(b))
		return err
	})
	return t, err
}

// BackupOverdue reports whether the app should remind the user: no backup
// younger than a week. (A sync folder, once team sync exists, also counts
// as a copy: the caller passes hasSyncFolder.)
func (v *Vault) BackupOverdue(hasSyncFolder bool) (bool, error) {
	if hasSyncFolder {
		return false, nil
	}
	last, err := v.LastBackup()
	if err != nil {
		return false, err
	}
	return now().Sub(last) > 7*24*time.Hour, nil
}

// Unlocker opens the master key from the key files restored into dir: with
// the passphrase (crypto.UnlockPassphrase), or with the recovery key, in
// which case it must also write a new passphrase file.
type Unlocker func(dir string) (*crypto.MasterKey, error)

// Restore rebuilds a vault in dir (new, or an empty folder) from a backup.
// Everything happens in a staging folder beside dir: the whole backup is
// read and authenticated, the database loaded and checked (Check) before
// the staging folder is renamed to dir. On any failure nothing is left and
// nothing existing was touched. The restored vault gets a new device id and
// device code, so it never reuses references or sync files of its former
// self; its identity (keys sent to colleagues) is kept.
func Restore(src io.Reader, dir string, unlock Unlocker) error {
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
	if err := restoreInto(src, staging, unlock); err != nil {
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

func restoreInto(src io.Reader, staging string, unlock Unlocker) error {
	mk, err := engine.LoadBackup(src, staging, dbDir, unlock)
	if errors.Is(err, engine.ErrNewerBackup) {
		return ErrNewerFormat
	}
	if err != nil {
		return err
	}
	v, err := openDB(staging, mk, false)
	if err != nil {
		// It loaded, and is not a vault (no metadata, an unfinished
		// change that cannot be rolled back…).
		return fmt.Errorf("%w: %v", ErrBadBackup, err)
	}
	defer v.Close()
	device, code := uuid.Must(uuid.NewV7()).String(), model.NewDeviceCode()
	if err := v.db.Update(func(txn *badger.Txn) error {
		if err := txn.Set(keyDevice, []byte(device)); err != nil {
			return err
		}
		return txn.Set(keyDevCode, []byte(code))
	}); err != nil {
		return err
	}
	rep, err := v.Check()
	if err != nil {
		return err
	}
	if !rep.OK() {
		return fmt.Errorf("%w: %s", ErrBadBackup, rep.Problems[0])
	}
	return v.Close()
}
