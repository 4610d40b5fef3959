package store

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/feeds"
)

// EachCaseForStats calls fn with every case and its procedural events, in
// key order, in one read-only transaction: the input of the advocacy
// figures (package stats). What is read, and what never is (no reference,
// number, free text or person record): feeds.StatsCases. fn must not keep
// what it is given; an error from fn stops the scan and is returned.
func (v *Vault) EachCaseForStats(fn func(c *model.Case, events []model.Event) error) error {
	if v.isClosed() {
		return ErrClosed
	}
	return v.db.View(func(txn *badger.Txn) error { return feeds.StatsCases(txn, fn) })
}
