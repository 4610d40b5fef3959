package store

import (
	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

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

// compression is Snappy: cheap enough to keep bulk writes fast (ZSTD cost a
// third of the CPU of a demo fill for little gain on small records). A variable so the
// at-rest test can switch it off and show that encryption alone hides data.
var compression = options.Snappy

func badgerOptions(dir string, key []byte) badger.Options {
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
		WithCompression(compression).
		WithMetricsEnabled(false).
		WithLogger(quietLogger{})
}

// OpenOption changes how Open or Create opens the vault's database for the
// life of that Vault; nothing of it is stored, and the next Open is as
// usual.
type OpenOption int

// BulkFill opens the vault to write many cases at once (casefile demo).
// Writes, encryption, compression, synced commits and the memtable size
// (hence recovery after a crash) are unchanged; what changes is when Badger
// compacts: level 0 may hold up to 50 tables (stalling writes at 100)
// instead of 3 (8), and the first level below it is 256 MiB instead of 10.
// During a fill every new level-0 table spans the whole key space (ids
// sort by time, but every prefix — records, indexes, log, outbox — gets
// keys), so each level-0 compaction rewrites the whole base level: merging
// 50 tables at a time rewrites it far less often. A 100,000-case demo
// spent 58 s of CPU compacting with the usual settings (18 s with 30
// tables and 128 MiB, less with these). The level-0 tables left at the end
// are compacted when the fill closes (about 3 s on that demo): left to the
// next ordinary Open, that compaction ran beside the app's first reads and
// took its peak from about 0.45 to 1.56 GB. What remains for that Open is
// moving data down levels sized for ordinary use (Vault.Compacting).
const BulkFill OpenOption = 1

func applyOpenOptions(o badger.Options, opts []OpenOption) badger.Options {
	for _, opt := range opts {
		if opt == BulkFill {
			o.NumLevelZeroTables = 50
			o.NumLevelZeroTablesStall = 100
			o.BaseLevelSize = 256 << 20
			o.CompactL0OnClose = true
		}
	}
	return o
}

// quietLogger passes on Badger's warnings and errors (which name files and
// sizes, never record contents) and drops its chatty info and debug lines.
type quietLogger struct{}

func (quietLogger) Errorf(f string, a ...any)   { logf("badger error: "+f, a...) }
func (quietLogger) Warningf(f string, a ...any) { logf("badger warning: "+f, a...) }
func (quietLogger) Infof(string, ...any)        {}
func (quietLogger) Debugf(string, ...any)       {}
