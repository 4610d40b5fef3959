// Package store is the vault: a Badger database encrypted with the master key
// that crypto unwraps, holding people, cases, notes, events, deadlines,
// documents and evidence, their indexes and the change log of field-level
// operations that history and sync are made from.
//
// Its invariant: every change is one synced Badger transaction (or one
// atomic change of several, atomic.go) that writes the record, its indexes,
// its change-log entry, its outbox and undo entries together (write.go),
// so a crash leaves all or none. Around that kernel it owns:
//   - replication: bundle exchange and import (exchange.go,
//     importbundle.go: ImportCases is ImportBundle without documents),
//     export streaming, sync application, erasure sync, collisions;
//   - the checks run by `casefile check` (check*.go);
//   - read feeds: the case list and its filter, search feed, statistics,
//     reminders, the weekly review, retention (CasesDue);
//   - the rules the faces must not decide themselves: the retention
//     guard (EraseDue refuses an open or not-yet-due case) and "a sync and
//     an erasure never overlap" (BeginSync, erasedue.go); whether a
//     passphrase is the vault's own (OpensVault, for bundle.VaultOptions).
//
// The store imports model, crypto and search (for the search feed's
// types); it never imports a face (app, cli), bundle or sync, never logs
// personal data, and never writes outside the vault directory. Key layout
// and encodings: docs/vault-format.md; where things go: docs/architecture.md.
package store
