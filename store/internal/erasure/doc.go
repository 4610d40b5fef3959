// Package erasure is erasure's physical side (docs/retention.md): it plans
// the erasure of a case, reading in one read-only transaction what erasing
// removes (PlanCase, PlanReceived, Pending), and carries a plan out
// (CarryOut, CollectValueLog), deleting whole records, their history and
// their change-log operations with every old version Badger keeps.
//
// It never decides whether a case may be erased (the store's EraseDue
// does) and never writes a record: the store writes the tombstone and the
// plan as an ordinary logged change first; CarryOut only deletes what the
// plan lists and writes back the log entries the plan holds, without the
// erased records' operations. Every step can run again after a crash.
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
