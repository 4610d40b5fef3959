package store

import (
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"casefile/crypto"
	"casefile/internal/atomicfile"
	"casefile/model"
	"casefile/store/internal/engine"
	"casefile/store/internal/layout"
)

// FormatVersion is the layout version this code writes (meta/format).
const FormatVersion = 1

const dbDir = "db"

// Vault is an unlocked vault. Its methods are safe for concurrent use.
// Close it (lock) when done: that closes Badger and wipes the master key.
type Vault struct {
	dir    string
	db     *engine.DB // Badger behind the gate of atomic changes (engine)
	mk     *crypto.MasterKey
	clock  *model.Clock
	device string // UUIDv7 of this installation
	code   string // two-character device code used in case references
	author string

	mu     sync.Mutex // serialises reference allocation
	closed bool

	// Long background reads (the search index built at unlock) hold gate
	// for reading; Close sets closing, which makes them stop early, then
	// takes gate for writing, so Badger never closes under an iterator.
	gate    sync.RWMutex
	closing atomic.Bool

	feed feed // the case feed (feed_cases.go)

	// syncErase keeps a team sync and an erasure apart (erasedue.go).
	syncErase sync.Mutex
}

// Created is what Create hands back once: the open vault and the recovery
// key to show the user.
type Created struct {
	Vault       *Vault
	RecoveryKey string
}

// Create makes a new vault in dir (created 0700 if missing): master key,
// recovery key file, encrypted database, then the passphrase key file last,
// so that a vault exists only once every part of it does. Left-overs of a
// creation that was interrupted are cleared first.
func Create(dir, passphrase string, opts ...OpenOption) (*Created, error) {
	if crypto.Exists(dir) {
		return nil, crypto.ErrVaultExists
	}
	if n := len([]rune(passphrase)); n < crypto.MinPassphraseLen {
		return nil, crypto.ErrPassphraseTooShort
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("store: create %s: %w", dir, err)
	}
	if err := clearPartial(dir); err != nil {
		return nil, err
	}
	mk, recovery, err := crypto.CreateKeyFiles(dir)
	if err != nil {
		return nil, err
	}
	v, err := openDB(dir, mk, true, opts...)
	if err != nil {
		return nil, err
	}
	if err := crypto.WritePassFile(dir, mk, passphrase); err != nil {
		v.Close()
		return nil, err
	}
	return &Created{Vault: v, RecoveryKey: recovery}, nil
}

// clearPartial removes what an interrupted Create left: only Casefile's own
// names, never anything else a user keeps in that folder.
func clearPartial(dir string) error {
	for _, name := range []string{crypto.RecoveryFile, dbDir} {
		if err := os.RemoveAll(filepath.Join(dir, name)); err != nil {
			return fmt.Errorf("store: clear interrupted creation: %w", err)
		}
	}
	return atomicfile.CleanTemp(dir)
}

// Open unlocks the vault in dir with the passphrase. A wrong passphrase
// returns crypto.ErrWrongPassphrase and changes nothing on disk.
func Open(dir, passphrase string, opts ...OpenOption) (*Vault, error) {
	mk, err := crypto.UnlockPassphrase(dir, passphrase)
	releaseScryptMemory()
	if err != nil {
		return nil, err
	}
	return openDB(dir, mk, false, opts...)
}

// releaseScryptMemory hands the 256 MiB that scrypt just used back to the
// operating system at once; Go's scavenger would otherwise keep it resident
// for minutes, and a laptop running Casefile all day should not carry it.
func releaseScryptMemory() { debug.FreeOSMemory() }

