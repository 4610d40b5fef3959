package store

import (
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/engine"
)

// A draft is a form the user had not saved when the vault locked itself,
// kept inside the vault under meta/draft/ (store/internal/engine/drafts.go).

// SaveDraft keeps a form's draft for the case caseID ("" for a new case),
// replacing any other draft, durably.
func (v *Vault) SaveDraft(caseID string, data []byte) error {
	if v.isClosed() {
		return ErrClosed
	}
	if strings.ContainsAny(caseID, "/\x00") {
		return fmt.Errorf("store: draft: bad case id %q", caseID)
	}
	return v.db.Update(func(txn *badger.Txn) error { return engine.SaveDraft(txn, caseID, data) })
}

// Draft returns the draft kept, with its case id ("" for a new case); ok
// is false when there is none.
func (v *Vault) Draft() (caseID string, data []byte, ok bool, err error) {
	if v.isClosed() {
		return "", nil, false, ErrClosed
	}
	err = v.db.View(func(txn *badger.Txn) (err error) {
		caseID, data, ok, err = engine.Draft(txn)
		return err
	})
	return caseID, data, ok, err
}

// DropDraft forgets the draft kept, if any (the form was saved or its
// changes discarded).
func (v *Vault) DropDraft() error {
	if v.isClosed() {
		return ErrClosed
	}
	return v.db.Update(engine.DeleteDrafts)
}
