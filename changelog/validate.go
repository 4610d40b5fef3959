package changelog

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/google/uuid"

	"casefile/model"
)

// Everything received (a bundle's cases, a sync segment's entries) is
// hostile until these validators pass it: they look at the changes alone,
// before anything is compared with a vault.

// CheckExport verifies a received case on its own, now: see CheckExportAt.
func CheckExport(ce *CaseExport) error { return CheckExportAt(ce, time.Now()) }

// CheckExportAt verifies a received case on its own, before anything is
// compared with a vault: known record kinds, well-formed ids, every record
// belonging to the case, no clock more than MaxClockSkew after now, and the
// records agreeing field by field, version by version, with the history
// (as `casefile check` does).
func CheckExportAt(ce *CaseExport, now time.Time) error {
	bad := func(format string, a ...any) error {
		return fmt.Errorf("%w: case %s: %s", ErrInconsistentCases, ce.Ref, fmt.Sprintf(format, a...))
	}
	if _, err := uuid.Parse(ce.ID); err != nil || !model.ValidRef(ce.Ref) {
		return bad("bad id or reference")
	}
	typed := map[string]any{}
	var theCase *model.Case
	for _, r := range ce.Records {
		if _, err := uuid.Parse(r.ID); err != nil || strings.ContainsAny(r.ID, "/") {
			return bad("bad record id")
		}
		rec, err := Typed(r.Kind, r.Data)
		if err != nil {
			return bad("record %s/%s: %v", r.Kind, r.ID, err)
		}
		if RecordID(rec) != r.ID {
			return bad("record %s/%s carries another id", r.Kind, r.ID)
		}
		key := r.Kind + "/" + r.ID
		if _, dup := typed[key]; dup {
			return bad("record %s twice", key)
		}
		typed[key] = rec
		if c, ok := rec.(*model.Case); ok {
			if c.ID != ce.ID || c.Ref != ce.Ref || theCase != nil {
				return bad("case record does not match")
			}
			theCase = c
		}
	}
	if theCase == nil {
		return bad("no case record")
	}
	// The records must be valid as a vault's own writes are (sizes,
	// formats, known values); "today" a month ahead tolerates clocks.
	soon := model.ParisDate(now.AddDate(0, 1, 0))
	for key, rec := range typed {
		var err error
		switch r := rec.(type) {
		case *model.Case:
			err = r.Validate(soon)
		case *model.Person:
			err = r.Validate("", soon)
		case *model.Note:
			err = r.Validate()
		case *model.Event:
			err = r.Validate()
		case *model.Deadline:
			err = r.Validate()
		case *model.Document:
			err = CheckDocument(r)
		case *model.Evidence:
			err = checkEvidence(r, typed, now.AddDate(0, 1, 0))
		}
		if err != nil {
			return bad("%s: %v", key, err)
		}
	}
	people := map[string]bool{theCase.PersonID: true}
	for _, r := range theCase.Related {
		people[r.PersonID] = true
	}
	for key, rec := range typed {
		caseID := ce.ID
		switch r := rec.(type) {
		case *model.Person:
			if !people[r.ID] {
				return bad("person %s is not in the case", r.ID)
			}
			delete(people, r.ID)
		case *model.Note:
			caseID = r.CaseID
		case *model.Event:
			caseID = r.CaseID
		case *model.Deadline:
			caseID = r.CaseID
		case *model.DeadlineSettings:
			caseID = r.ID
		case *model.Document:
			caseID = r.CaseID
		case *model.Evidence:
			caseID = r.CaseID
		}
		if caseID != ce.ID {
			return bad("%s belongs to another case", key)
		}
	}
	if len(people) > 0 {
		return bad("a person of the case is missing")
	}
	// The same horizon as sync's, measured when the bundle is read and
	// again when it is imported.
	horizon := model.HLCAt(now.Add(MaxClockSkew))
	for _, r := range ce.Records {
		for _, h := range r.Ver {
			if h > horizon {
				return fmt.Errorf("%w: case %s: %s/%s", ErrFutureClock, ce.Ref, r.Kind, r.ID)
			}
		}
	}
	folded := Fold{}
	for _, ch := range ce.History {
		if ch.Device == "" || strings.ContainsAny(ch.Device, "/\x00") || len(ch.Device) > 64 || ch.HLC == 0 {
			return bad("bad history entry")
		}
		if ch.HLC > horizon {
			return fmt.Errorf("%w: case %s: change %s", ErrFutureClock, ce.Ref, ch.HLC)
		}
		if !goodAuthor(ch.Author) {
			return bad("history entry's author has control characters or is too long")
		}
		for _, op := range ch.Ops {
			key := op.Entity + "/" + op.ID
			if _, ok := typed[key]; !ok || op.Field == "id" || op.Field == "" {
				return bad("history names %s, not in the case", key)
			}
			// As for sync (CheckRemoteChanges): a value this version would
			// not write (unknown field, other encoding) would be dropped or
			// re-encoded in the record and kept in the log, and fail check.
			if !canonicalValue(op.Entity, op.Field, op.Value) {
				return bad("history sets %s %s to a value this version does not write", key, op.Field)
			}
		}
		folded.Add(ch.HLC, ch.Device, ch.Ops)
	}
	var problem string
	for _, rec := range ce.Records {
		key := rec.Kind + "/" + rec.ID
		Compare(key, rec.Data, rec.Ver, folded[key], func(format string, a ...any) {
			if problem == "" {
				problem = fmt.Sprintf(format, a...)
			}
		})
	}
	if problem != "" {
		return bad("%s", problem)
	}
	return nil
}

