package store

import (
	"casefile/store/internal/layout"
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// A draft is a form the user had not saved when the vault locked itself
// (or the window closed): kept inside the vault, encrypted like every
// record, never in a file of its own. One at a time, under
//
//	meta/draft/<case-id>   (meta/draft/new for a case not created yet)
//
// with the face's own encoding of the form as its value. It is local to
// this device (not in the change log, not synced, not in bundles), and
// erasing a case erases its draft with it (erase.go lists the key).

const draftPrefix = layout.Draft

// draftNew is the key's last part for a form of a case not created yet.
const draftNew = "new"

func draftKey(caseID string) []byte {
	if caseID == "" {
		caseID = draftNew
	}
	return []byte(draftPrefix + caseID)
}

// SaveDraft keeps a form's draft for the case caseID ("" for a new case),
// replacing any other draft, durably.
func (v *Vault) SaveDraft(caseID string, data []byte) error {
	if v.isClosed() {
		return ErrClosed
	}
	if strings.ContainsAny(caseID, "/\x00") {
		return fmt.Errorf("store: draft: bad case id %q", caseID)
	}
	return v.db.Update(func(txn *badger.Txn) error {
		if err := deleteDrafts(txn); err != nil {
			return err
		}
		return txn.Set(draftKey(caseID), data)
	})
}

// Draft returns the draft kept, with its case id ("" for a new case); ok
// is false when there is none.
func (v *Vault) Draft() (caseID string, data []byte, ok bool, err error) {
	if v.isClosed() {
		return "", nil, false, ErrClosed
	}
	err = v.db.View(func(txn *badger.Txn) error {
		return scan(txn, draftPrefix, func(k, b []byte) error {
			if ok {
				return nil
			}
			caseID, data, ok = string(k[len(draftPrefix):]), append([]byte(nil), b...), true
			if caseID == draftNew {
				caseID = ""
			}
			return nil
		})
	})
	return caseID, data, ok, err
}

// DropDraft forgets the draft kept, if any (the form was saved or its
// changes discarded).
func (v *Vault) DropDraft() error {
	if v.isClosed() {
		return ErrClosed
	}
	return v.db.Update(deleteDrafts)
}

func deleteDrafts(txn *badger.Txn) error {
	var keys [][]byte
	if err := scanKeys(txn, draftPrefix, func(k []byte) error {
		keys = append(keys, append([]byte(nil), k...))
		return nil
	}); err != nil {
		return err
	}
	for _, k := range keys {
		if err := txn.Delete(k); err != nil {
			return err
		}
	}
	return nil
}
