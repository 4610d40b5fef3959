package store

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/casefeed"
	"casefile/store/internal/exchange"
	"casefile/store/internal/feeds"
)

// The case feed (store/internal/casefeed) tells a face which cases'
// searchable content changed, whatever wrote them. Every change that
// commits records (update, batch, the staged pipeline; each of an atomic
// change's transactions) hands the keys it wrote to the feed (stages.go);
// erasures report their case once carried out. Here the store resolves
// the records touched to cases, in a read transaction of its own.

// CaseChanges is one notice of the case feed.
type CaseChanges = casefeed.Changes

// feed is the Vault's case feed; its zero value is ready.
type feed struct{ casefeed.Feed }

// committed takes the keys the changes wrote, once committed.
func (f *feed) committed(cs ...*change) {
	f.Committed(func(yield func([]byte) bool) {
		for _, c := range cs {
			for i := range c.sets {
				if !yield(c.sets[i].key) {
					return
				}
			}
		}
	})
}

// caseGone reports a case erased (carryOut).
func (f *feed) caseGone(id string) { f.CaseGone(id) }

// WatchCases calls fn, on a goroutine of the store's, with the cases whose
// search content changed after each commit (notices may be merged). Stop
// it with the function returned; Close stops it too.
func (v *Vault) WatchCases(fn func(CaseChanges)) (stop func()) {
	return v.feed.Watch(fn, v.casesOf)
}

// closeFeed stops the feed (Close).
func (v *Vault) closeFeed() { v.feed.Close() }

// SyncFeed waits until every notice of changes committed before the call
// has been delivered (or the feed stopped): tests, and a face that must
// see its own change in what it keeps from the feed.
func (v *Vault) SyncFeed() { v.feed.Sync() }

// casesOf resolves touched records to the cases whose search documents
// hold them (feeds.CasesOf; a note's case as collisions find it,
// exchange.CaseOfRecord), in a read of its own.
func (v *Vault) casesOf(recs map[string]bool) ([]string, error) {
	var out []string
	err := v.longRead(func(txn *badger.Txn) (err error) {
		out, err = feeds.CasesOf(txn, recs, exchange.CaseOfRecord)
		return err
	})
	return out, err
}
