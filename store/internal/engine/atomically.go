package engine

import (
	"errors"
	"fmt"
	"time"
)

// ErrClosed: the vault was locked (store.ErrClosed), or an atomic change
// could not be undone and the vault refuses reads until it is opened again.
var ErrClosed = errors.New("vault is locked")

// Atomically runs fn as one atomic change, id, doing what, started at
// started: with the exclusive side of the gate held from the journal's
// marker to the commit point, fn writes through op (the store's batchIn,
// stagedBatchIn with op set). When fn or the final commit fails, what was
// written is rolled back before the gate is released; if even that fails,
// the gate stays broken (every later read and write is refused), and the
// next open rolls the change back (Recover). The caller keeps the database
// open meanwhile.
func (d *DB) Atomically(what, id string, started time.Time, fn func(op *Op) error) error {
	if err := d.Gate.Lock(); err != nil {
		return err
	}
	var broken error // set when the vault must refuse reads from now on
	defer func() {
		if p := recover(); p != nil {
			// What was written stays unreadable; the next open rolls it
			// back.
			d.Gate.Unlock(fmt.Errorf("store: %s stopped (%v): %w", what, p, ErrClosed))
			panic(p)
		}
		d.Gate.Unlock(broken)
	}()
	op, err := Begin(d.DB, id, what, started)
	if err != nil {
		return fmt.Errorf("store: begin %s: %w", what, err)
	}
	err = fn(op)
	if err == nil {
		err = op.Finish()
	}
	if errors.Is(err, ErrSimulatedCrash) {
		broken = err
		return err
	}
	if err != nil {
		if rerr := Rollback(d.DB, op.ID()); rerr != nil {
			broken = fmt.Errorf("store: %s was interrupted and could not be undone (%v); lock and unlock the vault: %w", what, rerr, ErrClosed)
			return errors.Join(err, broken)
		}
		return err
	}
	// The change is the truth; its undo entries are garbage (the next
	// open collects them if this fails).
	_ = DropUndo(d.DB, op.ID())
	return nil
}