// OpenWithRecovery unlocks the vault with the recovery key and, before the
// database is opened, replaces the passphrase with newPassphrase.
func OpenWithRecovery(dir, recoveryKey, newPassphrase string) (*Vault, error) {
	if n := len([]rune(newPassphrase)); n < crypto.MinPassphraseLen {
		return nil, crypto.ErrPassphraseTooShort
	}
	mk, err := crypto.UnlockRecovery(dir, recoveryKey)
	if err != nil {
		return nil, err
	}
	err = crypto.WritePassFile(dir, mk, newPassphrase)
	releaseScryptMemory()
	if err != nil {
		mk.Wipe()
		return nil, err
	}
	return openDB(dir, mk, false)
}

// ChangePassphrase rewrites key.pass.age for the new passphrase, atomically;
// nothing else changes. The old passphrase is checked first.
func ChangePassphrase(dir, oldPassphrase, newPassphrase string) error {
	if n := len([]rune(newPassphrase)); n < crypto.MinPassphraseLen {
		return crypto.ErrPassphraseTooShort
	}
	mk, err := crypto.UnlockPassphrase(dir, oldPassphrase)
	if err != nil {
		return err
	}
	defer mk.Wipe()
	return crypto.WritePassFile(dir, mk, newPassphrase)
}

// openDB opens Badger with the master key; fresh writes the metadata of a
// new vault first.
func openDB(dir string, mk *crypto.MasterKey, fresh bool, opts ...OpenOption) (*Vault, error) {
	if err := atomicfile.CleanTemp(dir); err != nil {
		return nil, err
	}
	path := filepath.Join(dir, dbDir)
	db, err := engine.Open(path, applyOpenOptions(engine.Options(path, mk[:]), opts))
	if err != nil {
		mk.Wipe()
		return nil, err
	}
	v := &Vault{dir: dir, db: &engine.DB{DB: db}, mk: mk, author: defaultAuthor()}
	// What must run before anything reads (stages.go).
	if err := v.runOpen(openBeforeMeta); err != nil {
		v.Close()
		return nil, err
	}
	if fresh {
		if err := v.initMeta(); err != nil {
			v.Close()
			return nil, err
		}
	}
	if err := v.loadMeta(); err != nil {
		v.Close()
		return nil, err
	}
	// Features finish what a crash or an older version left (stages.go).
	if err := v.runOpen(openAfterMeta); err != nil {
		v.Close()
		return nil, err
	}
	return v, nil
}

func defaultAuthor() string {
	if u, err := user.Current(); err == nil {
		if u.Name != "" {
			return u.Name
		}
		return u.Username
	}
	return "?"
}

var (
	keyFormat  = []byte(layout.Format)
	keyDevice  = []byte(layout.Device)
	keyDevCode = []byte(layout.DevCode)
	keyAuthor  = []byte(layout.Author)
)

func (v *Vault) initMeta() error {
	id, err := uuid.NewV7()
	if err != nil {
		return fmt.Errorf("store: device id: %w", err)
	}
	return v.db.Update(func(txn *badger.Txn) error {
		for k, val := range map[string]string{
			string(keyFormat):  strconv.Itoa(FormatVersion),
			string(keyDevice):  id.String(),
			string(keyDevCode): model.NewDeviceCode(),
		} {
			if err := txn.Set([]byte(k), []byte(val)); err != nil {
				return err
			}
		}
		return nil
	})
}

func (v *Vault) loadMeta() error {
	err := v.db.View(func(txn *badger.Txn) error {
		get := func(k []byte) (string, error) {
			item, err := txn.Get(k)
			if err != nil {
				return "", err
			}
			b, err := item.ValueCopy(nil)
			return string(b), err
		}
		f, err := get(keyFormat)
		if err != nil {
			return fmt.Errorf("store: vault metadata missing: %w", err)
		}
		if n, _ := strconv.Atoi(f); n > FormatVersion {
			return ErrNewerFormat
		}
		if v.device, err = get(keyDevice); err != nil {
			return err
		}
		if v.code, err = get(keyDevCode); err != nil {
			return err
		}
		if a, err := get(keyAuthor); err == nil && a != "" {
			v.author = a
		}
		return nil
	})
	if err != nil {
		return err
	}
	last, err := v.lastHLC()
	if err != nil {
		return err
	}
	v.clock = model.NewClock(last)
	return nil
}

