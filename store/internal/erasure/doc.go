// Package erasure plans the erasure of a case (docs/retention.md). It
// reads, in one read-only transaction, what erasing removes; the store
// carries the plan out.
//
// An erasure removes a case and everything that belongs to
// it — its main person and relatives who are in no other case (and the
// tombstones of people merged into them), notes, events, deadlines, deadline
// settings, documents and their bytes, every index entry — and takes those
// records' operations out of the change log, rewriting the log entries that
// also carried other records' operations and deleting those left empty. It
// leaves a tombstone, rec/erasure/<case-id>, written as an ordinary logged
// change so that sync can carry it to colleagues' devices.
//
// Deleting keys is not enough: Badger keeps old versions in its tables and
// value log until compaction and value-log GC. So the erasure then drops
// every erased key prefix with DropPrefix (which rewrites the tables that
// held them), reopens Badger so that it writes to a fresh value-log file,
// and runs value-log GC until no file is left to rewrite.
//
// The erasure is too big for one transaction in general. It is planned
// first and the plan, which holds ids and key prefixes but no personal
// data, is written with the tombstone under meta/erasing/<case-id>; every
// later step is idempotent, and a plan found at open is carried to its end
// (ResumeErasures, which EraseCase and CasesDue run first; Check reports a
// plan left behind). It is not run while opening the vault: an open must
// stay as short as it is, for the crash tests that kill it.

package erasure