// checkEvidence checks a received evidence entry as a vault's own entries
// are (model.Evidence.Validate, "now" a month ahead), plus what only a
// hand-made entry could break: control characters in its texts and in the
// author's name, their sizes, and proofs that are documents of the same
// bundle (by id, well-formed digest).
func checkEvidence(e *model.Evidence, typed map[string]any, soon time.Time) error {
	if err := e.Validate(soon); err != nil {
		return err
	}
	switch {
	case model.HasControlMultiline(e.What) || model.HasControlMultiline(e.WithdrawnReason):
		return errors.New("control characters in the text")
	case model.HasControl(e.AddedBy) || utf8.RuneCountInString(e.AddedBy) > MaxNameLen:
		return errors.New("author name with control characters or too long")
	case len(e.Proofs) > MaxEvidenceProofs:
		return errors.New("too many proofs")
	}
	for _, p := range e.Proofs {
		d, ok := typed[KindDocument+"/"+p.DocID].(*model.Document)
		if !ok || d.CaseID != e.CaseID {
			return fmt.Errorf("proof %s is not a document of the case", p.DocID)
		}
		if b, err := hex.DecodeString(p.SHA256); err != nil || len(b) != sha256.Size || p.Size < 0 {
			return fmt.Errorf("proof %s: bad sha256 or size", p.DocID)
		}
		if model.HasControl(p.Name) || len(p.Name) > model.MaxDocumentNameBytes {
			return fmt.Errorf("proof %s: name with control characters or too long", p.DocID)
		}
	}
	return nil
}

// CheckDocument checks a received document record on its own.
func CheckDocument(d *model.Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if d.Name != model.CleanDocumentName(d.Name) {
		return errors.New("document name not cleaned (CleanExport)")
	}
	if d.Size < 0 || d.Chunks != int((d.Size+ChunkSize-1)/ChunkSize) {
		return errors.New("chunk count does not match the size")
	}
	if b, err := hex.DecodeString(d.SHA256); err != nil || len(b) != sha256.Size {
		return errors.New("bad sha256")
	}
	return nil
}

