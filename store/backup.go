package store

import (
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"casefile/crypto"
	"casefile/model"
	"casefile/store/internal/engine"
)

// A backup (docs/bundles.md, "Backups") is a tar of a header, the vault's
// two key files and Badger's backup stream sealed under the master key:
// its format, the snapshot and the restore's staging folder are
// store/internal/engine's (backup.go, snapshot.go). The store makes the
// restored folder a vault of its own (adoptRestored).

// BackupVersion is the backup format this code writes and reads.
const BackupVersion = engine.BackupVersion

// Errors of backup and restore.
var (
	// ErrBadBackup: not a Casefile backup, or a truncated or damaged one.
	ErrBadBackup = engine.ErrBadBackup
	// ErrRestoreTarget: restore writes only into a new or empty folder.
	ErrRestoreTarget = engine.ErrRestoreTarget
)

// Backup writes a consistent snapshot of the whole vault to w, while the
// vault stays usable. The encrypted data is staged in a temporary file in
// tmpDir (ciphertext only) because a tar member needs its size first
// (engine.DB.BackupVault).
func (v *Vault) Backup(w io.Writer, tmpDir string) error {
	if v.isClosed() {
		return ErrClosed
	}
	return v.db.BackupVault(w, tmpDir, v.dir, v.mk, now)
}

// LastBackup is when this vault last wrote a backup (zero if never).
func (v *Vault) LastBackup() (time.Time, error) {
	var t time.Time
	err := v.db.View(func(txn *badger.Txn) (err error) {
		t, err = engine.LastBackup(txn)
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
	err := engine.Restore(src, dir, dbDir, unlock, adoptRestored)
	if errors.Is(err, engine.ErrNewerBackup) {
		return ErrNewerFormat
	}
	return err
}

// adoptRestored makes the database a restore loaded into staging a vault
// of its own: opened (which rolls back what a backup should never hold),
// given a new device id and code, and checked.
func adoptRestored(staging string, mk *crypto.MasterKey) error {
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
