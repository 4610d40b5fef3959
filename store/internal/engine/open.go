package engine

import (
	"errors"
	"fmt"
	"log"
	"os"
	"strings"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// Errors of opening the database, which the faces branch on (the store
// names them too).
var (
	// ErrVaultInUse: another Casefile (the app or a CLI command) has the vault open.
	ErrVaultInUse = errors.New("the vault is open in another Casefile window or command")
	// ErrKeyMismatch: the key files do not belong to this database.
	ErrKeyMismatch = errors.New("the key files do not match this vault's database")
)

// Open opens the Badger database in dir with opts (Options, maybe Bulk),
// after removing the empty files a kill at the wrong instant leaves
// (DropEmptyMemtables); its errors are ErrVaultInUse, ErrKeyMismatch or
// wrapped.
func Open(dir string, opts badger.Options) (*badger.DB, error) {
	DropEmptyMemtables(dir)
	db, err := badger.Open(opts)
	return db, MapOpenError(err)
}

// MapOpenError names the errors of Badger's open that the faces explain.
func MapOpenError(err error) error {
	if err == nil {
		return nil
	}
	if strings.Contains(err.Error(), "Cannot acquire directory lock") {
		return ErrVaultInUse
	}
	if strings.Contains(err.Error(), "Encryption key mismatch") {
		return ErrKeyMismatch
	}
	return fmt.Errorf("store: open: %w", err)
}

var logger = log.New(os.Stderr, "casefile: ", log.LstdFlags)

// Logf logs a line of the store's (never personal data).
func Logf(format string, a ...any) { logger.Printf(format, a...) }

// Badger's defaults are sized for servers (64 MiB memtables × 5, 1 GiB
// value-log files mapped at twice that, 256 MiB block cache). A vault lives on
// a laptop beside a browser and a word processor, so it is sized down. What
// each setting costs is in docs/vault-format.md ("Memory").
const (
	memTableSize     = 8 << 20  // 8 MiB; one transaction may use 15% of it (~1.2 MiB)
	numMemtables     = 2        // at most 16 MiB of memtables
	valueLogFileSize = 64 << 20 // 64 MiB value-log files
	valueThreshold   = 64 << 10 // values above 64 KiB (< 15% of a memtable) go to the value log
	blockCacheSize   = 16 << 20 // decrypted, decompressed blocks
	indexCacheSize   = 16 << 20 // table indexes and bloom filters
	baseTableSize    = 2 << 20
)

// Compression is Snappy: cheap enough to keep bulk writes fast (ZSTD cost a
// third of the CPU of a demo fill for little gain on small records). A variable so the
// at-rest test can switch it off and show that encryption alone hides data.
var Compression = options.Snappy

// Options are the vault database's options: in dir, encrypted with key
// (nil: not encrypted, for tests that look at the files).
func Options(dir string, key []byte) badger.Options {
	opts := badger.DefaultOptions(dir)
	// Every level's tables stay 2 MiB: a table builder reserves twice its
	// table size, and with Badger's default multiplier of 2 the deepest
	// levels' builders reserved 64-128 MiB each during compaction.
	opts.TableSizeMultiplier = 1
	return opts.
		WithEncryptionKey(key).
		WithSyncWrites(true).
		WithMemTableSize(memTableSize).
		WithNumMemtables(numMemtables).
		WithNumLevelZeroTables(3).
		WithNumLevelZeroTablesStall(8).
		WithValueLogFileSize(valueLogFileSize).
		WithValueThreshold(valueThreshold).
		WithBlockCacheSize(blockCacheSize).
		WithIndexCacheSize(indexCacheSize).
		WithBaseTableSize(baseTableSize).
		WithNumCompactors(2).
		WithNumGoroutines(2).
		WithCompression(Compression).
		WithMetricsEnabled(false).
		WithLogger(quietLogger{})
}

// Bulk changes opts to write many cases at once (store.BulkFill, which
// says why): Badger compacts level 0 by 50 tables instead of 3, above a
// first level of 256 MiB, and compacts what is left when it closes.
func Bulk(o badger.Options) badger.Options {
	o.NumLevelZeroTables = 50
	o.NumLevelZeroTablesStall = 100
	o.BaseLevelSize = 256 << 20
	o.CompactL0OnClose = true
	return o
}

// quietLogger passes on Badger's warnings and errors (which name files and
// sizes, never record contents) and drops its chatty info and debug lines.
type quietLogger struct{}

func (quietLogger) Errorf(f string, a ...any)   { Logf("badger error: "+f, a...) }
func (quietLogger) Warningf(f string, a ...any) { Logf("badger warning: "+f, a...) }
func (quietLogger) Infof(string, ...any)        {}
func (quietLogger) Debugf(string, ...any)       {}
