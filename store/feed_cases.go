package store

import (
	"bytes"
	"casefile/store/internal/exchange"
	"casefile/store/internal/layout"
	"strings"
	"sync"

	"github.com/dgraph-io/badger/v4"
)

// The case feed tells a face which cases' searchable content changed, in
// one place, whatever wrote them: a form, a note, an import, sync, a merge,
// a collision resolved, an erasure. Every change that commits records
// (update, batch, the staged pipeline; each of an atomic change's
// transactions) hands the record keys it wrote to the feed; erasures report
// their case once carried out. A goroutine started by the first subscriber
// resolves them to cases after the commit, off the writer's path, and calls
// the subscribers. The faces keep their search index current from it
// (app/search.go), instead of patching it after each screen's save.
//
// A subscriber is told about a case after the change is committed; when it
// reads the case back it sees that change or a later one (an atomic
// change's reader waits at the gate until it commits or rolls back). A
// notice may be spurious (a change that failed after staging): reading the
// case again is harmless.

// CaseChanges is one notice of the case feed.
type CaseChanges struct {
	// Cases changed (created, edited, one of their people or notes
	// changed) or gone (erased): read each again (SearchDoc; ErrNotFound
	// when gone).
	Cases []string
	// All: too many records changed at once to list (a large import):
	// rebuild from the whole vault.
	All bool
}

// feedAllAbove: past this many records touched between two deliveries, the
// feed says All rather than resolve each.
const feedAllAbove = 20000

// feed is the Vault's case feed; its zero value is ready.
type feed struct {
	mu      sync.Mutex
	cond    *sync.Cond
	subs    map[int]func(CaseChanges)
	nextSub int
	pending map[string]bool // "kind/id" committed, not delivered yet
	all     bool
	seq     uint64 // notices taken
	done    uint64 // notices delivered
	wake    chan struct{}
	stop    chan struct{}
	running bool
}

var recPrefix = []byte(layout.Rec)

// feedKind: the records whose changes a case's search document follows.
func feedKind(kind string) bool {
	return kind == KindCase || kind == KindPerson || kind == KindNote || kind == KindErasure
}

// committed takes the records the changes touched, once committed.
func (f *feed) committed(cs ...*change) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.subs) == 0 {
		return
	}
	added := false
	for _, c := range cs {
		// The record keys written, not the change's operations: sync and
		// imports write records whose operations go to the log under
		// their own keys, and records held back are written later.
		for _, e := range c.sets {
			if !bytes.HasPrefix(e.key, recPrefix) {
				continue
			}
			rec := string(e.key[len(recPrefix):])
			if kind, _, _ := strings.Cut(rec, "/"); !feedKind(kind) {
				continue
			}
			added = true
			if !f.all {
				f.pending[rec] = true
			}
		}
	}
	if added {
		f.signalLocked()
	}
}

// caseGone reports a case erased (carryOut).
func (f *feed) caseGone(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.subs) == 0 {
		return
	}
	if !f.all {
		f.pending[KindCase+"/"+id] = true
	}
	f.signalLocked()
}

func (f *feed) signalLocked() {
	if len(f.pending) > feedAllAbove {
		f.all, f.pending = true, map[string]bool{}
	}
	f.seq++
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// WatchCases calls fn, on a goroutine of the store's, with the cases whose
// search content changed after each commit (notices may be merged). Stop
// it with the function returned; Close stops it too.
func (v *Vault) WatchCases(fn func(CaseChanges)) (stop func()) {
	f := &v.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cond == nil {
		f.cond = sync.NewCond(&f.mu)
	}
	if f.subs == nil {
		f.subs = map[int]func(CaseChanges){}
	}
	id := f.nextSub
	f.nextSub++
	f.subs[id] = fn
	if !f.running {
		f.running = true
		f.pending, f.all = map[string]bool{}, false
		f.wake, f.stop = make(chan struct{}, 1), make(chan struct{})
		go v.deliverFeed(f.wake, f.stop)
	}
	return func() {
		f.mu.Lock()
		defer f.mu.Unlock()
		if _, ok := f.subs[id]; !ok {
			return
		}
		delete(f.subs, id)
		if len(f.subs) == 0 {
			f.stopLocked()
		}
	}
}

func (f *feed) stopLocked() {
	if f.running {
		f.running = false
		close(f.stop)
		f.done = f.seq
		f.cond.Broadcast()
	}
}

// closeFeed stops the feed (Close).
func (v *Vault) closeFeed() {
	f := &v.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	f.subs = nil
	if f.cond != nil {
		f.stopLocked()
	}
}

// SyncFeed waits until every notice of changes committed before the call
// has been delivered (or the feed stopped): tests, and a face that must
// see its own change in what it keeps from the feed.
func (v *Vault) SyncFeed() {
	f := &v.feed
	f.mu.Lock()
	defer f.mu.Unlock()
	want := f.seq
	for f.running && f.done < want {
		f.cond.Wait()
	}
}

// deliverFeed is the feed's goroutine.
func (v *Vault) deliverFeed(wake, stop chan struct{}) {
	f := &v.feed
	for {
		select {
		case <-stop:
			return
		case <-wake:
		}
		f.mu.Lock()
		recs, all, upto := f.pending, f.all, f.seq
		f.pending, f.all = map[string]bool{}, false
		subs := make([]func(CaseChanges), 0, len(f.subs))
		for _, fn := range f.subs {
			subs = append(subs, fn)
		}
		f.mu.Unlock()
		if len(recs) > 0 || all {
			ch := CaseChanges{All: all}
			if !all {
				var err error
				if ch.Cases, err = v.casesOf(recs); err != nil {
					ch = CaseChanges{All: true} // the vault may be closing: the subscriber finds out
				}
			}
			for _, fn := range subs {
				fn(ch)
			}
		}
		f.mu.Lock()
		if f.running && f.stop == stop && upto > f.done {
			f.done = upto
		}
		f.cond.Broadcast()
		f.mu.Unlock()
	}
}

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
