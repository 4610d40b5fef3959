// Package store is the vault: a Badger database encrypted with the master key
// that crypto unwraps, holding people, cases, notes, events, deadlines,
// documents and evidence, their indexes and the change log of field-level
// operations that history and sync are made from.
//
// Its invariant: every change is one synced Badger transaction (or one
// atomic change of several, atomic.go) that writes the record, its indexes,
// its change-log entry, its outbox and undo entries together (write.go),
// so a crash leaves all or none. A file name says where a change goes:
//   - the kernel: write.go (change, update, batch: the one way to write, a
//     record always with its log entry), staged.go (bulk creation),
//     atomic.go and gate.go (changes larger than a transaction), vault.go
//     (open, close). stages.go lists, in one place and in order, what
//     features derive from every change and run at open and close (history
//     index, outbox, review indexes, the case feed, open-time repairs): the
//     kernel calls those lists, never a feature;
//   - package changelog (no database): the change log's types, codecs, JSON
//     scanner, last-writer-wins rule and the validators of received
//     changes; changelog.go names them here;
//   - store/internal/layout: every key, and the index values' codecs; no
//     file of store spells a key (layout_lint_test.go);
//   - records and their features: cases.go, edits.go, events.go,
//     deadlines.go, documents.go, evidence.go, erase.go, merge.go…;
//   - repl_*: replication, where a change comes from or goes to another
//     vault: bundle exchange and import (repl_exchange.go, repl_import.go:
//     ImportCases is ImportBundle without documents), the export stream,
//     sync's outbox and application, documents and erasures in sync,
//     collisions;
//   - store/internal/read: the raw reads of one transaction (scans, point
//     reads, a record's decoding) that the store and its read-only
//     packages share;
//   - store/internal/check: the checks run by `casefile check`, read-only;
//     check.go's Vault.Check is their one entry point;
//   - store/internal/feeds: the read feeds that only read (the case list
//     and the deadlines' expiry keys, the search feed, statistics,
//     reminders); feed_*.go keep the Vault methods that open their
//     transaction, and the case feed (feed_cases.go), which follows
//     commits; the weekly review: review*.go; retention: retention.go;
//   - open_*: migrations run at open;
//   - the rules the faces must not decide themselves: the retention guard
//     (EraseDue refuses an open or not-yet-due case) and "a sync and an
//     erasure never overlap" (BeginSync, erasedue.go); whether a passphrase
//     is the vault's own (OpensVault, for bundle.VaultOptions).
//
// Files of a group write records only through change (unexported), so that
// no code can write a record without its log entry; the internal packages
// (read, check, feeds) get a read-only transaction and never import store.
//
// The store imports model, crypto, changelog and search (for the search
// feed's types); it never imports a face (app, cli), bundle or sync, never
// logs personal data, and never writes outside the vault directory. Key
// layout and encodings: docs/vault-format.md; where things go:
// docs/architecture.md.
package store
