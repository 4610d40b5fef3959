package engine

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// A draft is a form the user had not saved when the vault locked itself
// (or the window closed): kept inside the vault, encrypted like every
// record, never in a file of its own. One at a time, under
//
//	meta/draft/<case-id>   (meta/draft/new for a case not created yet)
//
// with the face's own encoding of the form as its value. It is local to
// this device (not in the change log, not synced, not in bundles), and
// erasing a case erases its draft with it (the erasure plan lists the key).

// draftNew is the key's last part for a form of a case not created yet.
const draftNew = "new"

// DraftKey is the key of the draft of case caseID ("" for a new case).
func DraftKey(caseID string) []byte {
	if caseID == "" {
		caseID = draftNew
	}
	return layout.DraftKey(caseID)
}

// SaveDraft keeps data as the draft of case caseID in txn, replacing any
// other draft.
func SaveDraft(txn *badger.Txn, caseID string, data []byte) error {
	if err := DeleteDrafts(txn); err != nil {
		return err
	}
	return txn.Set(DraftKey(caseID), data)
}

// Draft returns the draft kept, with its case id ("" for a new case); ok
// is false when there is none.
func Draft(txn *badger.Txn) (caseID string, data []byte, ok bool, err error) {
	err = read.Scan(txn, layout.Draft, func(k, b []byte) error {
		if ok {
			return nil
		}
		caseID, data, ok = string(k[len(layout.Draft):]), append([]byte(nil), b...), true
		if caseID == draftNew {
			caseID = ""
		}
		return nil
	})
	return caseID, data, ok, err
}

// DeleteDrafts deletes every draft in txn.
func DeleteDrafts(txn *badger.Txn) error {
	var keys [][]byte
	if err := read.ScanKeys(txn, layout.Draft, func(k []byte) error {
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
