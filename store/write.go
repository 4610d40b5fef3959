package store

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
)

// A change is staged in memory first (records, indexes, then its change-log
// entry), and only then handed to a Badger transaction, so that a change
// that would not fit never leaves half of itself in a transaction.

type kv struct {
	key, val []byte
	del      bool
}

// change collects the writes of one change: one HLC, one log entry.
type change struct {
	v    *Vault
	txn  *badger.Txn // for reads; writes go to sets until apply
	hlc  model.HLC
	ops  []Op
	sets []kv
	// policy, when set, is the holiday policy read once for a batch of
	// new cases with their events.
	policy *model.HolidayPolicy
	// Set for a change staged without a transaction (stagedBatch): refs
	// hands out case references; post holds the review-index writes that
	// follow sets; expect is what this change read of the reference
	// counters, checked again in the transaction it is applied in.
	refs   *refCounters
	post   []kv
	expect []kv
	// op is the atomic change this one is part of (atomic.go): every
	// write is recorded in its undo entry first.
	op *atomicOp
	// bases holds, by "kind/id", the field versions an editor loaded
	// (edits.go): putRecord logs those fields against them instead of
	// against the versions stored now.
	bases map[string]map[string]model.HLC
}

func (v *Vault) newChange(txn *badger.Txn) *change {
	return &change{v: v, txn: txn, hlc: v.clock.Tick()}
}

// A field's stored version can be ahead of this device's clock: a value
// stamped by a laptop whose clock ran years ahead, accepted before the
// clock horizon existed (repl_syncapply.go). An edit stamped by the clock would
// then lose to the value it replaces, here (the record keeps the edit, the
// log replays the old value: `casefile check` fails) and on every other
// device. So a change that edits such a field is built again with a clock
// value just past the highest base it edits (pastBase), the clock itself
// staying where it is: the next edits of other fields keep the real time.

// errBehindBase: the change edits a field whose version is at or past the
// change's clock value; update and batchIn build it again past base.
type errBehindBase struct{ base model.HLC }

func (e *errBehindBase) Error() string { return "store: edit behind its base " + e.base.String() }

// pastBase refuses (errBehindBase) a base at or past the change's clock.
func (c *change) pastBase(base model.HLC) error {
	if base >= c.hlc {
		return &errBehindBase{base}
	}
	return nil
}

// behind returns the base an error asks a change to be built past.
func behind(err error) (model.HLC, bool) {
	var e *errBehindBase
	if errors.As(err, &e) {
		return e.base, true
	}
	return 0, false
}

// stampPast gives c the smallest clock value past base that no entry of
// this device's log holds yet. It reads each key it tries in c's
// transaction: two changes racing for the same value conflict, and the
// one retried takes the next.
func (c *change) stampPast(base model.HLC) error {
	for h := base + 1; ; h++ {
		_, taken, err := c.get(layout.LogKey(h, c.v.device))
		if err != nil {
			return err
		}
		if !taken {
			c.hlc = h
			return nil
		}
	}
}

func (c *change) set(key []byte, val []byte) { c.sets = append(c.sets, kv{key: key, val: val}) }
func (c *change) del(key []byte)             { c.sets = append(c.sets, kv{key: key, del: true}) }

// get reads a key as the transaction (with the changes already applied to
// it) sees it; ok is false when absent.
func (c *change) get(key []byte) (val []byte, ok bool, err error) {
	item, err := c.txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	val, err = item.ValueCopy(nil)
	return val, err == nil, err
}

// putRecord stages rec under rec/<kind>/<id>, with one operation for each
// field that differs from old (nil for a new record).
func (c *change) putRecord(kind, id string, rec any, old *changelog.Envelope) error {
	newFields, data, err := changelog.FieldsOf(rec)
	if err != nil {
		return err
	}
	var oldFields []changelog.Field
	if old != nil {
		if oldFields, err = changelog.SplitObject(old.Data); err != nil {
			return fmt.Errorf("store: decode record: %w", err)
		}
	}
	ops := changelog.Diff(kind, id, old, oldFields, newFields)
	if b := c.bases[kind+"/"+id]; b != nil && old != nil {
		for i := range ops {
			if h, ok := b[ops[i].Field]; ok {
				ops[i].Base = h
			}
		}
	}
	for _, op := range ops {
		if err := c.pastBase(max(op.Base, old.VerOf(op.Field))); err != nil {
			return err
		}
	}
	if old == nil {
		c.set(layout.RecKey(kind, id), changelog.EncodeNewEnvelope(data, ops, c.hlc))
		c.ops = append(c.ops, ops...)
		return nil
	}
	if len(ops) == 0 {
		return nil
	}
	ver := make(map[string]model.HLC, len(newFields))
	for f, h := range old.Ver {
		ver[f] = h
	}
	for _, op := range ops {
		ver[op.Field] = c.hlc
	}
	c.set(layout.RecKey(kind, id), changelog.EncodeEnvelope(data, newFields, ver))
	c.ops = append(c.ops, ops...)
	return nil
}

// finish stages the change-log entry.
func (c *change) finish() error {
	if len(c.ops) == 0 {
		return nil
	}
	c.set(layout.LogKey(c.hlc, c.v.device), changelog.EncodeChange(c.v.author, c.ops))
	c.runLogStages() // stages.go: history index, outbox
	return nil
}

