package store

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/records"
)

// ErrEvidenceNotFound: no evidence entry with that id. It wraps ErrNotFound.
var ErrEvidenceNotFound = fmt.Errorf("evidence entry %w", ErrNotFound)

// ProofFile is a proof to attach to an evidence entry: a file name and its
// bytes.
type ProofFile struct {
	Name string
	R    io.Reader
}

// AddEvidence records an evidence entry on its case (e.CaseID, an id or a
// reference), with its proof files. Each file is stored as a document of
// the case first (its SHA-256 computed while it is written), then the
// entry, its index entry and its change-log entry go in one change. If that change fails, the
// documents just added are deleted again. It fills in e.ID, e.Proofs,
// e.AddedBy and e.AddedAt.
func (v *Vault) AddEvidence(e *model.Evidence, files []ProofFile) error {
	ev := *e
	ev.ID, ev.Proofs, ev.Withdrawn, ev.WithdrawnReason = "", nil, false, ""
	if err := ev.Validate(now()); err != nil {
		return err
	}
	f, err := v.Case(ev.CaseID) // an id or a reference
	if err != nil {
		return err
	}
	ev.CaseID = f.ID
	proofs, err := v.addProofs(ev.CaseID, files)
	if err != nil {
		return err
	}
	ev.Proofs = proofs
	ev.ID = newID()
	ev.AddedBy = v.author
	ev.AddedAt = now().UTC().Truncate(1e9)
	err = v.update(func(c *change) error {
		if _, _, err := getRecord[model.Case](c.txn, KindCase, ev.CaseID); err != nil {
			return err
		}
		if err := c.absorbCase(ev.CaseID); err != nil { // open_anefmigrate.go
			return err
		}
		if err := c.putRecord(KindEvidence, ev.ID, ev, nil); err != nil {
			return err
		}
		c.set(layout.CaseChildKey(ev.CaseID, KindEvidence, ev.ID), nil)
		return nil
	})
	if err != nil {
		v.dropProofs(proofs)
		return err
	}
	*e = ev
	return nil
}

// addProofs stores files as documents of the case; on failure it deletes
// those already stored.
func (v *Vault) addProofs(caseID string, files []ProofFile) ([]model.EvidenceProof, error) {
	var proofs []model.EvidenceProof
	for _, f := range files {
		d, err := v.AddDocument(caseID, f.Name, f.R)
		if err != nil {
			v.dropProofs(proofs)
			return nil, fmt.Errorf("%s: %w", f.Name, err)
		}
		proofs = append(proofs, model.EvidenceProof{DocID: d.ID, Name: d.Name, SHA256: d.SHA256, Size: d.Size})
	}
	return proofs, nil
}

func (v *Vault) dropProofs(proofs []model.EvidenceProof) {
	for _, p := range proofs {
		_ = v.DeleteDocument(p.DocID) // best effort: the entry never named it
	}
}

// UpdateEvidence corrects an entry (found by e.ID): its time, channel, text
// and category, and adds the proof files given. The case, the proofs
// already attached, who added it and when do not change; nor does the
// withdrawn flag (WithdrawEvidence). The change log keeps every earlier
// value, so the correction is never silent (EvidenceHistory).
func (v *Vault) UpdateEvidence(e *model.Evidence, files []ProofFile) error {
	if err := v.moveLegacy(e.ID); err != nil {
		return err
	}
	old, err := v.EvidenceEntry(e.ID)
	if err != nil {
		return err
	}
	ev := records.CorrectedEvidence(old, e)
	if err := ev.Validate(now()); err != nil {
		return err
	}
	proofs, err := v.addProofs(ev.CaseID, files)
	if err != nil {
		return err
	}
	ev.Proofs = append(slices.Clone(ev.Proofs), proofs...)
	err = v.update(func(c *change) error {
		env, cur, err := getRecord[model.Evidence](c.txn, KindEvidence, ev.ID)
		if err != nil {
			return err
		}
		// Proofs added concurrently since we read the entry are kept.
		if len(cur.Proofs) != len(old.Proofs) {
			ev.Proofs = append(slices.Clone(cur.Proofs), proofs...)
		}
		ev.Withdrawn, ev.WithdrawnReason = cur.Withdrawn, cur.WithdrawnReason
		return c.putRecord(KindEvidence, ev.ID, ev, env)
	})
	if err != nil {
		v.dropProofs(proofs)
		if errors.Is(err, ErrNotFound) {
			return ErrEvidenceNotFound
		}
		return err
	}
	*e = ev
	return nil
}

