// Package casefeed is the vault's case feed: it tells a face which cases'
// searchable content changed, in one place, whatever wrote them (a form, a
// note, an import, sync, a merge, a collision resolved, an erasure).
//
// The store hands it the keys each committed change wrote (Committed) and
// the cases it erased (CaseGone); a goroutine started by the first
// subscriber resolves the touched records to cases after the commit, off
// the writer's path, and calls the subscribers. The faces keep their
// search index current from it (app/search.go), instead of patching it
// after each screen's save.
//
// It never reads nor writes the vault: resolving records to cases is a
// function the store gives Watch (it opens the transaction). It imports
// changelog and layout for the record keys' shape, never store.
//
// A subscriber is told about a case after the change is committed; when it
// reads the case back it sees that change or a later one (an atomic
// change's reader waits at the gate until it commits or rolls back). A
// notice may be spurious (a change that failed after staging): reading the
// case again is harmless.
package casefeed

import (
	"bytes"
	"iter"
	"strings"
	"sync"

	"casefile/changelog"
	"casefile/store/internal/layout"
)

// Changes is one notice of the case feed.
type Changes struct {
	// Cases changed (created, edited, one of their people or notes
	// changed) or gone (erased): read each again (SearchDoc; ErrNotFound
	// when gone).
	Cases []string
	// All: too many records changed at once to list (a large import):
	// rebuild from the whole vault.
	All bool
}

// AllAbove: past this many records touched between two deliveries, the
// feed says All rather than resolve each.
const AllAbove = 20000

// Resolve turns the records touched ("kind/id") into the cases whose
// search documents hold them.
type Resolve func(recs map[string]bool) ([]string, error)

// Feed is a vault's case feed; its zero value is ready.
type Feed struct {
	mu      sync.Mutex
	cond    *sync.Cond
	subs    map[int]func(Changes)
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
	return kind == changelog.KindCase || kind == changelog.KindPerson || kind == changelog.KindNote || kind == changelog.KindErasure
}

// Committed takes the keys committed changes wrote, once committed. Only
// record keys count: the record keys written, not the changes'
// operations, since sync and imports write records whose operations go to
// the log under their own keys, and records held back are written later.
func (f *Feed) Committed(keys iter.Seq[[]byte]) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.subs) == 0 {
		return
	}
	added := false
	for key := range keys {
		if !bytes.HasPrefix(key, recPrefix) {
			continue
		}
		rec := string(key[len(recPrefix):])
		if kind, _, _ := strings.Cut(rec, "/"); !feedKind(kind) {
			continue
		}
		added = true
		if !f.all {
			f.pending[rec] = true
		}
	}
	if added {
		f.signalLocked()
	}
}

// CaseGone reports a case erased (its records go without a change).
func (f *Feed) CaseGone(id string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.subs) == 0 {
		return
	}
	if !f.all {
		f.pending[changelog.KindCase+"/"+id] = true
	}
	f.signalLocked()
}

func (f *Feed) signalLocked() {
	if len(f.pending) > AllAbove {
		f.all, f.pending = true, map[string]bool{}
	}
	f.seq++
	select {
	case f.wake <- struct{}{}:
	default:
	}
}

// Watch calls fn, on the feed's goroutine, with the cases whose search
// content changed after each commit (notices may be merged), resolved by
// resolve. The first subscriber starts the goroutine (with its resolve;
// the vault gives the same one each time). Stop it with the function
// returned; Close stops it too.
func (f *Feed) Watch(fn func(Changes), resolve Resolve) (stop func()) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cond == nil {
		f.cond = sync.NewCond(&f.mu)
	}
	if f.subs == nil {
		f.subs = map[int]func(Changes){}
	}
	id := f.nextSub
	f.nextSub++
	f.subs[id] = fn
	if !f.running {
		f.running = true
		f.pending, f.all = map[string]bool{}, false
		f.wake, f.stop = make(chan struct{}, 1), make(chan struct{})
		go f.deliver(f.wake, f.stop, resolve)
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

func (f *Feed) stopLocked() {
	if f.running {
		f.running = false
		close(f.stop)
		f.done = f.seq
		f.cond.Broadcast()
	}
}

// Close drops every subscriber and stops the feed (the vault closes).
func (f *Feed) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.subs = nil
	if f.cond != nil {
		f.stopLocked()
	}
}

// Sync waits until every notice of changes committed before the call has
// been delivered (or the feed stopped).
func (f *Feed) Sync() {
	f.mu.Lock()
	defer f.mu.Unlock()
	want := f.seq
	for f.running && f.done < want {
		f.cond.Wait()
	}
}

// deliver is the feed's goroutine.
func (f *Feed) deliver(wake, stop chan struct{}, resolve Resolve) {
	for {
		select {
		case <-stop:
			return
		case <-wake:
		}
		f.mu.Lock()
		recs, all, upto := f.pending, f.all, f.seq
		f.pending, f.all = map[string]bool{}, false
		subs := make([]func(Changes), 0, len(f.subs))
		for _, fn := range f.subs {
			subs = append(subs, fn)
		}
		f.mu.Unlock()
		if len(recs) > 0 || all {
			ch := Changes{All: all}
			if !all {
				var err error
				if ch.Cases, err = resolve(recs); err != nil {
					ch = Changes{All: true} // the vault may be closing: the subscriber finds out
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
