package read

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/layout"
)

// CaseID resolves a case id or reference: a reference (model.ValidRef) is
// looked up in the reference index (ErrNotFound when no case has it);
// anything else is taken as an id.
func CaseID(txn *badger.Txn, idOrRef string) (string, error) {
	if !model.ValidRef(idOrRef) {
		return idOrRef, nil
	}
	b, ok, err := Raw(txn, layout.RefKey(idOrRef))
	if err != nil {
		return "", err
	} else if !ok {
		return "", ErrNotFound
	}
	return string(b), nil
}
