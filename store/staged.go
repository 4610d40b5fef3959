package store

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
)

// A bulk creation of cases (CreateCases: the demo, imports) is a pipeline
// of two goroutines. One stages each change in memory (records, indexes,
// log entry, history and outbox keys, review indexes) without touching a
// transaction; the other applies the staged changes, a batch's worth at a
// time, to one synced transaction each and commits them, in order. While a
// transaction is written and synced, the next ones are being staged, so
// the encoding work and Badger's writing share the cores instead of
// taking turns.
//
// What is written is what batch writes, key for key: the same builders
// stage the same sets, and the review indexes are computed from the
// change's own writes (stageReviewIndexes), which for a new case is all
// there is to read. The one read of a case creation that depends on the
// vault, the reference counter, is served by refCounters and read again
// in the transaction the change is applied in (expect): the transaction
// then holds the same read set as batch's would, so a concurrent
// allocation is a conflict at commit, as before, and a counter that moved
// under the pipeline is an error rather than a reused reference.

// refCounters hands out case references to staged changes: each counter
// is read once from the vault, then counted in memory.
type refCounters struct {
	v   *Vault
	cur map[string]int
	// raw: the pipeline runs inside an atomic change, which holds the
	// gate; its counters are read past it.
	raw bool
}

// next allocates the next reference of year for c, staging the counter's
// new value and recording the value it read.
func (r *refCounters) next(c *change, key []byte, year int) (string, error) {
	k := string(key)
	n, ok := r.cur[k]
	if ok {
		c.expect = append(c.expect, kv{key: key, val: []byte(strconv.Itoa(n))})
	} else {
		var b []byte
		found := false
		view := r.v.db.View
		if r.raw {
			view = r.v.db.DB.View
		}
		err := view(func(txn *badger.Txn) (err error) {
			b, found, err = getRaw(txn, key)
			return err
		})
		if err != nil {
			return "", err
		}
		if found {
			n, _ = strconv.Atoi(string(b))
		}
		c.expect = append(c.expect, kv{key: key, val: b, del: !found})
	}
	n++
	r.cur[k] = n
	c.set(key, []byte(strconv.Itoa(n)))
	return model.FormatRef(year, c.v.code, n), nil
}

// check reads again, in the transaction c is applied in, what c read when
// it was staged.
func (c *change) check() error {
	for _, e := range c.expect {
		b, ok, err := c.get(e.key)
		if err != nil {
			return err
		}
		if ok == e.del || ok && !bytes.Equal(b, e.val) {
			return fmt.Errorf("store: %s changed during a bulk creation: %w", e.key, badger.ErrConflict)
		}
	}
	return nil
}

// Budget for one staged transaction. Badger refuses a transaction above
// 15% of a memtable (1,258,291 bytes counted as key + value + 12 per
// entry, and 13,107 entries here); staged changes are counted whole,
// review-index writes included, at key + value + 32 per entry, so this
// stays under the cap with room to spare while syncing about half as often
// as batch's budget (each synced commit costs a write and an msync).
const (
	stagedBatchBytes   = 1000 << 10
	stagedBatchEntries = 10000
)

// stagedBatch is batch for changes whose build reads nothing from the
// transaction but the reference counters (c.txn is nil while they are
// staged): case creations. Each change is whole in one synced transaction;
// transactions commit in order, so after a crash the cases present are
// the first ones, each complete.
func (v *Vault) stagedBatch(n int, build func(i int, c *change) error) error {
	if v.isClosed() {
		return ErrClosed
	}
	return v.stagedBatchIn(nil, n, build)
}

// stagedBatchIn is stagedBatch's pipeline. With op set, its transactions
// belong to that atomic change (the caller holds the gate): each records
// its undo entry, whose size counts against the budget.
func (v *Vault) stagedBatchIn(op *atomicOp, n int, build func(i int, c *change) error) error {
	refs := &refCounters{v: v, cur: map[string]int{}, raw: op != nil}
	groups := make(chan []*change, 2)
	stop := make(chan struct{})
	var stageErr error
	go func() {
		defer close(groups)
		var group []*change
		usedBytes, usedEntries := 0, 0
		send := func() bool {
			select {
			case groups <- group:
				group, usedBytes, usedEntries = nil, 0, 0
				return true
			case <-stop:
				return false
			}
		}
		for i := 0; i < n; i++ {
			c := &change{v: v, hlc: v.clock.Tick(), refs: refs}
			err := build(i, c)
			if err == nil {
				err = c.finish()
			}
			if err == nil {
				err = c.runStagedStages() // stages.go
			}
			if err != nil {
				stageErr = err
				return
			}
			b, e := c.size()
			for _, p := range c.post {
				b += len(p.key) + len(p.val) + 32
				e++
			}
			if op != nil {
				// The undo entry names each key; a creation's keys were
				// absent, but for reference counters and review counts
				// (short decimals).
				b += undoCost(c.sets) + undoCost(c.post)
			}
			if usedEntries > 0 && (usedBytes+b > stagedBatchBytes || usedEntries+e > stagedBatchEntries) {
				if !send() {
					return
				}
			}
			group = append(group, c)
			usedBytes += b
			usedEntries += e
		}
		if len(group) > 0 {
			send()
		}
	}()
	var err error
	for group := range groups {
		if err != nil {
			continue
		}
		if err = v.commitStaged(op, group); err != nil {
			close(stop)
		}
	}
	if err != nil {
		return err
	}
	return stageErr // read after groups was closed by the stager
}

// commitStaged applies staged changes to one synced transaction (of op,
// when set).
func (v *Vault) commitStaged(op *atomicOp, group []*change) error {
	if op != nil {
		txn := op.NewTxn()
		defer txn.Discard()
		return applyStaged(op, txn, group, op.Commit)
	}
	if v.isClosed() {
		return ErrClosed
	}
	return v.db.Shared(func() error {
		txn := v.db.DB.NewTransaction(true)
		defer txn.Discard()
		return applyStaged(nil, txn, group, commit)
	})
}

// undoCost bounds what the undo records of writes cost when the keys held
// nothing or a short value before.
func undoCost(kvs []kv) int {
	n := 0
	for _, e := range kvs {
		n += len(e.key) + 24
	}
	return n
}

func applyStaged(op *atomicOp, txn *badger.Txn, group []*change, commitTxn func(*badger.Txn) error) error {
	for _, c := range group {
		c.txn, c.op = txn, op
		if err := c.check(); err != nil {
			return err
		}
		if err := c.apply(); err != nil {
			return fmt.Errorf("store: batch: %w", err)
		}
	}
	if err := commitTxn(txn); err != nil {
		return err
	}
	group[0].v.notifyCommitted(group...) // stages.go
	return nil
}
