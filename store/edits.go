package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
)

// Editors save what the user changed, not what they loaded.
//
// A form reads a record with the version of each of its fields (the HLC of
// the operation that last set it: Versions). While it is open, sync, a
// bundle import or another screen may change the record. Saving the whole
// copy the form loaded would silently write those fields back to their old
// values. So a form saves only the fields the user changed (FieldEdit),
// each against the version the form loaded:
//
//   - a field nobody else touched is an ordinary change;
//   - a field someone else changed to the value the user typed needs no
//     write;
//   - a field someone else changed to another value is written with the
//     version the form loaded as its base: the two operations then share a
//     base, which is what a collision is (repl_collisions.go). The user's value,
//     later, is in the record; the other stays in the queue of collisions
//     to review, exactly as when sync or an import meets concurrent edits;
//   - every field the user did not change keeps whatever it holds now.

// FieldEdit is one field a user changed in a form: its JSON name (for a
// case, "person."+name for its main person) and its new value.
type FieldEdit struct {
	Field string          `json:"field"`
	Value json.RawMessage `json:"value"`
}

// Versions are the field versions of one record as an editor loaded it:
// the base its edits are saved against.
type Versions map[string]model.HLC

// CaseBase is what a case form loaded: the versions of the case's fields
// and of its main person's.
type CaseBase struct {
	CaseID   string   `json:"case_id"`
	PersonID string   `json:"person_id"`
	Case     Versions `json:"case"`
	Person   Versions `json:"person"`
}

// SaveResult says what saving edits did.
type SaveResult struct {
	// Collisions lists the fields (as the edits named them) the user
	// changed that someone else had changed meanwhile to another value:
	// the user's value is in the record, the other is kept as a collision
	// to review (Vault.Collisions, AllCollisions).
	Collisions []string
	// Written counts the fields written; 0 when nothing differed.
	Written int
}

// EditsOf returns, for each JSON field name given, the value rec (a
// record: a case, a person, an event) holds, as edits to save. A name the
// record does not have is refused.
func EditsOf(rec any, names []string) ([]FieldEdit, error) {
	fs, _, err := changelog.FieldsOf(rec)
	if err != nil {
		return nil, err
	}
	out := make([]FieldEdit, 0, len(names))
	for _, n := range names {
		raw, ok := changelog.Lookup(fs, n)
		if !ok {
			return nil, unknownField(n)
		}
		out = append(out, FieldEdit{Field: n, Value: slices.Clone(raw)})
	}
	return out, nil
}

// Changes returns the edits that turn before into after (two values of
// one record type: what a form loaded, and the same with what the user
// entered), field by field in name order.
func Changes(before, after any) ([]FieldEdit, error) {
	bf, _, err := changelog.FieldsOf(before)
	if err != nil {
		return nil, err
	}
	af, _, err := changelog.FieldsOf(after)
	if err != nil {
		return nil, err
	}
	var out []FieldEdit
	for _, f := range af {
		if old, ok := changelog.Lookup(bf, f.Name); ok && jsonSame(old, f.Raw) || !ok && changelog.IsZero(f.Raw) {
			continue
		}
		out = append(out, FieldEdit{Field: f.Name, Value: slices.Clone(f.Raw)})
	}
	return out, nil
}

// CaseEdits returns the edits that set the named fields of a case form
// ("prefecture", "person.family_name") to what f holds.
func CaseEdits(f *model.CaseFile, paths []string) ([]FieldEdit, error) {
	var caseNames, personNames []string
	for _, p := range paths {
		if n, ok := strings.CutPrefix(p, "person."); ok {
			personNames = append(personNames, n)
		} else {
			caseNames = append(caseNames, p)
		}
	}
	ce, err := EditsOf(f.Case, caseNames)
	if err != nil {
		return nil, err
	}
	pe, err := EditsOf(f.Person, personNames)
	if err != nil {
		return nil, err
	}
	for i := range pe {
		pe[i].Field = "person." + pe[i].Field
	}
	return append(ce, pe...), nil
}

