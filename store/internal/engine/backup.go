package engine

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

	"casefile/crypto"
	"casefile/internal/atomicfile"
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

// The format's name in the header, and the names of the header and data
// members.
const (
	backupFormat   = "casefile-backup"
	BackupHeader   = "casefile-backup.json"
	BackupDataName = "data.age"
)

// Errors of reading a backup.
var (
	// ErrBadBackup: not a Casefile backup, or a truncated or damaged one.
	ErrBadBackup = errors.New("not a Casefile backup, or a damaged one")
	// ErrNewerBackup: a backup written by a newer Casefile.
	ErrNewerBackup = errors.New("backup written by a newer version")
)

type backupMeta struct {
	Format  string    `json:"format"`
	Version int       `json:"version"`
	Created time.Time `json:"created"`
}

// WriteBackup writes the backup's tar to w: its header (created), the
// two key files of the vault in dir as they are, then size bytes of data,
// Badger's backup stream already sealed under the master key
// (crypto.SealBackup).
func WriteBackup(w io.Writer, dir string, created time.Time, data io.Reader, size int64) error {
	tw := tar.NewWriter(w)
	put := func(name string, size int64, r io.Reader) error {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: size, ModTime: created, Format: tar.FormatPAX}); err != nil {
			return err
		}
		_, err := io.Copy(tw, r)
		return err
	}
	hdr, _ := json.Marshal(backupMeta{Format: backupFormat, Version: BackupVersion, Created: created})
	if err := put(BackupHeader, int64(len(hdr)), bytes.NewReader(hdr)); err != nil {
		return err
	}
	for _, name := range []string{crypto.PassFile, crypto.RecoveryFile} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		if err := put(name, int64(len(b)), bytes.NewReader(b)); err != nil {
			return err
		}
	}
	if err := put(BackupDataName, size, data); err != nil {
		return err
	}
	return tw.Close()
}

// LoadBackup reads a backup from src into the new folder staging: it
// checks the header, writes the key files, opens the master key with
// unlock, then loads the database (in staging's dbDir) from the data,
// authenticated to its end. On an error the caller removes staging; the
// master key is returned only on success.
func LoadBackup(src io.Reader, staging, dbDir string, unlock func(dir string) (*crypto.MasterKey, error)) (*crypto.MasterKey, error) {
	ar := tar.NewReader(src)
	next := func(want string, limit int64) (*tar.Header, error) {
		h, err := ar.Next()
		if err != nil || h.Name != want || h.Typeflag != tar.TypeReg || h.Size < 0 || h.Size > limit {
			return nil, ErrBadBackup
		}
		return h, nil
	}
	if _, err := next(BackupHeader, 4096); err != nil {
		return nil, err
	}
	var meta backupMeta
	if err := json.NewDecoder(io.LimitReader(ar, 4096)).Decode(&meta); err != nil || meta.Format != backupFormat {
		return nil, ErrBadBackup
	}
	if meta.Version > BackupVersion {
		return nil, ErrNewerBackup
	}
	for _, name := range []string{crypto.PassFile, crypto.RecoveryFile} {
		if _, err := next(name, 64<<10); err != nil {
			return nil, err
		}
		b, err := io.ReadAll(ar)
		if err != nil {
			return nil, ErrBadBackup
		}
		if err := atomicfile.Write(filepath.Join(staging, name), b, 0o600); err != nil {
			return nil, err
		}
	}
	mk, err := unlock(staging)
	if err != nil {
		return nil, err
	}
	if _, err := next(BackupDataName, 1<<50); err != nil {
		mk.Wipe()
		return nil, err
	}
	plain, err := crypto.OpenBackup(ar, mk)
	if err != nil {
		mk.Wipe()
		if errors.Is(err, crypto.ErrWrongBackupKey) {
			return nil, err
		}
		return nil, ErrBadBackup
	}
	db, err := badger.Open(Options(filepath.Join(staging, dbDir), mk[:]))
	if err != nil {
		mk.Wipe()
		return nil, MapOpenError(err)
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
		return nil, fmt.Errorf("%w: %v", ErrBadBackup, err)
	}
	return mk, nil
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
