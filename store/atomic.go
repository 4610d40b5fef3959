package store

import (
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

// atomically runs fn as one atomic change (engine.DB.Atomically: on
// failure it is rolled back before the gate opens again). Close and the
// erasure's reopen wait for the change, as for a long read (they take gate
// for writing).
func (v *Vault) atomically(what string, fn func(op *atomicOp) error) error {
	v.gate.RLock()
	defer v.gate.RUnlock()
	if v.isClosed() || v.closing.Load() {
		return ErrClosed
	}
	return v.db.Atomically(what, newID(), now(), fn)
}
