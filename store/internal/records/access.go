package records

import (
	"slices"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/read"
)

// PersonData is everything the vault holds about one person, for the right
// of access (GDPR art. 15; docs/retention.md): the record, the tombstones
// of records merged into it, the history of those records, and each case
// the person is in with its notes, events, deadlines and documents (the
// documents' metadata: their bytes are exported separately if asked for).
type PersonData struct {
	Person  model.Person
	Merged  []model.Person
	History []changelog.FieldChange
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

// ReadPersonData gathers a person's data in one read-only transaction,
// each case's records in the order the store lists them (sortDeadlines is
// the store's order of deadlines). An unknown id gives read.ErrNotFound.
func ReadPersonData(txn *badger.Txn, personID string, sortDeadlines func([]model.Deadline)) (*PersonData, error) {
	_, p, err := read.Record[model.Person](txn, changelog.KindPerson, personID)
	if err != nil {
		return nil, err
	}
	out := &PersonData{Person: *p}
	caseIDs, err := PersonCases(txn, personID)
	if err != nil {
		return nil, err
	}
	if out.Merged, out.History, err = PersonHistory(txn, personID); err != nil {
		return nil, err
	}
	slices.Sort(caseIDs)
	for _, id := range caseIDs {
		f, err := CaseFile(txn, id)
		if err != nil {
			return nil, err
		}
		pc := PersonCase{File: *f}
		for _, r := range f.Related {
			if r.PersonID == personID {
				pc.Role = r.Role
			}
		}
		if pc.Notes, err = Notes(txn, id); err != nil {
			return nil, err
		}
		if pc.Events, err = CaseChildren[model.Event](txn, id, changelog.KindEvent); err != nil {
			return nil, err
		}
		model.SortEvents(pc.Events)
		if pc.Deadlines, err = CaseChildren[model.Deadline](txn, id, changelog.KindDeadline); err != nil {
			return nil, err
		}
		sortDeadlines(pc.Deadlines)
		if pc.Documents, err = CaseChildren[model.Document](txn, id, changelog.KindDocument); err != nil {
			return nil, err
		}
		pc.Documents = LiveDocuments(pc.Documents)
		out.Cases = append(out.Cases, pc)
	}
	return out, nil
}
