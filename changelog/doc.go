// Package changelog is the vault's change log on the wire and on disk,
// without the database: the record kinds, the field-level operations and
// the entries that group them (Op, Change), the records and cases that
// leave a vault (ExportRecord, ExportChange, CaseExport), the record
// envelope and change-entry codecs with the one JSON scanner that reads
// them back (scan.go), the diff that turns a record edit into operations,
// the last-writer-wins rule (Wins, Fold: written once, asked by sync,
// `check`, bundle import and the collisions), and the validators of
// received changes (CheckExport, CheckRemoteChanges, DocumentOps).
//
// It imports model and nothing of the vault: store, bundle and sync import
// it. Formats: docs/vault-format.md ("Change log") and docs/bundles.md.
package changelog
