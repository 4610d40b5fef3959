package store

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/records"
)

// The right of access (GDPR art. 15; docs/retention.md): what the vault
// holds about one person, read by store/internal/records (access.go).
type (
	// PersonData is everything the vault holds about one person.
	PersonData = records.PersonData
	// PersonCase is one case a person is in.
	PersonCase = records.PersonCase
)

// PersonData gathers a person's data, in one read-only transaction. An
// unknown id gives ErrNotFound.
func (v *Vault) PersonData(personID string) (out *PersonData, err error) {
	err = v.db.View(func(txn *badger.Txn) error {
		out, err = records.ReadPersonData(txn, personID, SortDeadlines)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
