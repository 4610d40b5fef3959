package store

import (
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/casefeed"
	"casefile/store/internal/exchange"
	"casefile/store/internal/layout"
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
// hold them: a case (or its tombstone) itself, a note's case, every case
// naming a person.
func (v *Vault) casesOf(recs map[string]bool) ([]string, error) {
	seen := map[string]bool{}
	var out []string
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	err := v.longRead(func(txn *badger.Txn) error {
		for rec := range recs {
			kind, id, _ := strings.Cut(rec, "/")
			switch kind {
			case KindCase, KindErasure:
				add(id)
			case KindNote:
				add(exchange.CaseOfRecord(txn, kind, id))
			case KindPerson:
				prefix := layout.PersonCasePrefix(id)
				if err := scanKeys(txn, prefix, func(k []byte) error {
					add(string(k[len(prefix):]))
					return nil
				}); err != nil {
					return err
				}
			}
		}
		return nil
	})
	return out, err
}
