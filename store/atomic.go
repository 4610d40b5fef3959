package store

import (
	"errors"
	"fmt"

	"casefile/store/internal/engine"
)

// An atomic change is a change too large for one Badger transaction (an
// import of many cases) that must still become visible at once and never
// stay half-applied (docs/vault-format.md, "Atomic changes"): it holds the
// exclusive side of the gate from its first transaction to its last
// commit, and is journalled with undo entries so that a crash rolls it
// back at the next open (store/internal/engine, atomic.go).

// atomicOp is an atomic change being applied (engine.Op).
type atomicOp = engine.Op

// atomically runs fn as one atomic change: fn writes through op (batchIn,
// stagedBatchIn with op set). When fn or the final commit fails, what was
// written is rolled back before the gate is released; if even that fails,
// the vault refuses every later read and write, and the next open rolls
// the change back.
func (v *Vault) atomically(what string, fn func(op *atomicOp) error) error {
	// Close and the erasure's reopen wait for the change, as for a long
	// read (they take gate for writing).
	v.gate.RLock()
	defer v.gate.RUnlock()
	if v.isClosed() || v.closing.Load() {
		return ErrClosed
	}
	if err := v.db.Gate.Lock(); err != nil {
		return err
	}
	var broken error // set when the vault must refuse reads from now on
	defer func() {
		if p := recover(); p != nil {
			// What was written stays unreadable; the next open rolls it
			// back.
			v.db.Gate.Unlock(fmt.Errorf("store: %s stopped (%v): %w", what, p, ErrClosed))
			panic(p)
		}
		v.db.Gate.Unlock(broken)
	}()
	op, err := engine.Begin(v.db.DB, newID(), what, now())
	if err != nil {
		return fmt.Errorf("store: begin %s: %w", what, err)
	}
	err = fn(op)
	if err == nil {
		err = op.Finish()
	}
	if errors.Is(err, engine.ErrSimulatedCrash) {
		broken = err
		return err
	}
	if err != nil {
		if rerr := engine.Rollback(v.db.DB, op.ID()); rerr != nil {
			broken = fmt.Errorf("store: %s was interrupted and could not be undone (%v); lock and unlock the vault: %w", what, rerr, ErrClosed)
			return errors.Join(err, broken)
		}
		return err
	}
	// The change is the truth; its undo entries are garbage (the next
	// open collects them if this fails).
	_ = engine.DropUndo(v.db.DB, op.ID())
	return nil
}
