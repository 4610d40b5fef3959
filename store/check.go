package store

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/check"
)

// CheckReport is what Check found. OK is true when Problems is empty.
type CheckReport = check.Report

// Check verifies, in one consistent snapshot, that:
//   - every record decodes, and replaying the change log (last writer wins
//     per field) gives exactly its fields and their versions;
//   - every change-log operation names a record that exists;
//   - every index entry points to a record that agrees with it, and every
//     record has the index entries it should.
//
// Problems name keys and ids, never record contents. The checks read only;
// they live in store/internal/check.
func (v *Vault) Check() (*CheckReport, error) {
	r := &CheckReport{}
	err := v.db.View(func(txn *badger.Txn) error { return check.Run(txn, r) })
	return r, err
}
