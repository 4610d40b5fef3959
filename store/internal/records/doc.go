// Package records holds the store's reads and decisions about records
// (cases, people, events, evidence, deadlines): what a form loaded and how
// a user's field edits merge against the versions they saw, the merge of
// two people, a record's history from the history index, the deadlines a
// case's plan calls for, and the ANEF malfunctions of the old shape read as
// the evidence entries they become.
//
// It owns the answers, never the writes: its functions read through a
// read-only *badger.Txn, or compute pure results (a merged record, a plan
// of deadline writes, a list of field changes) that package store applies
// through its one way to write (change, store/write.go), so that a record
// is never written without its change-log entry. It spells no key (it uses
// layout's builders) and never imports store.
package records
