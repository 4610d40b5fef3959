package store

import (
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/records"
)

// Editors save what the user changed, not what they loaded: the rule,
// the types and the merge of a user's edits against the versions they saw
// are in store/internal/records (edits.go); here are the Vault methods
// that read a form's record and write its merged edits through change.

// Names of records' edits (store/internal/records), kept here for the faces.
type (
	// FieldEdit is one field a user changed in a form.
	FieldEdit = records.FieldEdit
	// Versions are the field versions of one record as an editor loaded it.
	Versions = records.Versions
	// CaseBase is what a case form loaded.
	CaseBase = records.CaseBase
	// SaveResult says what saving edits did.
	SaveResult = records.SaveResult
)

// EditsOf returns, for each JSON field name given, the value rec holds, as
// edits to save (records.EditsOf).
func EditsOf(rec any, names []string) ([]FieldEdit, error) { return records.EditsOf(rec, names) }

// Changes returns the edits that turn before into after (records.Changes).
func Changes(before, after any) ([]FieldEdit, error) { return records.Changes(before, after) }

// CaseEdits returns the edits that set the named fields of a case form to
// what f holds (records.CaseEdits).
func CaseEdits(f *model.CaseFile, paths []string) ([]FieldEdit, error) {
	return records.CaseEdits(f, paths)
}

func unknownField(path string) error { return records.UnknownField(path) }

// CaseForEdit returns a case with its main person, by id or reference,
// and the versions of their fields: what a form shows, and the base it
// saves against (SaveCaseChanges).
func (v *Vault) CaseForEdit(idOrRef string) (*model.CaseFile, *CaseBase, error) {
	if v.isClosed() {
		return nil, nil, ErrClosed
	}
	var f model.CaseFile
	var base *CaseBase
	err := v.db.View(func(txn *badger.Txn) (err error) {
		base, err = records.CaseForEdit(txn, idOrRef, &f)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	return &f, base, nil
}

// SaveCaseChanges saves a case form: only the fields edited (JSON names,
// "person."+name for the main person), each against the version base
// holds (CaseForEdit), as one change with the deadlines that follow. The
// merged case is validated as a whole. It returns the case as saved.
func (v *Vault) SaveCaseChanges(id string, edits []FieldEdit, base *CaseBase) (*model.CaseFile, *SaveResult, error) {
	if base == nil || base.CaseID != id {
		return nil, nil, fmt.Errorf("store: save case %s: no base version", id)
	}
	caseEdits, personEdits, err := records.SplitCaseEdits(edits)
	if err != nil {
		return nil, nil, err
	}
	var out model.CaseFile
	var res SaveResult
	err = v.update(func(c *change) error {
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
		res.Collisions = records.CaseCollisions(caseCol, personCol)
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
// against the version base holds, decoding the result into into
// (records.Merge). It returns the stored envelope (for putRecord) and the
// edited fields that collided; the bases of the edited fields are noted on
// c for putRecord.
func (c *change) mergeEdits(kind, id string, edits []FieldEdit, base Versions, into any) (*changelog.Envelope, []string, error) {
	env, err := c.pendingOrStored(kind, id)
	if err != nil {
		return nil, nil, err
	}
	if env == nil {
		return nil, nil, ErrNotFound
	}
	collided, bases, err := records.Merge(env, edits, base, into)
	if err != nil {
		return nil, nil, err
	}
	if bases != nil {
		if c.bases == nil {
			c.bases = map[string]map[string]model.HLC{}
		}
		c.bases[kind+"/"+id] = bases
	}
	return env, collided, nil
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
		ver, err = records.LoadForEdit(txn, kind, id, &rec)
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

// SaveEvidenceChanges corrects an evidence entry: only the fields edited
// (time, channel, text, category), each against the version base holds
// (EvidenceForEdit), and adds the proof files given to the proofs it has
// now. Like UpdateEvidence, the files are stored as documents first and
// deleted again if the change fails.
func (v *Vault) SaveEvidenceChanges(id string, edits []FieldEdit, base Versions, files []ProofFile) (*model.Evidence, *SaveResult, error) {
	if err := records.CheckEvidenceEdits(edits); err != nil {
		return nil, nil, err
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
