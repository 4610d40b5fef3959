package store

import (
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/feeds"
)

// CaseList is every case's row of the case list, in ListCases's order,
// kept compact for a face that holds it while the vault is open
// (feeds.CaseList).
type CaseList = feeds.CaseList

// Due is when an open deadline runs out, as the faces show it (feeds.Due).
type Due = feeds.Due

// DueOf is when the open deadline d runs out, in now's zone.
func DueOf(d model.Deadline, now time.Time) Due { return feeds.DueOf(d, now) }

// NextOpen returns, of a case's deadlines, the open one that runs out
// first among those not yet past at now, and how many open ones are past:
// what the case screen's header shows.
func NextOpen(ds []model.Deadline, now time.Time) (next model.Deadline, due Due, ok bool, overdue int) {
	return feeds.NextOpen(ds, now)
}

// CaseList reads the case list: one prefix scan of the case-list index,
// as ListCases. It holds no deadline (see CaseListAt).
func (v *Vault) CaseList() (*CaseList, error) { return v.caseList(time.Time{}) }

// CaseListAt reads the case list with each case's open deadlines as of
// now, in now's zone: one more scan, of the due-date index.
func (v *Vault) CaseListAt(now time.Time) (*CaseList, error) {
	if now.IsZero() {
		return nil, fmt.Errorf("store: CaseListAt needs an instant")
	}
	return v.caseList(now)
}

func (v *Vault) caseList(now time.Time) (*CaseList, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var l *CaseList
	err := v.db.View(func(txn *badger.Txn) (err error) {
		l, err = feeds.ReadCaseList(txn, now)
		return err
	})
	return l, err
}