func unknownField(path string) error {
	return &model.ValidationError{Problems: []model.FieldProblem{{Field: path, Code: model.ProblemUnknown}}}
}

// loadForEdit reads a record and its field versions in one read.
func loadForEdit(txn *badger.Txn, kind, id string, into any) (Versions, error) {
	raw, ok, err := getRaw(txn, layout.RecKey(kind, id))
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrNotFound
	}
	env, err := changelog.DecodeEnvelope(raw, into)
	if err != nil {
		return nil, err
	}
	ver := make(Versions, len(env.Ver))
	for f, h := range env.Ver {
		ver[f] = h
	}
	return ver, nil
}

// CaseForEdit returns a case with its main person, by id or reference,
// and the versions of their fields: what a form shows, and the base it
// saves against (SaveCaseChanges).
func (v *Vault) CaseForEdit(idOrRef string) (*model.CaseFile, *CaseBase, error) {
	if v.isClosed() {
		return nil, nil, ErrClosed
	}
	var f model.CaseFile
	base := &CaseBase{}
	err := v.db.View(func(txn *badger.Txn) error {
		id, err := caseIDIn(txn, idOrRef)
		if err != nil {
			return err
		}
		if base.Case, err = loadForEdit(txn, KindCase, id, &f.Case); err != nil {
			return err
		}
		f.ID = id
		if base.Person, err = loadForEdit(txn, KindPerson, f.PersonID, &f.Person); err != nil {
			return fmt.Errorf("store: case %s: main person: %w", f.Ref, err)
		}
		f.Person.ID = f.PersonID
		base.CaseID, base.PersonID = id, f.PersonID
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return &f, base, nil
}

// Fields a case form cannot set: links, which other operations own.
var (
	fixedCaseFields   = []string{"id", "ref", "person_id", "related"}
	fixedPersonFields = []string{"id", "merged_into"}
)

// SaveCaseChanges saves a case form: only the fields edited (JSON names,
// "person."+name for the main person), each against the version base
// holds (CaseForEdit), as one change with the deadlines that follow. The
// merged case is validated as a whole. It returns the case as saved.
func (v *Vault) SaveCaseChanges(id string, edits []FieldEdit, base *CaseBase) (*model.CaseFile, *SaveResult, error) {
	if base == nil || base.CaseID != id {
		return nil, nil, fmt.Errorf("store: save case %s: no base version", id)
	}
	var caseEdits, personEdits []FieldEdit
	for _, e := range edits {
		if n, ok := strings.CutPrefix(e.Field, "person."); ok {
			if slices.Contains(fixedPersonFields, n) {
				return nil, nil, unknownField(e.Field)
			}
			personEdits = append(personEdits, FieldEdit{Field: n, Value: e.Value})
		} else {
			if slices.Contains(fixedCaseFields, e.Field) {
				return nil, nil, unknownField(e.Field)
			}
			caseEdits = append(caseEdits, e)
		}
	}
	var out model.CaseFile
	var res SaveResult
	err := v.update(func(c *change) error {
		res = SaveResult{}
		var cs model.Case
		caseEnv, caseCol, err := c.mergeEdits(KindCase, id, caseEdits, base.Case, &cs)
		if err != nil {
			return err
		}
		cs.ID = id
		var p model.Person
		personEnv, personCol, err := c.mergeEdits(KindPerson, cs.PersonID, personEdits, base.Person, &p)
		if err != nil {
			return err
		}
		p.ID = cs.PersonID
		for _, f := range caseCol {
			res.Collisions = append(res.Collisions, f)
		}
		for _, f := range personCol {
			res.Collisions = append(res.Collisions, "person."+f)
		}
		out = model.CaseFile{Case: cs, Person: p}
		if err := out.Validate(v.today()); err != nil {
			return err
		}
		if err := c.putRecord(KindPerson, p.ID, p, personEnv); err != nil {
			return err
		}
		if err := c.putRecord(KindCase, cs.ID, cs, caseEnv); err != nil {
			return err
		}
		res.Written = len(c.ops)
		if res.Written == 0 {
			return nil
		}
		c.set(layout.ListKey(cs.ID), layout.EncodeSummary(layout.SummaryOf(cs, p)))
		// The procedure, prefecture and lawyer feed the deadlines: they
		// follow in the same change.
		return c.recomputeCase(cs)
	})
	if err != nil {
		return nil, nil, err
	}
	return &out, &res, nil
}

// mergeEdits reads the stored record kind/id and applies edits to it, each
// against the version base holds, decoding the result into into (a
// pointer to the record's type). It returns the stored envelope (for
// putRecord) and the edited fields that collided; the bases of the edited
// fields are noted on c for putRecord. An edit equal to what the record
// holds now is dropped.
func (c *change) mergeEdits(kind, id string, edits []FieldEdit, base Versions, into any) (*changelog.Envelope, []string, error) {
	env, err := c.pendingOrStored(kind, id)
	if err != nil {
		return nil, nil, err
	}
	if env == nil {
		return nil, nil, ErrNotFound
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(env.Data, &fields); err != nil {
		return nil, nil, fmt.Errorf("store: decode record: %w", err)
	}
	var collided []string
	bases := map[string]model.HLC{}
	for _, e := range edits {
		if e.Field == "" || e.Field == "id" || !json.Valid(e.Value) {
			return nil, nil, unknownField(e.Field)
		}
		cur, ok := fields[e.Field]
		if ok && jsonSame(cur, e.Value) || !ok && changelog.IsZero(e.Value) {
			continue // already so, whoever did it
		}
		fields[e.Field] = e.Value
		loaded := base[e.Field]
		bases[e.Field] = loaded
		if env.Ver[e.Field] != loaded {
			collided = append(collided, e.Field)
		}
	}
	merged, err := json.Marshal(fields)
	if err != nil {
		return nil, nil, err
	}
	if err := json.Unmarshal(merged, into); err != nil {
		return nil, nil, fmt.Errorf("store: decode record: %w", err)
	}
	// A field the record's type does not have would vanish here: refuse it
	// rather than report a save that wrote nothing.
	fs, _, err := changelog.FieldsOf(into)
	if err != nil {
		return nil, nil, err
	}
	for _, e := range edits {
		if _, ok := changelog.Lookup(fs, e.Field); !ok {
			return nil, nil, unknownField(e.Field)
		}
	}
	if len(bases) > 0 {
		if c.bases == nil {
			c.bases = map[string]map[string]model.HLC{}
		}
		c.bases[kind+"/"+id] = bases
	}
	return env, collided, nil
}

// jsonSame reports whether two JSON values are the same once compacted.
func jsonSame(a, b json.RawMessage) bool {
	if bytes.Equal(a, b) {
		return true
	}
	var ca, cb bytes.Buffer
	if json.Compact(&ca, a) != nil || json.Compact(&cb, b) != nil {
		return false
	}
	return bytes.Equal(ca.Bytes(), cb.Bytes())
}

// EventForEdit returns an event and the versions of its fields, for a
// correction form (SaveEventChanges).
func (v *Vault) EventForEdit(id string) (*model.Event, Versions, error) {
	return loadRecordForEdit[model.Event](v, KindEvent, id, ErrEventNotFound)
}

// EvidenceForEdit returns an evidence entry and the versions of its
// fields, for a correction form (SaveEvidenceChanges).
func (v *Vault) EvidenceForEdit(id string) (*model.Evidence, Versions, error) {
	return loadRecordForEdit[model.Evidence](v, KindEvidence, id, ErrEvidenceNotFound)
}

func loadRecordForEdit[T any](v *Vault, kind, id string, notFound error) (*T, Versions, error) {
	if v.isClosed() {
		return nil, nil, ErrClosed
	}
	var rec T
	var ver Versions
	err := v.db.View(func(txn *badger.Txn) (err error) {
		ver, err = loadForEdit(txn, kind, id, &rec)
		return err
	})
	if err == ErrNotFound {
		err = notFound
	}
	if err != nil {
		return nil, nil, err
	}
	return &rec, ver, nil
}

// SaveEventChanges corrects an event: only the fields edited, each against
// the version base holds (EventForEdit), as one change in which the
// deadlines computed from it move (UpdateEvent's rules).
func (v *Vault) SaveEventChanges(id string, edits []FieldEdit, base Versions) (*model.Event, *SaveResult, error) {
	for _, e := range edits {
		if e.Field == "id" || e.Field == "case_id" {
			return nil, nil, unknownField("event." + e.Field)
		}
	}
	var out model.Event
	var res SaveResult
	err := v.update(func(c *change) error {
		res = SaveResult{}
		var ev model.Event
		env, col, err := c.mergeEdits(KindEvent, id, edits, base, &ev)
		if err == ErrNotFound {
			return ErrEventNotFound
		} else if err != nil {
			return err
		}
		ev.ID = id
		res.Collisions = col
		if err := ev.Validate(); err != nil {
			return err
		}
		st, err := c.loadState(ev.CaseID)
		if err != nil {
			return err
		}
		i, ok := st.event(ev.ID)
		if !ok {
			return ErrEventNotFound
		}
		if err := st.checkConcerns(ev); err != nil {
			return err
		}
		if err := c.putEvent(ev, env); err != nil {
			return err
		}
		res.Written = len(c.ops)
		out = ev
		if res.Written == 0 {
			return nil
		}
		st.events[i] = ev
		return c.reconcile(st, model.ReasonTriggerCorrected)
	})
	if err != nil {
		return nil, nil, err
	}
	return &out, &res, nil
}

// Fields a correction form of an evidence entry may change; proofs are
// added (files), never replaced.
var evidenceEditable = []string{"at", "channel", "what", "category", "kind", "urgency", "respond_by", "date_only"}

// SaveEvidenceChanges corrects an evidence entry: only the fields edited
// (time, channel, text, category), each against the version base holds
// (EvidenceForEdit), and adds the proof files given to the proofs it has
// now. Like UpdateEvidence, the files are stored as documents first and
// deleted again if the change fails.
func (v *Vault) SaveEvidenceChanges(id string, edits []FieldEdit, base Versions, files []ProofFile) (*model.Evidence, *SaveResult, error) {
	for _, e := range edits {
		if !slices.Contains(evidenceEditable, e.Field) {
			return nil, nil, unknownField("evidence." + e.Field)
		}
	}
	if err := v.moveLegacy(id); err != nil { // a malfunction still on its case (open_anefmigrate.go)
		return nil, nil, err
	}
	cur, _, err := v.EvidenceForEdit(id)
	if err != nil {
		return nil, nil, err
	}
	proofs, err := v.addProofs(cur.CaseID, files)
	if err != nil {
		return nil, nil, err
	}
	var out model.Evidence
	var res SaveResult
	err = v.update(func(c *change) error {
		res = SaveResult{}
		var ev model.Evidence
		env, col, err := c.mergeEdits(KindEvidence, id, edits, base, &ev)
		if err != nil {
			return err
		}
		ev.ID = id
		res.Collisions = col
		if err := ev.Validate(now()); err != nil {
			return err
		}
		ev.Proofs = append(slices.Clone(ev.Proofs), proofs...)
		if err := c.putRecord(KindEvidence, ev.ID, ev, env); err != nil {
			return err
		}
		res.Written = len(c.ops)
		out = ev
		return nil
	})
	if err != nil {
		v.dropProofs(proofs)
		if err == ErrNotFound {
			err = ErrEvidenceNotFound
		}
		return nil, nil, err
	}
	return &out, &res, nil
}
