package store

import (
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/search"
	"casefile/store/internal/layout"
)

// EachSearchDoc hands the search index (search.Build) every case: add
// gets its reference and ANEF number, its main person then its relatives;
// note then gets the text of every note with its case's id. One read
// transaction, off the UI goroutine (the faces build the index at unlock).
//
// It reads in three sequential passes — cases, people, notes — instead of
// reading each case's people and notes by key: on a vault of 100,000
// cases the lookups by key decrypted and decompressed a table block for
// nearly every person and note (the block cache cannot hold the vault),
// about 17 s of CPU and 100 MB of garbage at every unlock.
func (v *Vault) EachSearchDoc(add func(search.Doc), note func(caseID, text string)) error {
	return v.longRead(func(txn *badger.Txn) error {
		type seat struct{ doc, pos int }
		var docs []search.Doc
		seats := map[string][]seat{}
		err := scan(txn, layout.RecPrefix(KindCase), func(k, b []byte) error {
			if v.closing.Load() {
				return ErrClosed
			}
			var c model.Case
			if err := changelog.PickFields(b, caseSearchFields, []any{&c.Ref, &c.ANEFNumber, &c.PersonID, &c.Related}); err != nil {
				return err
			}
			d := search.Doc{CaseID: strings.TrimPrefix(string(k), layout.RecPrefix(KindCase)), Ref: c.Ref, ANEF: c.ANEFNumber,
				People: make([]search.Person, 1, 1+len(c.Related))}
			d.People[0].ID = c.PersonID
			for _, r := range c.Related {
				d.People = append(d.People, search.Person{ID: r.PersonID, Role: r.Role})
			}
			for pos, p := range d.People {
				seats[p.ID] = append(seats[p.ID], seat{len(docs), pos})
			}
			docs = append(docs, d)
			return nil
		})
		if err != nil {
			return err
		}
		found := 0
		err = scan(txn, layout.RecPrefix(KindPerson), func(k, b []byte) error {
			if v.closing.Load() {
				return ErrClosed
			}
			at, ok := seats[strings.TrimPrefix(string(k), layout.RecPrefix(KindPerson))]
			if !ok {
				return nil
			}
			var p model.Person
			if err := changelog.PickFields(b, personSearchFields, []any{&p.FamilyName, &p.GivenNames, &p.BirthDate, &p.AGDREF}); err != nil {
				return err
			}
			for _, s := range at {
				sp := &docs[s.doc].People[s.pos]
				sp.FamilyName, sp.GivenNames, sp.BirthDate, sp.AGDREF = p.FamilyName, p.GivenNames, p.BirthDate, p.AGDREF
			}
			found++
			return nil
		})
		if err != nil {
			return err
		}
		if found != len(seats) {
			return fmt.Errorf("store: %d people of the cases have no record: %w", len(seats)-found, ErrNotFound)
		}
		for _, d := range docs {
			add(d)
			if v.closing.Load() {
				return ErrClosed
			}
		}
		docs, seats = nil, nil
		return scan(txn, layout.RecPrefix(KindNote), func(_, b []byte) error {
			if v.closing.Load() {
				return ErrClosed
			}
			var caseID, text string
			if err := changelog.PickFields(b, noteSearchFields, []any{&caseID, &text}); err != nil {
				return err
			}
			note(caseID, text)
			return nil
		})
	})
}

// The fields of each kind the search index reads (model's JSON names).
var (
	caseSearchFields   = []string{"ref", "anef_number", "person_id", "related"}
	personSearchFields = []string{"family_name", "given_names", "birth_date", "agdref"}
	noteSearchFields   = []string{"case_id", "text"}
)

// SearchDoc returns one case's search document, to update the index after
// a change to it (the case feed, feed_cases.go). A case being erased is
// ErrNotFound already: its records are being dropped.
func (v *Vault) SearchDoc(caseID string) (search.Doc, error) {
	var d search.Doc
	err := v.longRead(func(txn *badger.Txn) error {
		if _, erasing, err := getRaw(txn, layout.ErasingKey(caseID)); err != nil {
			return err
		} else if erasing {
			return ErrNotFound
		}
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
	prefix := layout.CaseChildPrefix(c.ID, KindNote)
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
