package feeds

import (
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/search"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// The case feed's reads (store/internal/casefeed tells, the store reads
// here): which cases the records a commit touched belong to, and one
// case's search document to read again.

// CasesOf resolves touched records ("kind/id") to the cases whose search
// documents hold them: a case (or its tombstone) itself, a note's case,
// every case naming a person. A note's case is caseOf's ("" when the note
// is gone or unreadable: no case); the store gives the one lookup it has.
func CasesOf(txn *badger.Txn, recs map[string]bool, caseOf func(txn *badger.Txn, kind, id string) string) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for rec := range recs {
		kind, id, _ := strings.Cut(rec, "/")
		switch kind {
		case changelog.KindCase, changelog.KindErasure:
			add(id)
		case changelog.KindNote:
			add(caseOf(txn, kind, id))
		case changelog.KindPerson:
			prefix := layout.PersonCasePrefix(id)
			if err := read.ScanKeys(txn, prefix, func(k []byte) error {
				add(string(k[len(prefix):]))
				return nil
			}); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// CaseSearchDoc is case caseID's search document (SearchDoc), or
// read.ErrNotFound when the case is gone or being erased: its records are
// being dropped.
func CaseSearchDoc(txn *badger.Txn, caseID string) (search.Doc, error) {
	if _, erasing, err := read.Raw(txn, layout.ErasingKey(caseID)); err != nil {
		return search.Doc{}, err
	} else if erasing {
		return search.Doc{}, read.ErrNotFound
	}
	_, c, err := read.Record[model.Case](txn, changelog.KindCase, caseID)
	if err != nil {
		return search.Doc{}, err
	}
	c.ID = caseID
	return SearchDoc(txn, *c)
}
