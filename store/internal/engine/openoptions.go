package engine

import "github.com/dgraph-io/badger/v4"

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

// ApplyOpenOptions changes o as opts say.
func ApplyOpenOptions(o badger.Options, opts []OpenOption) badger.Options {
	for _, opt := range opts {
		if opt == BulkFill {
			o = Bulk(o)
		}
	}
	return o
}
