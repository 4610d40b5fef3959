// Package engine is the vault's storage engine: Badger opened with the
// vault's sizes and key (open.go, openoptions.go), the gate that keeps
// readers out of a change being applied in several transactions (gate.go),
// the journal and undo log that make such a change all or nothing, even
// across a crash (atomic.go, atomically.go), whole-database backups and
// restores (backup.go, snapshot.go), the drafts' keys (drafts.go), and the
// repairs Badger needs after a killed process (memfix_*.go) or a long scan
// (trim_*.go).
//
// It is the one package besides the store's kernel that writes raw keys,
// and only keys of its own mechanics: atomic-change markers and undo
// entries, the last-backup stamp, drafts, and a restored database as a
// whole. It never decides what a record holds, and never writes a record
// without its change-log entry: what a rollback writes back are the bytes
// the kernel wrote before, and a restore loads a backup the kernel's
// database made. Erasure's deletions by plan are store/internal/erasure's.
package engine
