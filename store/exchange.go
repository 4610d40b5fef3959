package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"

	"casefile/model"
)

// Cases leave a vault (bundles, see docs/bundles.md) as their records with
// the field versions, plus the change-log entries that set those fields.
// They come in through the same field-level rule as sync: for each field,
// the operation with the higher HLC wins; the entries keep their origin
// (log/<hlc>/<device>), so the log stays the union of what both vaults saw
// and `casefile check` still replays it to the records. Importing the same
// cases twice writes nothing the second time.

// ExportRecord is one record as a vault stores it.
type ExportRecord struct {
	Kind string               `json:"kind"`
	ID   string               `json:"id"`
	Data json.RawMessage      `json:"data"`
	Ver  map[string]model.HLC `json:"ver"`
}

// ExportChange is a change-log entry, restricted to the operations on the
// exported records.
type ExportChange struct {
	HLC    model.HLC `json:"hlc"`
	Device string    `json:"device"`
	Author string    `json:"author"`
	Ops    []Op      `json:"ops"`
}

// CaseExport is one case with everything that belongs to it: the case, its
// main and related people, notes, events, deadlines and deadline settings,
// and their history.
type CaseExport struct {
	ID      string         `json:"id"`
	Ref     string         `json:"ref"`
	Records []ExportRecord `json:"records"`
	History []ExportChange `json:"history"`
}

// ErrInconsistentCases: received cases whose records and history disagree,
// or that name records outside themselves. Nothing of them is written.
var ErrInconsistentCases = errors.New("the cases received are inconsistent")

// ErrRefTaken: an incoming case carries a reference this vault already
// gave to another case (two devices with the same code).
var ErrRefTaken = errors.New("case reference already used by another case")

// ErrFutureClock: received cases whose history or field versions carry a
// clock value more than MaxClockSkew ahead of this device's clock (the
// sender's clock is wrong, or the values were forged). Taken, such a value
// would outrank every later edit of the field here; the cases are refused
// whole, as sync's horizon would flag them.
var ErrFutureClock error = futureClockError{}

type futureClockError struct{}

func (futureClockError) Error() string      { return "changes dated in the future" }
func (futureClockError) MessageKey() string { return "bundle.err.future_clock" }

// exportKinds are the record kinds a case carries besides its documents
// (exchangedocs.go) and its evidence log (after the documents: an entry
// names its proofs); ExportEach writes them in the order exportstream.go
// gives.
var exportKinds = []string{KindPerson, KindCase, KindNote, KindEvent, KindDeadline, KindDeadlineSettings}

// MaxEvidenceProofs caps the proof files of one received evidence entry
// (an entry made here has a handful).
const MaxEvidenceProofs = 200

// ExportCases reads the cases (by id or reference) for a bundle, in one
// consistent snapshot. See ExportEach, which it collects.
func (v *Vault) ExportCases(idsOrRefs []string) ([]CaseExport, error) {
	out := make([]CaseExport, 0, len(idsOrRefs))
	err := v.ExportEach(idsOrRefs, func([]ExportHead) error { return nil }, func(ce *CaseExport) error {
		out = append(out, *ce)
		return nil
	})
	return out, err
}

