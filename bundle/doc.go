// Package bundle writes and reads *.casefile.age files: one or more cases,
// with their records and history, in a signed archive inside an age stream,
// handed to a colleague outside the team (docs/bundles.md describes the
// format, its versions and its threat model).
//
// It owns the file format only: what a case is and how it merges into a
// vault belong to store (changelog.CaseExport, store.Vault.ImportCases). It
// never writes anything but the bundle it is asked to write, and never
// extracts an archive to disk: entries are read into memory, by name, with
// size limits.
package bundle
