package store

import (
	"casefile/changelog"
	"casefile/store/internal/layout"
)

// The change log's types, codecs and rules live in package changelog
// (no database); these names keep the store's API as it was.
type (
	Op           = changelog.Op
	Change       = changelog.Change
	ExportRecord = changelog.ExportRecord
	ExportChange = changelog.ExportChange
	CaseExport   = changelog.CaseExport
	Erasure      = changelog.Erasure
	// envelope is a stored record (changelog.Envelope).
	envelope = changelog.Envelope
)

// Record kinds (changelog).
const (
	KindPerson           = changelog.KindPerson
	KindCase             = changelog.KindCase
	KindNote             = changelog.KindNote
	KindEvent            = changelog.KindEvent
	KindDeadline         = changelog.KindDeadline
	KindDeadlineSettings = changelog.KindDeadlineSettings
	KindDocument         = changelog.KindDocument
	KindEvidence         = changelog.KindEvidence
	KindErasure          = changelog.KindErasure
)

// MaxEvidenceProofs caps the proof files of one received evidence entry.
const MaxEvidenceProofs = changelog.MaxEvidenceProofs

// ChunkSize is the size of a document's chunks.
const ChunkSize = changelog.ChunkSize

// MaxClockSkew: a remote clock value further ahead of the local wall clock
// is applied (every vault must apply the same set) but flagged, and never
// moves this vault's clock.
const MaxClockSkew = changelog.MaxClockSkew

// Errors of received changes (changelog).
var (
	ErrInconsistentCases = changelog.ErrInconsistentCases
	ErrBadRemoteChange   = changelog.ErrBadRemoteChange
	ErrFutureClock       = changelog.ErrFutureClock
)

// SyncKinds are the record kinds team sync carries (changelog.SyncKinds).
var SyncKinds = changelog.SyncKinds

// exportKinds are the record kinds a case carries, in the order they are
// written.
var exportKinds = changelog.ExportKinds

// CheckExport verifies a received case on its own against this vault's
// clock (changelog.CheckExportAt).
func CheckExport(ce *CaseExport) error { return changelog.CheckExportAt(ce, now()) }

// CheckRemoteChanges validates received entries without touching the vault
// (changelog).
func CheckRemoteChanges(changes []ExportChange) error { return changelog.CheckRemoteChanges(changes) }

// DocumentOps lists, among changes, the documents created and deleted
// (changelog).
func DocumentOps(changes []ExportChange) (created, deleted []string) {
	return changelog.DocumentOps(changes)
}

// CleanExport cleans the document names of a received case (changelog).
func CleanExport(ce *CaseExport) { changelog.CleanExport(ce) }

// CaseSummary is one row of the case list (its codec: layout).
type CaseSummary = layout.CaseSummary
