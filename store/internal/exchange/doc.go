// Package exchange holds what replication reads and decides, never what it
// writes: the export of cases (records, with the history that set them) in
// one read-only transaction, the preview of an import and the merge of an
// incoming record into the local one (per field, the higher version wins),
// and the collisions derived from the change log. The store writes what
// these decide, through its one write path (a record always with its
// change-log entry); this package is given a read-only transaction or
// plain values, imports changelog, layout and read, and never store.
package exchange