// decodeTyped decodes a record's data into its model type.
func decodeTyped(kind string, data []byte) (any, error) {
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

// recordID is the id a decoded record carries.
func recordID(rec any) string {
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

// CheckExport verifies a received case on its own, before anything is
// compared with this vault: known record kinds, well-formed ids, every
// record belonging to the case, and the records agreeing field by field,
// version by version, with the history (as `casefile check` does).
func CheckExport(ce *CaseExport) error {
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
		rec, err := decodeTyped(r.Kind, r.Data)
		if err != nil {
			return bad("record %s/%s: %v", r.Kind, r.ID, err)
		}
		if recordID(rec) != r.ID {
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
	// The records must be valid as this vault's own writes are (sizes,
	// formats, known values); "today" a month ahead tolerates clocks.
	soon := model.ParisDate(now().AddDate(0, 1, 0))
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
			err = checkExportedDocument(r)
		case *model.Evidence:
			err = checkExportedEvidence(r, typed, now().AddDate(0, 1, 0))
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
	// The same horizon as sync's (syncapply.go), measured when the
	// bundle is read and again when it is imported.
	horizon := model.HLCAt(now().Add(MaxClockSkew))
	for _, r := range ce.Records {
		for _, h := range r.Ver {
			if h > horizon {
				return fmt.Errorf("%w: case %s: %s/%s", ErrFutureClock, ce.Ref, r.Kind, r.ID)
			}
		}
	}
	folded := map[string]map[string]fieldState{}
	for _, ch := range ce.History {
		if ch.Device == "" || strings.ContainsAny(ch.Device, "/\x00") || len(ch.Device) > 64 || ch.HLC == 0 {
			return bad("bad history entry")
		}
		if ch.HLC > horizon {
			return fmt.Errorf("%w: case %s: change %s", ErrFutureClock, ce.Ref, ch.HLC)
		}
		for _, op := range ch.Ops {
			key := op.Entity + "/" + op.ID
			if _, ok := typed[key]; !ok || op.Field == "id" || op.Field == "" {
				return bad("history names %s, not in the case", key)
			}
			m := folded[key]
			if m == nil {
				m = map[string]fieldState{}
				folded[key] = m
			}
			if cur, ok := m[op.Field]; !ok || ch.HLC > cur.hlc {
				m[op.Field] = fieldState{ch.HLC, op.Value}
			}
		}
	}
	r := &CheckReport{}
	for _, rec := range ce.Records {
		compareWithLog(r, rec.Kind+"/"+rec.ID, &envelope{V: 1, Data: rec.Data, Ver: rec.Ver}, folded[rec.Kind+"/"+rec.ID])
	}
	if !r.OK() {
		return bad("%s", r.Problems[0])
	}
	return nil
}

// checkExportedEvidence checks a received evidence entry as this vault's
// own entries are (model.Evidence.Validate, "now" a month ahead), plus
// what only a hand-made entry could break: control characters in its
// texts and in the author's name, their sizes, and proofs that are
// documents of the same bundle (by id, well-formed digest).
func checkExportedEvidence(e *model.Evidence, typed map[string]any, soon time.Time) error {
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

// ImportChange is one field where an incoming case and this vault differ.
type ImportChange struct {
	Kind     string          `json:"kind"`
	ID       string          `json:"id"`
	Field    string          `json:"field"`
	Local    json.RawMessage `json:"local,omitempty"`
	Incoming json.RawMessage `json:"incoming"`
	// Taken: the incoming value is newer and replaces the local one. When
	// false, the local value is newer (or concurrent) and stays.
	Taken bool `json:"taken"`
}

// ImportPreview says what importing one case would do.
type ImportPreview struct {
	ID   string `json:"id"`
	Ref  string `json:"ref"`
	Name string `json:"name"`
	// New: the case is not in this vault yet.
	New bool `json:"new"`
	// Changes lists, for a case already here, every field that differs.
	Changes []ImportChange `json:"changes,omitempty"`
	// NewRecords counts records (notes, events...) this vault lacks.
	NewRecords int `json:"new_records"`
	// Evidence counts the entries of the case's evidence log the bundle
	// carries (ANEF malfunctions among them).
	Evidence int `json:"evidence"`
	// Problem, when set, keeps the case out of the import (ErrRefTaken).
	Problem error `json:"-"`
}

// UpToDate reports whether importing the case would change nothing.
func (p ImportPreview) UpToDate() bool {
	if p.New || p.NewRecords > 0 {
		return false
	}
	for _, c := range p.Changes {
		if c.Taken {
			return false
		}
	}
	return true
}

// mergeRecord merges an incoming record into the local one (nil when
// absent): per field, the higher version wins; equal versions keep the
// local value. It returns the envelope to write (nil when nothing changes)
// and the fields that differ.
func mergeRecord(local *envelope, in ExportRecord) (*envelope, []ImportChange, error) {
	if local == nil {
		rec, err := decodeTyped(in.Kind, in.Data)
		if err != nil {
			return nil, nil, err
		}
		data, err := json.Marshal(rec)
		if err != nil {
			return nil, nil, err
		}
		return &envelope{V: 1, Data: data, Ver: maps.Clone(in.Ver)}, nil, nil
	}
	var lf, inf map[string]json.RawMessage
	if err := json.Unmarshal(local.Data, &lf); err != nil {
		return nil, nil, fmt.Errorf("store: decode record: %w", err)
	}
	if err := json.Unmarshal(in.Data, &inf); err != nil {
		return nil, nil, err
	}
	names := make([]string, 0, len(inf))
	for f := range inf {
		names = append(names, f)
	}
	sort.Strings(names)
	ver := maps.Clone(local.Ver)
	if ver == nil {
		ver = map[string]model.HLC{}
	}
	var changes []ImportChange
	changed := false
	for _, f := range names {
		if f == "id" {
			continue
		}
		iv, lv := inf[f], lf[f]
		same := bytes.Equal(iv, lv) || (len(lv) == 0 && isZeroJSON(iv))
		if in.Ver[f] > local.Ver[f] {
			lf[f], ver[f], changed = iv, in.Ver[f], true
			if !same {
				changes = append(changes, ImportChange{Kind: in.Kind, ID: in.ID, Field: f, Local: lv, Incoming: iv, Taken: true})
			}
		} else if !same {
			changes = append(changes, ImportChange{Kind: in.Kind, ID: in.ID, Field: f, Local: lv, Incoming: iv})
		}
	}
	if !changed {
		return nil, changes, nil
	}
	merged, _ := json.Marshal(lf)
	rec, err := decodeTyped(in.Kind, merged)
	if err != nil {
		return nil, nil, err
	}
	data, err := json.Marshal(rec)
	if err != nil {
		return nil, nil, err
	}
	return &envelope{V: 1, Data: data, Ver: ver}, changes, nil
}

func readEnvelope(txn *badger.Txn, kind, id string) (*envelope, error) {
	raw, ok, err := getRaw(txn, recKey(kind, id))
	if err != nil || !ok {
		return nil, err
	}
	return decodeEnvelope(raw, nil)
}

// PreviewImport says, case by case, what ImportCases would do, writing
// nothing. Each case must have passed CheckExport.
func (v *Vault) PreviewImport(cases []CaseExport) ([]ImportPreview, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	out := make([]ImportPreview, len(cases))
	err := v.db.View(func(txn *badger.Txn) error {
		for i := range cases {
			ce := &cases[i]
			p := ImportPreview{ID: ce.ID, Ref: ce.Ref}
			if owner, ok, err := getRaw(txn, refIdx(ce.Ref)); err != nil {
				return err
			} else if ok && string(owner) != ce.ID {
				p.Problem = ErrRefTaken
			}
			for _, r := range ce.Records {
				local, err := readEnvelope(txn, r.Kind, r.ID)
				if err != nil {
					return err
				}
				switch r.Kind {
				case KindCase:
					p.New = local == nil
				case KindEvidence:
					p.Evidence++
				}
				env, changes, err := mergeRecord(local, r)
				if err != nil {
					return err
				}
				if local == nil {
					p.NewRecords++
				}
				p.Changes = append(p.Changes, changes...)
				if r.Kind == KindPerson && env != nil {
					var c model.Case
					for _, cr := range ce.Records {
						if cr.Kind == KindCase {
							_ = json.Unmarshal(cr.Data, &c)
						}
					}
					if c.PersonID == r.ID {
						var person model.Person
						_ = json.Unmarshal(env.Data, &person)
						p.Name = person.DisplayName()
					}
				}
			}
			if p.Name == "" {
				if f, err := caseFileIn(txn, ce.ID); err == nil {
					p.Name = f.Person.DisplayName()
				}
			}
			out[i] = p
		}
		return nil
	})
	return out, err
}

func caseFileIn(txn *badger.Txn, id string) (*model.CaseFile, error) {
	_, c, err := getRecord[model.Case](txn, KindCase, id)
	if err != nil {
		return nil, err
	}
	_, p, err := getRecord[model.Person](txn, KindPerson, c.PersonID)
	if err != nil {
		return nil, err
	}
	return &model.CaseFile{Case: *c, Person: *p}, nil
}

// ImportResult counts what ImportCases wrote.
type ImportResult struct {
	NewCases, UpdatedCases, Unchanged int
}

// ImportCases merges the cases into the vault: ImportBundle without
// documents' bytes nor declined differences, the one import path. Each
// case is one change (records, indexes and the incoming history entries);
// the changes are written in batched synced transactions that make one
// atomic change (atomic.go): no reader sees a part of the import, and an
// interrupted import is rolled back (at once, or at the next open after a
// crash), so that the vault holds all of it or none. Running it again
// after that imports it; once more changes nothing (merging is
// idempotent). Every case is checked (CheckExport) before anything is
// written; a case whose reference is taken here is refused with
// ErrRefTaken before anything is written.
func (v *Vault) ImportCases(cases []CaseExport) (ImportResult, error) {
	return v.ImportBundle(cases, ImportOptions{})
}

// importCase stages one case's merge; it returns 0 when nothing changes, 1
// for a new case, 2 for an updated one.
func (c *change) importCase(ce *CaseExport) (int, error) {
	var (
		theCase    *model.Case
		mainPerson *model.Person
		isNew      bool
		wrote      bool
	)
	for _, r := range ce.Records {
		local, err := readEnvelope(c.txn, r.Kind, r.ID)
		if err != nil {
			return 0, err
		}
		env, _, err := mergeRecord(local, r)
		if err != nil {
			return 0, err
		}
		cur := env
		if cur == nil {
			cur = local
		}
		rec, err := decodeTyped(r.Kind, cur.Data)
		if err != nil {
			return 0, err
		}
		switch x := rec.(type) {
		case *model.Case:
			theCase, isNew = x, local == nil
		case *model.Person:
			if env != nil {
				if err := c.refreshListsOf(x, ce.ID); err != nil {
					return 0, err
				}
			}
		}
		if env == nil {
			continue
		}
		b, err := json.Marshal(env)
		if err != nil {
			return 0, err
		}
		c.set(recKey(r.Kind, r.ID), b)
		wrote = true
		if err := c.indexImported(rec, local); err != nil {
			return 0, err
		}
	}
	for _, r := range ce.Records {
		if r.Kind == KindPerson && r.ID == theCase.PersonID {
			env, err := c.pendingOrStored(KindPerson, r.ID)
			if err != nil {
				return 0, err
			}
			mainPerson = &model.Person{}
			if err := json.Unmarshal(env.Data, mainPerson); err != nil {
				return 0, err
			}
		}
	}
	if mainPerson == nil {
		return 0, ErrInconsistentCases
	}
	if wrote {
		c.set(refIdx(theCase.Ref), []byte(theCase.ID))
		c.set(personCaseIdx(theCase.PersonID, theCase.ID), nil)
		for _, r := range theCase.Related {
			c.set(personCaseIdx(r.PersonID, theCase.ID), nil)
		}
		c.set(listIdx(theCase.ID), encodeSummary(summaryOf(*theCase, *mainPerson)))
	}
	logged, err := c.importHistory(ce.History)
	if err != nil {
		return 0, err
	}
	switch {
	case isNew:
		return 1, nil
	case wrote || logged:
		return 2, nil
	}
	return 0, nil
}

// pendingOrStored reads a record as this change staged it, or as stored.
func (c *change) pendingOrStored(kind, id string) (*envelope, error) {
	key := recKey(kind, id)
	for i := len(c.sets) - 1; i >= 0; i-- {
		if !c.sets[i].del && bytes.Equal(c.sets[i].key, key) {
			return decodeEnvelope(c.sets[i].val, nil)
		}
	}
	return readEnvelope(c.txn, kind, id)
}

// indexImported stages the index entries of a record written by an import.
func (c *change) indexImported(rec any, local *envelope) error {
	switch x := rec.(type) {
	case *model.Note:
		c.set(caseNoteIdx(x.CaseID, x.ID), nil)
	case *model.Event:
		c.set(caseEventIdx(x.CaseID, x.ID), encodeEventIdx(*x))
	case *model.Deadline:
		c.set(caseDeadlineIdx(x.CaseID, x.ID), encodeDeadlineIdx(*x))
		if local != nil {
			var old model.Deadline
			if err := json.Unmarshal(local.Data, &old); err != nil {
				return err
			}
			if old.Status == model.DeadlineOpen {
				c.del(dueIdx(old.Due, x.ID))
			}
		}
		if x.Status == model.DeadlineOpen {
			c.set(dueIdx(x.Due, x.ID), encodeDue(*x))
		}
	case *model.Document:
		return c.indexImportedDocument(x, local)
	case *model.Evidence:
		c.set(caseEvidenceIdx(x.CaseID, x.ID), nil)
	}
	return nil
}

// refreshListsOf rewrites the case-list rows of the other cases whose main
// person is p (a person can be in several cases).
func (c *change) refreshListsOf(p *model.Person, except string) error {
	prefix := "idx/person/" + p.ID + "/case/"
	var ids []string
	if err := scanKeys(c.txn, prefix, func(k []byte) error {
		if id := string(k[len(prefix):]); id != except {
			ids = append(ids, id)
		}
		return nil
	}); err != nil {
		return err
	}
	for _, id := range ids {
		_, cs, err := getRecord[model.Case](c.txn, KindCase, id)
		if err != nil {
			return err
		}
		if cs.PersonID == p.ID {
			c.set(listIdx(id), encodeSummary(summaryOf(*cs, *p)))
		}
	}
	return nil
}

// importHistory adds the incoming change-log entries under their own keys,
// merging operations into an entry already here (a case exported twice
// carries the same entries). It reports whether anything was added.
func (c *change) importHistory(history []ExportChange) (bool, error) {
	added := false
	for _, ch := range history {
		key := logKey(ch.HLC, ch.Device)
		raw, ok, err := c.get(key)
		if err != nil {
			return false, err
		}
		entry := Change{Author: ch.Author}
		if ok {
			if err := json.Unmarshal(raw, &entry); err != nil {
				return false, fmt.Errorf("store: log entry %s: %w", key, err)
			}
		}
		have := map[string]bool{}
		for _, op := range entry.Ops {
			have[op.Entity+"/"+op.ID+"/"+op.Field] = true
		}
		n := len(entry.Ops)
		for _, op := range ch.Ops {
			if k := op.Entity + "/" + op.ID + "/" + op.Field; !have[k] {
				have[k] = true
				entry.Ops = append(entry.Ops, op)
			}
		}
		if len(entry.Ops) == n {
			continue
		}
		b, err := json.Marshal(entry)
		if err != nil {
			return false, err
		}
		c.set(key, b)
		// Relayed to the team (syncapply.go).
		c.set(outboxKey(ch.HLC, ch.Device), nil)
		for _, op := range entry.Ops[n:] { // the history index (history.go)
			c.set(histKey(op.Entity, op.ID, ch.HLC, ch.Device), nil)
		}
		added = true
	}
	return added, nil
}
