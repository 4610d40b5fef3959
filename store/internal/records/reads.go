package records

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// The reads of a case and of what its index lists: its main person, its
// notes, events, documents and evidence entries.

// CaseFile reads a case, by id or reference, with its main person.
func CaseFile(txn *badger.Txn, idOrRef string) (*model.CaseFile, error) {
	id, err := read.CaseID(txn, idOrRef)
	if err != nil {
		return nil, err
	}
	_, c, err := read.Record[model.Case](txn, changelog.KindCase, id)
	if err != nil {
		return nil, err
	}
	_, p, err := read.Record[model.Person](txn, changelog.KindPerson, c.PersonID)
	if err != nil {
		return nil, fmt.Errorf("store: case %s: main person: %w", c.Ref, err)
	}
	return &model.CaseFile{Case: *c, Person: *p}, nil
}

// CaseChildren reads the records of one kind listed under a case's index
// (idx/case/<case-id>/<kind>/), in key order. An unknown case gives
// read.ErrNotFound.
func CaseChildren[T any](txn *badger.Txn, caseID, kind string) ([]T, error) {
	if _, err := txn.Get(layout.RecKey(changelog.KindCase, caseID)); err != nil {
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil, read.ErrNotFound
		}
		return nil, err
	}
	prefix := layout.CasePrefix(caseID) + kind + "/"
	var ids []string
	if err := read.ScanKeys(txn, prefix, func(k []byte) error {
		ids = append(ids, string(k[len(prefix):]))
		return nil
	}); err != nil {
		return nil, err
	}
	var out []T
	for _, id := range ids {
		_, rec, err := read.Record[T](txn, kind, id)
		if err != nil {
			return out, fmt.Errorf("store: case %s: %s %s: %w", caseID, kind, id, err)
		}
		out = append(out, *rec)
	}
	return out, nil
}

// Notes reads a case's notes, oldest first. An unknown case has none.
func Notes(txn *badger.Txn, caseID string) ([]model.Note, error) {
	prefix := layout.CaseChildPrefix(caseID, changelog.KindNote)
	var ids []string
	if err := read.ScanKeys(txn, prefix, func(k []byte) error {
		ids = append(ids, strings.TrimPrefix(string(k), prefix))
		return nil
	}); err != nil {
		return nil, err
	}
	var notes []model.Note
	var err error
	for _, id := range ids {
		var n *model.Note
		if _, n, err = read.Record[model.Note](txn, changelog.KindNote, id); err != nil {
			break // the notes read so far are returned with the error
		}
		notes = append(notes, *n)
	}
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].Time.Before(notes[j].Time) })
	return notes, err
}

// SortEvidence orders entries newest first: by the time of the attempt,
// then the order recorded (ids are time-ordered).
func SortEvidence(es []model.Evidence) {
	slices.SortStableFunc(es, func(a, b model.Evidence) int {
		if c := b.At.Compare(a.At); c != 0 {
			return c
		}
		if b.ID > a.ID {
			return 1
		} else if b.ID < a.ID {
			return -1
		}
		return 0
	})
}

// CaseIDs lists every case id, in key order.
func CaseIDs(txn *badger.Txn) ([]string, error) {
	var ids []string
	prefix := layout.RecPrefix(changelog.KindCase)
	err := read.ScanKeys(txn, prefix, func(k []byte) error {
		ids = append(ids, string(k[len(prefix):]))
		return nil
	})
	return ids, err
}