// CheckRemoteChanges validates received entries without touching a vault.
func CheckRemoteChanges(changes []ExportChange) error {
	for _, ch := range changes {
		if _, err := uuid.Parse(ch.Device); err != nil || len(ch.Device) != 36 || ch.HLC == 0 {
			return fmt.Errorf("%w: entry device or clock", ErrBadRemoteChange)
		}
		if !goodAuthor(ch.Author) {
			return fmt.Errorf("%w: author", ErrBadRemoteChange)
		}
		for _, op := range ch.Ops {
			if !IsSyncKind(op.Entity) {
				return fmt.Errorf("%w: record kind %q", ErrBadRemoteChange, op.Entity)
			}
			if _, err := uuid.Parse(op.ID); err != nil || len(op.ID) != 36 {
				if !(op.Entity == KindDeadlineSettings && op.ID != "" && !strings.ContainsAny(op.ID, "/\x00")) {
					return fmt.Errorf("%w: record id", ErrBadRemoteChange)
				}
			}
			if op.Field == "" || op.Field == "id" || len(op.Field) > 64 || strings.ContainsAny(op.Field, "/\x00\"") {
				return fmt.Errorf("%w: field name", ErrBadRemoteChange)
			}
			if !json.Valid(op.Value) || !canonicalValue(op.Entity, op.Field, op.Value) {
				return fmt.Errorf("%w: field %s/%s value", ErrBadRemoteChange, op.Entity, op.Field)
			}
		}
	}
	return nil
}

// canonicalValue reports whether value is exactly what this version writes
// for that field of a record of that kind: a field the record has, a value
// of its type, encoded as json.Marshal encodes it (a vault's own operations
// are cut from the marshalled record). Anything else would be stored in the
// record re-encoded, or dropped, while the change log keeps it as received:
// the record would differ from its log and `check` fail.
func canonicalValue(kind, field string, value json.RawMessage) bool {
	obj, err := json.Marshal(map[string]json.RawMessage{field: value})
	if err != nil {
		return false
	}
	rec, err := Typed(kind, obj)
	if err != nil {
		return false
	}
	fs, _, err := FieldsOf(rec)
	if err != nil {
		return false
	}
	got, ok := Lookup(fs, field)
	return ok && bytes.Equal(got, value)
}

// DocumentOps lists, among changes, the documents created (their bytes to
// publish) and those deleted, by id.
func DocumentOps(changes []ExportChange) (created, deleted []string) {
	for _, ch := range changes {
		for _, op := range ch.Ops {
			if op.Entity != KindDocument {
				continue
			}
			switch {
			case op.Field == "sha256":
				created = append(created, op.ID)
			case op.Field == "deleted" && strings.TrimSpace(string(op.Value)) == "true":
				deleted = append(deleted, op.ID)
			}
		}
	}
	return created, deleted
}

// CleanExport cleans the names of a received case's documents
// (model.CleanDocumentName: no path, no control character) in its records
// and in its history alike, so that the records still agree with the
// history, and two vaults that receive the same name store the same one.
// It changes ce in place; a clean case is left as it is.
func CleanExport(ce *CaseExport) {
	for i, r := range ce.Records {
		if r.Kind != KindDocument {
			continue
		}
		var fields map[string]json.RawMessage
		if json.Unmarshal(r.Data, &fields) != nil {
			continue // CheckExport refuses it
		}
		if v, ok := cleanNameValue(fields["name"]); ok {
			fields["name"] = v
			ce.Records[i].Data, _ = json.Marshal(fields)
		}
	}
	for i := range ce.History {
		cleanDocumentOps(ce.History[i].Ops)
	}
}

// CleanRemote cleans the document names that received change-log entries
// set (sync), as CleanExport does for a bundle.
func CleanRemote(changes []ExportChange) {
	for i := range changes {
		cleanDocumentOps(changes[i].Ops)
	}
}

func cleanDocumentOps(ops []Op) {
	for j, op := range ops {
		if op.Entity == KindDocument && op.Field == "name" {
			if v, ok := cleanNameValue(op.Value); ok {
				ops[j].Value = v
			}
		}
	}
}

// cleanNameValue returns a JSON string cleaned as a document name, and
// whether that changed it.
func cleanNameValue(raw json.RawMessage) (json.RawMessage, bool) {
	var s string
	if raw == nil || json.Unmarshal(raw, &s) != nil {
		return nil, false
	}
	c := model.CleanDocumentName(s)
	if c == s {
		return nil, false
	}
	b, _ := json.Marshal(c)
	return b, true
}

// goodAuthor: an entry's author is a name as the set-up takes it (no
// control or bidi-override character, at most MaxNameLen characters); it
// is shown in every reader's history and fills letters.
func goodAuthor(name string) bool {
	return !model.HasControl(name) && utf8.RuneCountInString(name) <= MaxNameLen
}
