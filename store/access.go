package store

import (
	"slices"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/records"
)

// PersonData is everything the vault holds about one person, for the right
// of access (GDPR art. 15; docs/retention.md): the record, the tombstones
// of records merged into it, the history of those records, and each case
// the person is in with its notes, events, deadlines and documents (the
// documents' metadata: their bytes are exported separately if asked for).
type PersonData struct {
	Person  model.Person
	Merged  []model.Person
	History []FieldChange
	Cases   []PersonCase
}

// PersonCase is one case a person is in.
type PersonCase struct {
	File      model.CaseFile
	Role      model.Role // empty for the main person
	Notes     []model.Note
	Events    []model.Event
	Deadlines []model.Deadline
	Documents []model.Document
}

// PersonData gathers a person's data. An unknown id gives ErrNotFound.
func (v *Vault) PersonData(personID string) (*PersonData, error) {
	p, err := v.Person(personID)
	if err != nil {
		return nil, err
	}
	out := &PersonData{Person: *p}
	var caseIDs []string
	err = v.db.View(func(txn *badger.Txn) (err error) {
		if caseIDs, err = records.PersonCases(txn, personID); err != nil {
			return err
		}
		out.Merged, out.History, err = records.PersonHistory(txn, personID)
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(caseIDs)
	for _, id := range caseIDs {
		f, err := v.Case(id)
		if err != nil {
			return nil, err
		}
		pc := PersonCase{File: *f}
		for _, r := range f.Related {
			if r.PersonID == personID {
				pc.Role = r.Role
			}
		}
		if pc.Notes, err = v.Notes(id); err != nil {
			return nil, err
		}
		if pc.Events, err = v.Events(id); err != nil {
			return nil, err
		}
		if pc.Deadlines, err = v.Deadlines(id); err != nil {
			return nil, err
		}
		if pc.Documents, err = v.Documents(id); err != nil {
			return nil, err
		}
		out.Cases = append(out.Cases, pc)
	}
	return out, nil
}