// WithdrawEvidence marks an entry withdrawn, with the reason. Entries are
// never deleted: the log shows a withdrawn entry struck out, and it no
// longer counts towards readiness or the export. Its proof documents stay.
func (v *Vault) WithdrawEvidence(id, reason string) error {
	if err := v.moveLegacy(id); err != nil {
		return err
	}
	err := v.update(func(c *change) error {
		env, ev, err := getRecord[model.Evidence](c.txn, KindEvidence, id)
		if err != nil {
			return err
		}
		ev.Withdrawn, ev.WithdrawnReason = true, reason
		if err := ev.Validate(ev.At); err != nil { // as of its own time: only the reason is new
			return err
		}
		return c.putRecord(KindEvidence, id, *ev, env)
	})
	if errors.Is(err, ErrNotFound) {
		return ErrEvidenceNotFound
	}
	return err
}

// moveLegacy makes sure entry id exists as a record: when it is a
// malfunction still on its case (EvidenceLog shows it as the entry it
// will become), that case's malfunctions are moved first.
func (v *Vault) moveLegacy(id string) error {
	if _, err := v.evidenceRecord(id); !errors.Is(err, ErrEvidenceNotFound) {
		return nil // found, or an error the caller's read will meet again
	}
	caseID, err := v.legacyCaseOf(id)
	if err != nil || caseID == "" {
		return err
	}
	return v.update(func(c *change) error { return c.absorbCase(caseID) })
}

// AddMalfunction records an ANEF malfunction on a case: an entry of its
// evidence log (an attempt with a category, the day without a time; the
// channel the category implies), so that the log, the figures, the
// readiness and the letters read one record. It fills in m.ID with the
// entry's id.
func (v *Vault) AddMalfunction(idOrRef string, m *model.Malfunction) error {
	if err := m.Validate(v.today()); err != nil {
		return err
	}
	f, err := v.Case(idOrRef)
	if err != nil {
		return err
	}
	e := records.EvidenceOfMalfunction(f.ID, *m, v.author)
	e.ID = ""
	if err := v.AddEvidence(&e, nil); err != nil {
		return err
	}
	m.ID = e.ID
	return nil
}

// EvidenceEntry returns one entry by id: a record, or a malfunction still
// on its case in the old shape, as the entry it will become
// (records.EvidenceEntry).
func (v *Vault) EvidenceEntry(id string) (e *model.Evidence, err error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	err = v.db.View(func(txn *badger.Txn) error {
		e, err = records.EvidenceEntry(txn, id, ErrEvidenceNotFound)
		return err
	})
	return e, err
}

// evidenceRecord reads entry id as a record only: not a malfunction still
// on its case.
func (v *Vault) evidenceRecord(id string) (*model.Evidence, error) {
	return recordByID[model.Evidence](v, KindEvidence, id, ErrEvidenceNotFound)
}

// EvidenceLog returns a case's evidence entries, withdrawn ones included,
// newest first (by the time of the attempt, then the order recorded). A
// malfunction still on the case in the old shape is listed as the entry
// it will become (open_anefmigrate.go; records.EvidenceLog).
func (v *Vault) EvidenceLog(caseID string) (es []model.Evidence, err error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	err = v.db.View(func(txn *badger.Txn) error {
		es, err = records.EvidenceLog(txn, caseID)
		return err
	})
	return es, err
}

// SortEvidence orders entries newest first: by the time of the attempt,
// then the order recorded (records.SortEvidence).
func SortEvidence(es []model.Evidence) { records.SortEvidence(es) }

// EvidenceHistory returns the changes made to an entry, oldest first: the
// first holds the original values, later ones the corrections.
func (v *Vault) EvidenceHistory(id string) ([]Change, error) { return v.history(KindEvidence, id) }

// FieldChanges flattens changes (oldest first, as EvidenceHistory returns
// them) into field changes, each with its previous value as Old.
func FieldChanges(changes []Change) []FieldChange { return changelog.FieldChanges(changes) }