// Dir is the vault directory.
func (v *Vault) Dir() string { return v.dir }

// Device is this installation's device id (UUIDv7).
func (v *Vault) Device() string { return v.device }

// DeviceCode is the two-character code in the case references this device
// hands out.
func (v *Vault) DeviceCode() string { return v.code }

// Author is the name recorded on every change made through this vault.
func (v *Vault) Author() string { return v.author }

// SetAuthor changes the name recorded on later changes, durably. The name
// is trimmed; an empty one or one with control characters is refused
// (CheckName).
func (v *Vault) SetAuthor(name string) error {
	name = strings.TrimSpace(name)
	if err := CheckName("author", name); err != nil {
		return err
	}
	if err := v.db.Update(func(txn *badger.Txn) error { return txn.Set(keyAuthor, []byte(name)) }); err != nil {
		return fmt.Errorf("store: set author: %w", err)
	}
	v.author = name
	return nil
}

// Close locks the vault: Badger is closed (flushing what it holds) and the
// master key is wiped. Calling Close twice is harmless.
func (v *Vault) Close() error {
	for _, h := range closeFirst { // stages.go
		h(v)
	}
	v.closing.Store(true)
	v.gate.Lock()
	defer v.gate.Unlock()
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return nil
	}
	v.closed = true
	// Features' last work with the gate held (stages.go: the compaction
	// an erasure received through sync left); a failure here is reported,
	// the vault still closes.
	var errs []error
	for _, h := range closeBeforeBadger {
		errs = append(errs, h(v))
	}
	err := errors.Join(append(errs, v.db.Close())...)
	if v.mk != nil {
		v.mk.Wipe()
	}
	return err
}

// longRead runs fn in a read transaction that Close waits for; fn should
// return ErrClosed soon after v.closing is set.
func (v *Vault) longRead(fn func(txn *badger.Txn) error) error {
	v.gate.RLock()
	defer v.gate.RUnlock()
	if v.isClosed() || v.closing.Load() {
		return ErrClosed
	}
	return v.db.View(fn)
}

// ReleaseMappedTables tells the kernel that this process no longer needs
// the pages of the vault's table files it has touched (its resident memory
// after a full scan), and returns how many bytes of mappings it advised;
// engine.PageOut says how and why it is harmless. Nothing is done outside
// Linux.
func (v *Vault) ReleaseMappedTables() int64 {
	if v.isClosed() {
		return 0
	}
	return engine.PageOut(filepath.Join(v.dir, dbDir), ".sst")
}

// RunGC reclaims value-log space; call it when the app is idle.
func (v *Vault) RunGC() {
	for v.db.RunValueLogGC(0.5) == nil {
	}
}

// now is the clock used for dates the vault fills in (opened date, note time).
var now = time.Now

func (v *Vault) today() model.Date { return model.ParisDate(now()) }

var errStop = errors.New("stop")

// reopenDB closes Badger and opens it again with the same key, waiting for
// long reads to finish first (as Close does).
func (v *Vault) reopenDB() error {
	v.gate.Lock()
	defer v.gate.Unlock()
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.closed {
		return ErrClosed
	}
	if err := v.db.Close(); err != nil {
		return fmt.Errorf("store: reopen: %w", err)
	}
	db, err := v.openBadger()
	if err != nil {
		v.closed = true
		return err
	}
	v.db.DB = db
	return nil
}

// openBadger opens the vault's Badger database with its key.
func (v *Vault) openBadger() (*badger.DB, error) {
	var key []byte
	if v.mk != nil {
		key = v.mk[:]
	}
	path := filepath.Join(v.dir, dbDir)
	opts := engine.Options(path, key)
	if key == nil {
		opts = opts.WithIndexCacheSize(0)
	}
	return engine.Open(path, opts)
}
