package changelog

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"casefile/model"
)

// Record kinds, used in keys (rec/<kind>/<id>) and change-log operations.
const (
	KindPerson           = "person"
	KindCase             = "case"
	KindNote             = "note"
	KindEvent            = "event"
	KindDeadline         = "deadline"
	KindDeadlineSettings = "deadline-settings"
	KindDocument         = "document"
	KindEvidence         = "evidence"
	// KindErasure is the record kind of an erased case's tombstone.
	KindErasure = "erasure"
	// KindSignOff is a week's sign-off, KindHolidayPolicy the vault's
	// holiday policy: local records, never carried by sync or bundles.
	KindSignOff       = "signoff"
	KindHolidayPolicy = "holiday-policy"
)

// ExportKinds are the record kinds a case carries in a bundle besides its
// documents and its evidence log (after the documents: an entry names its
// proofs); the store's export writes them in the order of its export
// stream.
var ExportKinds = []string{KindPerson, KindCase, KindNote, KindEvent, KindDeadline, KindDeadlineSettings}

// SyncKinds are the record kinds team sync carries: the same as bundles,
// documents (their bytes travel as blobs), the evidence log (after
// documents: an entry names its proofs), and the tombstones of erased
// cases, applied last. Week sign-offs and the holiday policy stay local.
var SyncKinds = append(slices.Clone(ExportKinds), KindDocument, KindEvidence, KindErasure)

// IsSyncKind reports whether team sync carries records of kind.
func IsSyncKind(kind string) bool { return slices.Contains(SyncKinds, kind) }

// KindRank orders "kind/id" names parents first (SyncKinds order), so that
// a case created in an entry is there when its notes are indexed.
func KindRank(rec string) int {
	for i := 0; i < len(rec); i++ {
		if rec[i] == '/' {
			rec = rec[:i]
			break
		}
	}
	return slices.Index(SyncKinds, rec)
}

// MaxEvidenceProofs caps the proof files of one received evidence entry
// (an entry made by a vault has a handful).
const MaxEvidenceProofs = 200

// MaxNameLen caps an author's name, in characters.
const MaxNameLen = 200

// ChunkSize is the size of a document's chunks, in the vault and in the
// chunk count its record carries.
const ChunkSize = 256 << 10

// MaxClockSkew: a received clock value further ahead of the local wall
// clock is flagged by sync (applied, never observed) and refused by a
// bundle import.
const MaxClockSkew = 24 * time.Hour

// Op is one field-level operation in the change log.
type Op struct {
	Entity string          `json:"e"`
	ID     string          `json:"id"`
	Field  string          `json:"f"`
	Value  json.RawMessage `json:"v"`
	Base   model.HLC       `json:"b,omitempty"`
}

// Change is one change-log entry: every operation of one transaction, with
// the clock value, device and author they share. Its key is
// log/<hlc>/<device>, so the log sorts by time.
type Change struct {
	HLC    model.HLC `json:"-"`
	Device string    `json:"-"`
	Author string    `json:"author"`
	Ops    []Op      `json:"ops"`
}

// ExportRecord is one record as a vault stores it.
type ExportRecord struct {
	Kind string               `json:"kind"`
	ID   string               `json:"id"`
	Data json.RawMessage      `json:"data"`
	Ver  map[string]model.HLC `json:"ver"`
}

// ExportChange is a change-log entry with its clock and device, restricted
// to the operations on the records it travels with (a bundle's case, a sync
// segment's kinds).
type ExportChange struct {
	HLC    model.HLC `json:"hlc"`
	Device string    `json:"device"`
	Author string    `json:"author"`
	Ops    []Op      `json:"ops"`
}

// CaseExport is one case with everything that belongs to it: the case, its
// main and related people, notes, events, deadlines, deadline settings and
// documents, and their history.
type CaseExport struct {
	ID      string         `json:"id"`
	Ref     string         `json:"ref"`
	Records []ExportRecord `json:"records"`
	History []ExportChange `json:"history"`
}

// Documents returns the live documents among the case's records, in record
// order: the ones whose bytes a bundle carries.
func (ce *CaseExport) Documents() []model.Document {
	var out []model.Document
	for _, r := range ce.Records {
		if r.Kind != KindDocument {
			continue
		}
		var d model.Document
		if err := json.Unmarshal(r.Data, &d); err != nil || d.Deleted {
			continue
		}
		out = append(out, d)
	}
	return out
}

// Erasure is the tombstone of an erased case. Its id is the case's.
type Erasure struct {
	ID       string    `json:"id"`
	ErasedAt time.Time `json:"erased_at"`
	By       string    `json:"by"`
	// Records lists the erased records (kind/id, ids only): a device that
	// receives the tombstone drops every operation on them, even one
	// written before it heard of the erasure.
	Records []string `json:"records,omitempty"`
}

// ErrInconsistentCases: received cases whose records and history disagree,
// or that name records outside themselves. Nothing of them is written.
var ErrInconsistentCases = errors.New("the cases received are inconsistent")

// ErrBadRemoteChange: a received entry is malformed (bad device id, clock,
// record kind or id, field name or value). The sync package reports the
// segment that carried it and applies none of it.
var ErrBadRemoteChange = errors.New("malformed change received")

// ErrFutureClock: received cases whose history or field versions carry a
// clock value more than MaxClockSkew ahead of this device's clock (the
// sender's clock is wrong, or the values were forged). Taken, such a value
// would outrank every later edit of the field here; the cases are refused
// whole, as sync's horizon would flag them.
var ErrFutureClock error = futureClockError{}

type futureClockError struct{}

func (futureClockError) Error() string      { return "changes dated in the future" }
func (futureClockError) MessageKey() string { return "bundle.err.future_clock" }

// Typed decodes a record's data into its model type (a pointer).
func Typed(kind string, data []byte) (any, error) {
	var rec any
	switch kind {
	case KindCase:
		rec = &model.Case{}
	case KindPerson:
		rec = &model.Person{}
	case KindNote:
		rec = &model.Note{}
	case KindEvent:
		rec = &model.Event{}
	case KindDeadline:
		rec = &model.Deadline{}
	case KindDeadlineSettings:
		rec = &model.DeadlineSettings{}
	case KindDocument:
		rec = &model.Document{}
	case KindErasure:
		rec = &Erasure{}
	case KindEvidence:
		rec = &model.Evidence{}
	default:
		return nil, fmt.Errorf("unknown record kind %q", kind)
	}
	if err := json.Unmarshal(data, rec); err != nil {
		return nil, err
	}
	return rec, nil
}

// RecordID is the id a decoded record carries.
func RecordID(rec any) string {
	switch r := rec.(type) {
	case *model.Case:
		return r.ID
	case *model.Person:
		return r.ID
	case *model.Note:
		return r.ID
	case *model.Event:
		return r.ID
	case *model.Deadline:
		return r.ID
	case *model.DeadlineSettings:
		return r.ID
	case *model.Document:
		return r.ID
	case *Erasure:
		return r.ID
	case *model.Evidence:
		return r.ID
	}
	return ""
}
