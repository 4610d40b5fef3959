// Package store is the vault: a Badger database encrypted with the master key
// that crypto unwraps, holding people, cases, notes, events, deadlines,
// documents and evidence, their indexes and the change log of field-level
// operations that history and sync are made from.
//
// Its invariant: every change is one synced Badger transaction (or one
// atomic change of several) that writes the record, its indexes, its
// change-log entry, its outbox and undo entries together (write.go), so a
// crash leaves all or none. Package store is that kernel and the writes of
// every feature; what only reads, or decides before a write, lives in
// store/internal, one folder per concept. A file or folder name says where
// a change goes:
//   - the kernel: write.go (change, update, batch: the one way to write, a
//     record always with its log entry), staged.go (bulk creation),
//     atomic.go (an atomic change: the closing checks around
//     engine.DB.Atomically), vault.go (open, close). stages.go lists, in
//     one place and in order, what features derive from every change and
//     run at open and close (history index, outbox, review indexes, the
//     case feed, open-time repairs): the kernel calls those lists, never a
//     feature;
//   - records and their writes: cases.go, edits.go, events.go,
//     deadlines.go, documents.go, evidence.go, merge.go, recompute.go,
//     bulkedit.go…; their reads and decisions (a form's edits merged
//     against the versions it loaded, the merge of two people, the
//     deadline writes a plan calls for, the case state) are
//     store/internal/records, the address book's reads
//     store/internal/contacts;
//   - repl_*: replication's writes (bundle import, sync application,
//     the outbox, documents and erasures in sync, collisions resolved);
//     its reads and decisions (the export stream, an import's preview and
//     record merge, collisions derived from the log, the outbox and log
//     reads) are store/internal/exchange;
//   - erase.go, erasedue.go: erasure (the tombstone, the plan written,
//     the reopen); what an erasure removes and carrying the plan out are
//     store/internal/erasure;
//   - feed_*.go, review*.go, retention.go: the Vault methods of the read
//     feeds, which are store/internal/feeds (the case list, the due-index
//     scan, the weekly review and its indexes' rules, retention, the
//     search feed, statistics, reminders); the case feed's mechanics are
//     store/internal/casefeed;
//   - open_*: migrations run at open;
//   - the rules the faces must not decide themselves: the retention guard
//     (EraseDue refuses an open or not-yet-due case) and "a sync and an
//     erasure never overlap" (BeginSync, erasedue.go); whether a passphrase
//     is the vault's own (OpensVault, for bundle.VaultOptions);
//   - below all of them: package changelog (no database: the change log's
//     types, codecs, JSON scanner, last-writer-wins rule, validators;
//     changelog.go names them here), store/internal/layout (every key and
//     index codec; no other file spells a key, layout_lint_test.go),
//     store/internal/read (the raw reads of one transaction),
//     store/internal/check (`casefile check`, read-only; check.go is its
//     one entry point) and store/internal/engine (Badger sized and opened,
//     the gate and journal of atomic changes, backups' format and
//     restore's staging, drafts' keys).
//
// Only package store writes a record, and only through change
// (unexported): no code can write a record without its log entry. The
// internal packages never import store; they are given a read-only
// transaction or plain values, and return results the store writes. The
// exceptions write raw keys of their own mechanics and never a record's
// content: engine (undo entries, drafts, the backup stamp, a restored
// database) and erasure's CarryOut (deletions by a plan).
//
// The store imports model, crypto, changelog and search (for the search
// feed's types); it never imports a face (app, cli), bundle or sync, never
// logs personal data, and never writes outside the vault directory. Key
// layout and encodings: docs/vault-format.md; where things go:
// docs/architecture.md.
package store
