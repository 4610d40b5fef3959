package store

import (
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/search"
)

// EachSearchDoc hands fn every case as the search index wants it: its
// reference and ANEF number, its main person then its relatives, and the
// text of its notes. One read transaction; the faces build the index with
// it at unlock (search.Build), off the UI goroutine.
func (v *Vault) EachSearchDoc(fn func(search.Doc)) error {
	return v.longRead(func(txn *badger.Txn) error {
		return scan(txn, "rec/case/", func(k, b []byte) error {
			if v.closing.Load() {
				return ErrClosed
			}
			var c model.Case
			if _, err := decodeEnvelope(b, &c); err != nil {
				return err
			}
			c.ID = strings.TrimPrefix(string(k), "rec/case/")
			d, err := searchDoc(txn, c)
			if err != nil {
				return err
			}
			fn(d)
			return nil
		})
	})
}

// SearchDoc returns one case's search document, to update the index after
// a change to it.
func (v *Vault) SearchDoc(caseID string) (search.Doc, error) {
	var d search.Doc
	err := v.longRead(func(txn *badger.Txn) error {
		_, c, err := getRecord[model.Case](txn, KindCase, caseID)
		if err != nil {
			return err
		}
		c.ID = caseID
		d, err = searchDoc(txn, *c)
		return err
	})
	return d, err
}

func searchDoc(txn *badger.Txn, c model.Case) (search.Doc, error) {
	d := search.Doc{CaseID: c.ID, Ref: c.Ref, ANEF: c.ANEFNumber}
	add := func(id string, role model.Role) error {
		_, p, err := getRecord[model.Person](txn, KindPerson, id)
		if err != nil {
			return err
		}
		d.People = append(d.People, search.Person{ID: id, FamilyName: p.FamilyName, GivenNames: p.GivenNames,
			BirthDate: p.BirthDate, AGDREF: p.AGDREF, Role: role})
		return nil
	}
	if err := add(c.PersonID, ""); err != nil {
		return d, err
	}
	for _, r := range c.Related {
		if err := add(r.PersonID, r.Role); err != nil {
			return d, err
		}
	}
	prefix := "idx/case/" + c.ID + "/note/"
	var ids []string
	if err := scanKeys(txn, prefix, func(k []byte) error {
		ids = append(ids, strings.TrimPrefix(string(k), prefix))
		return nil
	}); err != nil {
		return d, err
	}
	for _, id := range ids {
		_, n, err := getRecord[model.Note](txn, KindNote, id)
		if err != nil {
			return d, err
		}
		d.Notes = append(d.Notes, n.Text)
	}
	return d, nil
}
