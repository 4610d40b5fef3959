package feeds

import (
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/search"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// SearchDocs (store.Vault.EachSearchDoc) hands the search index (search.Build) every case: add
// gets its reference and ANEF number, its main person then its relatives;
// note then gets the text of every note with its case's id. One read
// transaction, off the UI goroutine (the faces build the index at unlock).
//
// It reads in three sequential passes — cases, people, notes — instead of
// reading each case's people and notes by key: on a vault of 100,000
// cases the lookups by key decrypted and decompressed a table block for
// nearly every person and note (the block cache cannot hold the vault),
// about 17 s of CPU and 100 MB of garbage at every unlock.
//
// stop is asked between records: a non-nil error (the vault closing) ends
// the read and is returned.
func SearchDocs(txn *badger.Txn, stop func() error, add func(search.Doc), note func(caseID, text string)) error {
	{
		type seat struct{ doc, pos int }
		var docs []search.Doc
		seats := map[string][]seat{}
		err := read.Scan(txn, layout.RecPrefix(changelog.KindCase), func(k, b []byte) error {
			if err := stop(); err != nil {
				return err
			}
			var c model.Case
			if err := changelog.PickFields(b, caseSearchFields, []any{&c.Ref, &c.ANEFNumber, &c.PersonID, &c.Related}); err != nil {
				return err
			}
			d := search.Doc{CaseID: strings.TrimPrefix(string(k), layout.RecPrefix(changelog.KindCase)), Ref: c.Ref, ANEF: c.ANEFNumber,
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
		err = read.Scan(txn, layout.RecPrefix(changelog.KindPerson), func(k, b []byte) error {
			if err := stop(); err != nil {
				return err
			}
			at, ok := seats[strings.TrimPrefix(string(k), layout.RecPrefix(changelog.KindPerson))]
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
			return fmt.Errorf("store: %d people of the cases have no record: %w", len(seats)-found, read.ErrNotFound)
		}
		for _, d := range docs {
			add(d)
			if err := stop(); err != nil {
				return err
			}
		}
		docs, seats = nil, nil
		return read.Scan(txn, layout.RecPrefix(changelog.KindNote), func(_, b []byte) error {
			if err := stop(); err != nil {
				return err
			}
			var caseID, text string
			if err := changelog.PickFields(b, noteSearchFields, []any{&caseID, &text}); err != nil {
				return err
			}
			note(caseID, text)
			return nil
		})
	}
}

// The fields of each kind the search index reads (model's JSON names).
var (
	caseSearchFields   = []string{"ref", "anef_number", "person_id", "related"}
	personSearchFields = []string{"family_name", "given_names", "birth_date", "agdref"}
	noteSearchFields   = []string{"case_id", "text"}
)

// SearchDoc is case c's search document: its people by key, its notes
// through the case index (store.Vault.SearchDoc, after a change).
func SearchDoc(txn *badger.Txn, c model.Case) (search.Doc, error) {
	d := search.Doc{CaseID: c.ID, Ref: c.Ref, ANEF: c.ANEFNumber}
	add := func(id string, role model.Role) error {
		_, p, err := read.Record[model.Person](txn, changelog.KindPerson, id)
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
	prefix := layout.CaseChildPrefix(c.ID, changelog.KindNote)
	var ids []string
	if err := read.ScanKeys(txn, prefix, func(k []byte) error {
		ids = append(ids, strings.TrimPrefix(string(k), prefix))
		return nil
	}); err != nil {
		return d, err
	}
	for _, id := range ids {
		_, n, err := read.Record[model.Note](txn, changelog.KindNote, id)
		if err != nil {
			return d, err
		}
		d.Notes = append(d.Notes, n.Text)
	}
	return d, nil
}
