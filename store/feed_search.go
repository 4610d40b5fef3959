package store

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/search"
	"casefile/store/internal/feeds"
)

// EachSearchDoc hands the search index (search.Build) every case: add
// gets its reference and ANEF number, its main person then its relatives;
// note then gets the text of every note with its case's id. One read
// transaction (feeds.SearchDocs), off the UI goroutine (the faces build
// the index at unlock); closing the vault stops it with ErrClosed.
func (v *Vault) EachSearchDoc(add func(search.Doc), note func(caseID, text string)) error {
	stop := func() error {
		if v.closing.Load() {
			return ErrClosed
		}
		return nil
	}
	return v.longRead(func(txn *badger.Txn) error { return feeds.SearchDocs(txn, stop, add, note) })
}

// SearchDoc returns one case's search document, to update the index after
// a change to it (the case feed, feed_cases.go). A case being erased is
// ErrNotFound already: its records are being dropped.
func (v *Vault) SearchDoc(caseID string) (search.Doc, error) {
	var d search.Doc
	err := v.longRead(func(txn *badger.Txn) (err error) {
		d, err = feeds.CaseSearchDoc(txn, caseID)
		return err
	})
	return d, err
}