// size estimates what the change costs Badger's transaction budget.
func (c *change) size() (bytes, count int) {
	for _, e := range c.sets {
		bytes += len(e.key) + len(e.val) + 32
	}
	return bytes, len(c.sets)
}

func (c *change) apply() error {
	for _, e := range c.sets {
		if err := c.write(e); err != nil {
			return err
		}
	}
	if c.refs != nil { // staged: the review-index writes are known already
		for _, e := range c.post {
			if err := c.write(e); err != nil {
				return err
			}
		}
		return nil
	}
	return c.runApplyStages() // stages.go
}

// write applies one write to c's transaction: the one way a change writes,
// so that an atomic change records the previous value first.
func (c *change) write(e kv) error {
	if c.op != nil {
		if err := c.op.Record(c.txn, e.key); err != nil {
			return err
		}
	}
	return applyKV(c.txn, e)
}

func applyKV(txn *badger.Txn, e kv) error {
	if e.del {
		return txn.Delete(e.key)
	}
	return txn.Set(e.key, e.val)
}

// commit is the one way a transaction reaches disk. With SyncWrites on,
// Badger has synced its write-ahead log when Commit returns, so a change
// acknowledged to the user survives a crash (proved in crash_test.go).
func commit(txn *badger.Txn) error { return txn.Commit() }

// update runs one change in its own synced transaction, retrying when a
// concurrent transaction touched the same keys.
func (v *Vault) update(build func(c *change) error) error {
	if v.isClosed() {
		return ErrClosed
	}
	if err := v.db.Gate.RLock(); err != nil {
		return err
	}
	defer v.db.Gate.RUnlock()
	var floor model.HLC // a base the change must be stamped past
	for attempt := 0; ; attempt++ {
		txn := v.db.NewTransaction(true)
		c := v.newChange(txn)
		var err error
		if floor >= c.hlc {
			err = c.stampPast(floor)
		}
		if err == nil {
			err = build(c)
		}
		if base, ok := behind(err); ok && base > floor {
			floor = base
			txn.Discard()
			attempt--
			continue
		}
		if err == nil {
			err = c.finish()
		}
		if err == nil {
			err = c.apply()
		}
		if err == nil {
			err = commit(txn)
		}
		if err == nil {
			v.notifyCommitted(c) // stages.go
		}
		txn.Discard()
		if errors.Is(err, badger.ErrConflict) && attempt < 5 {
			continue
		}
		return err
	}
}

func (v *Vault) isClosed() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.closed
}

// Budget for one batch transaction: well under Badger's cap of 15% of a
// memtable (about 1.2 MiB and some ten thousand entries here).
const (
	batchBytes   = 600 << 10
	batchEntries = 4000
)

// batch commits many changes in as few synced transactions as fit, never
// splitting one change across two. Each change is complete on its own
// (record, indexes and log entry), so an interrupted batch leaves whole
// changes only. For all or nothing, run batchIn inside atomically.
func (v *Vault) batch(n int, build func(i int, c *change) error) error {
	if v.isClosed() {
		return ErrClosed
	}
	return v.db.Shared(func() error { return v.batchIn(nil, n, build) })
}

// batchIn is batch's loop. With op set, its transactions belong to that
// atomic change (the caller holds the gate): each records its undo entry,
// whose size counts against the budget.
func (v *Vault) batchIn(op *atomicOp, n int, build func(i int, c *change) error) error {
	newTxn, commitTxn := func() *badger.Txn { return v.db.DB.NewTransaction(true) }, commit
	if op != nil {
		newTxn, commitTxn = op.NewTxn, op.Commit
	}
	txn := newTxn()
	defer func() { txn.Discard() }()
	usedBytes, usedEntries := 0, 0
	var inTxn []*change // for the case feed, once committed
	commitRaw := commitTxn
	commitTxn = func(txn *badger.Txn) error {
		err := commitRaw(txn)
		if err == nil {
			v.notifyCommitted(inTxn...)
		}
		inTxn = inTxn[:0]
		return err
	}
	var floor model.HLC // a base change i must be stamped past
	for i := 0; i < n; i++ {
		c := v.newChange(txn)
		c.op = op
		if floor >= c.hlc {
			if err := c.stampPast(floor); err != nil {
				return err
			}
		}
		if err := build(i, c); err != nil {
			if base, ok := behind(err); ok && base > floor {
				floor = base
				i-- // build it again past base
				continue
			}
			return err
		}
		floor = 0
		if err := c.finish(); err != nil {
			return err
		}
		b, e := c.size()
		undo := 0
		if op != nil {
			// What the undo entry holds so far (for a new record its
			// key, for an updated one its old value too). The last
			// change's own undo records may go past the budget: one
			// change's worth, well within Badger's cap (the budget is
			// half of it).
			undo = op.UndoBytes()
		}
		if usedEntries > 0 && (usedBytes+undo+b > batchBytes || usedEntries+e > batchEntries) {
			if err := commitTxn(txn); err != nil {
				return err
			}
			txn.Discard()
			txn = newTxn()
			usedBytes, usedEntries = 0, 0
			i-- // rebuild this change against the new transaction
			continue
		}
		if err := c.apply(); err != nil {
			return fmt.Errorf("store: batch: %w", err)
		}
		inTxn = append(inTxn, c)
		usedBytes += b
		usedEntries += e
	}
	if usedEntries == 0 {
		return nil
	}
	return commitTxn(txn)
}
