// Package store is the vault: a Badger database encrypted with the master key
// that crypto unwraps, holding people, cases and notes, their indexes and the
// change log of field-level operations that history and sync are made from.
//
// Every change is one synced Badger transaction that writes the record, its
// indexes and its change-log entry together, so a crash leaves all or none.
// The store never imports a face (app, cli) or sync, never logs personal
// data, and never writes outside the vault directory. Key layout and
// encodings: docs/vault-format.md.
package store
