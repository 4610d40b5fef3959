package store

import (
	"archive/tar"
	"bytes"
	"encoding/binary"
	"encoding/json"
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

// A backup is a tar file (docs/bundles.md, "Backups") of four members, in
// this order:
//
//	casefile-backup.json  {"format":"casefile-backup","version":1,"created":…}, no personal data
//	key.pass.age          the vault's passphrase key file as it was
//	key.recovery.age      the vault's recovery key file
//	data.age              Badger's backup stream, age-encrypted (crypto.SealBackup)
//
// age allows a passphrase only as the sole recipient of a file, so the
// data is encrypted once, under the master key, and the two key files
// carry the master key to whoever knows the passphrase or the recovery key.

// BackupVersion is the backup format this code writes and reads.
const BackupVersion = 1

const (
	backupFormat   = "casefile-backup"
	backupHeader   = "casefile-backup.json"
	backupDataName = "data.age"
)

var keyLastBackup = []byte(layout.BackupLast)

// Errors of backup and restore.
var (
	// ErrBadBackup: not a Casefile backup, or a truncated or damaged one.
	ErrBadBackup = errors.New("not a Casefile backup, or a damaged one")
	// ErrRestoreTarget: restore writes only into a new or empty folder.
	ErrRestoreTarget = errors.New("restore needs a new or empty folder")
)

type backupMeta struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Created time.Time `json:"created"`
}

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
	tw := tar.NewWriter(w)
	put := func(name string, size int64, r io.Reader) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: size, ModTime: created, Format: tar.FormatPAX}); err != nil {
			return err
		}
		_, err := io.Copy(tw, r)
		return err
	}
	hdr, _ := json.Marshal(backupMeta{Format: backupFormat, Version: BackupVersion, Created: created})
	if err := put(backupHeader, int64(len(hdr)), bytes.NewReader(hdr)); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	for _, name := range []string{crypto.PassFile, crypto.RecoveryFile} {
		b, err := os.ReadFile(filepath.Join(v.dir, name))
		if err != nil {
			return fmt.Errorf("store: backup: %w", err)
		}
		if err := put(name, int64(len(b)), bytes.NewReader(b)); err != nil {
			return fmt.Errorf("store: backup: %w", err)
		}
	}
	if err := put(backupDataName, size, tmp); err != nil {
		return fmt.Errorf("store: backup: %w", err)
	}
	if err := tw.Close(); err != nil {
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
	ar := tar.NewReader(src)
	next := func(want string, limit int64) (*tar.Header, error) {
		h, err := ar.Next()
		if err != nil || h.Name != want || h.Typeflag != tar.TypeReg || h.Size < 0 || h.Size > limit {
			return nil, ErrBadBackup
		}
		return h, nil
	}
	if _, err := next(backupHeader, 4096); err != nil {
		return err
	}
	var meta backupMeta
	if err := json.NewDecoder(io.LimitReader(ar, 4096)).Decode(&meta); err != nil || meta.Format != backupFormat {
		return ErrBadBackup
	}
	if meta.Version > BackupVersion {
		return ErrNewerFormat
	}
	for _, name := range []string{crypto.PassFile, crypto.RecoveryFile} {
		if _, err := next(name, 64<<10); err != nil {
			return err
		}
		b, err := io.ReadAll(ar)
		if err != nil {
			return ErrBadBackup
		}
		if err := atomicfile.Write(filepath.Join(staging, name), b, 0o600); err != nil {
			return err
		}
	}
	mk, err := unlock(staging)
	if err != nil {
		return err
	}
	if _, err := next(backupDataName, 1<<50); err != nil {
		mk.Wipe()
		return err
	}
	plain, err := crypto.OpenBackup(ar, mk)
	if err != nil {
		mk.Wipe()
		if errors.Is(err, crypto.ErrWrongBackupKey) {
			return err
		}
		return ErrBadBackup
	}
	db, err := badger.Open(engine.Options(filepath.Join(staging, dbDir), mk[:]))
	if err != nil {
		mk.Wipe()
		return engine.MapOpenError(err)
	}
	err = db.Load(&checkedFrames{src: plain}, 64)
	if err == nil {
		_, err = io.Copy(io.Discard, plain) // age authenticates the last chunk here
	}
	if err == nil {
		if _, nerr := ar.Next(); nerr != io.EOF {
			err = ErrBadBackup
		}
	}
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		mk.Wipe()
		return fmt.Errorf("%w: %v", ErrBadBackup, err)
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

// maxBackupFrame bounds one frame of Badger's backup stream (a batch of
// keys and values; Badger writes them up to about 100 MiB).
const maxBackupFrame = 1 << 30

// checkedFrames hands Badger's Load a backup stream one whole frame at a
// time (an 8-byte little-endian length, then that many bytes). Load
// allocates the length a frame claims before reading it, and panics on
// one that overflows an int: a frame is read here first, into a buffer
// that grows only with the bytes actually there, so a length the data
// does not back is ErrBadBackup, never an allocation or a crash.
type checkedFrames struct {
	src io.Reader
	buf bytes.Buffer
}

func (c *checkedFrames) Read(p []byte) (int, error) {
	if c.buf.Len() == 0 {
		var head [8]byte
		if _, err := io.ReadFull(c.src, head[:]); err == io.EOF {
			return 0, io.EOF
		} else if err != nil {
			return 0, fmt.Errorf("%w: %v", ErrBadBackup, err)
		}
		n := binary.LittleEndian.Uint64(head[:])
		if n > maxBackupFrame {
			return 0, fmt.Errorf("%w: a frame of %d bytes", ErrBadBackup, n)
		}
		c.buf.Reset()
		c.buf.Write(head[:])
		if got, err := io.CopyN(&c.buf, c.src, int64(n)); err != nil {
			return 0, fmt.Errorf("%w: a frame of %d bytes holds %d", ErrBadBackup, n, got)
		}
	}
	return c.buf.Read(p)
}
