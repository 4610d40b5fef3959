package engine

import (
	"sync"

	"github.com/dgraph-io/badger/v4"
)

// Badger commits one transaction at a time, and caps a transaction's size;
// an import of many cases takes several. So that no reader of a vault
// ever sees a part of such a change (atomic.go), every read and every
// ordinary write goes through the Gate's shared side, and the change holds
// its exclusive side from its first transaction to its last commit.
//
// DB is Badger with that gate: View and Update take the shared side, so
// every v.db.View and v.db.Update of the store is gated without being
// written differently. What it does not cover is gated where it is used
// (the store's update, batch, commitStaged, the review-index rebuild,
// Backup, DropPrefix). Code running inside an atomic change reaches Badger
// through db.DB, never db.View: the gate is not reentrant for its holder.

// Gate is a readers-writer gate that prefers readers: a reader enters
// unless an atomic change is being applied, even when one is waiting. So a
// read that, inside its own transaction, calls another read (the store has
// such nesting, and a callback handed to a long read may do anything)
// never deadlocks against a waiting change, as it would with sync.RWMutex;
// the change waits for a moment with no reader, which long reads (the
// search index built at unlock) only delay.
type Gate struct {
	mu      sync.Mutex
	cond    *sync.Cond
	readers int
	writing bool
	// broken is set when an atomic change could neither finish nor be
	// rolled back in this process: what it wrote must not be read, and
	// the next open rolls it back (atomic.go).
	broken error
}

func (g *Gate) init() {
	if g.cond == nil {
		g.cond = sync.NewCond(&g.mu)
	}
}

// RLock enters the shared side; it fails once the gate is broken.
func (g *Gate) RLock() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.init()
	for g.writing {
		g.cond.Wait()
	}
	if g.broken != nil {
		return g.broken
	}
	g.readers++
	return nil
}

// RUnlock leaves the shared side.
func (g *Gate) RUnlock() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.readers--
	if g.readers == 0 {
		g.cond.Broadcast()
	}
}

// Lock enters the exclusive side once no reader is left.
func (g *Gate) Lock() error {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.init()
	for g.writing || g.readers > 0 {
		g.cond.Wait()
	}
	if g.broken != nil {
		return g.broken
	}
	g.writing = true
	return nil
}

// Unlock leaves the exclusive side; a non-nil broken keeps every later
// reader out.
func (g *Gate) Unlock(broken error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.writing = false
	if broken != nil {
		g.broken = broken
	}
	g.cond.Broadcast()
}

// DB is the vault's Badger database behind its Gate.
type DB struct {
	*badger.DB
	Gate Gate
}

// View runs fn in a read transaction on the shared side of the gate.
func (d *DB) View(fn func(txn *badger.Txn) error) error {
	if err := d.Gate.RLock(); err != nil {
		return err
	}
	defer d.Gate.RUnlock()
	return d.DB.View(fn)
}

// Update runs fn in a read-write transaction on the shared side of the
// gate.
func (d *DB) Update(fn func(txn *badger.Txn) error) error {
	if err := d.Gate.RLock(); err != nil {
		return err
	}
	defer d.Gate.RUnlock()
	return d.DB.Update(fn)
}

// Shared runs fn on the shared side of the gate, for what View and Update
// do not cover (transactions that span a loop, backups, prefix drops).
func (d *DB) Shared(fn func() error) error {
	if err := d.Gate.RLock(); err != nil {
		return err
	}
	defer d.Gate.RUnlock()
	return fn()
}
