package store

import (
	"bytes"
	"casefile/store/internal/layout"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// An atomic change is a change too large for one Badger transaction (an
// import of many cases) that must still become visible at once and never
// stay half-applied (docs/vault-format.md, "Atomic changes").
//
// Visibility: the change holds the exclusive side of the vault's applyGate
// (gate.go) from its first transaction to its last commit; every read and
// ordinary write of the Vault takes the shared side, so none sees a part
// of it.
//
// Crash safety: a journal marker, meta/atomic/<op-id>, is committed before
// the change's first transaction. Each transaction of the change also
// writes, in itself, one undo entry stage/undo/<op-id>/<seq>: for every key
// the transaction writes, the value it had before the transaction (or its
// absence). The transaction that deletes the marker is the commit point:
// from then on the change is the truth, and its undo entries are garbage,
// deleted right after (and by the next open if a crash came first). At
// open, before anything reads, a change whose marker is still there is
// rolled back: its undo entries are applied newest first, each in one
// transaction that also deletes it, then the marker is deleted. A rollback
// cut in its turn resumes where it stopped. Undo entries hold record
// values: they are in the encrypted database, like everything else.

const undoPrefix = layout.Undo

// atomicMarker is the value of meta/atomic/<op-id>; it holds no personal
// data.
type atomicMarker struct {
	What    string    `json:"what"`
	Started time.Time `json:"started"`
}

// Test seams. atomicCommitted, when set, is called after each transaction
// of an atomic change has committed, with the change's id and the
// transaction's sequence number (from 1); an error fails the change, and
// errSimulatedCrash leaves it as a crash would (marker and undo entries
// in place, the vault refusing reads until it is opened again).
// rolledBack, when set, is called after each undo entry is applied; an
// error stops the rollback there.
var (
	atomicCommitted   func(op string, seq int) error
	rolledBack        func(undoKey []byte) error
	errSimulatedCrash = errors.New("store: simulated crash (test)")
)

// atomicOp is an atomic change being applied. The caller holds the gate.
type atomicOp struct {
	v   *Vault
	id  string
	seq int // transactions committed
	// The undo records of the transaction being written: each key once,
	// with its value before the transaction.
	seen  map[string]bool
	undo  []byte
	nUndo int
}

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
	if err := v.db.gate.lock(); err != nil {
		return err
	}
	var broken error // set when the vault must refuse reads from now on
	defer func() {
		if p := recover(); p != nil {
			// What was written stays unreadable; the next open rolls it
			// back.
			v.db.gate.unlock(fmt.Errorf("store: %s stopped (%v): %w", what, p, ErrClosed))
			panic(p)
		}
		v.db.gate.unlock(broken)
	}()
	op := &atomicOp{v: v, id: newID()}
	marker, err := json.Marshal(atomicMarker{What: what, Started: now().UTC().Truncate(time.Second)})
	if err != nil {
		return err
	}
	err = v.db.DB.Update(func(txn *badger.Txn) error { return txn.Set(layout.AtomicKey(op.id), marker) })
	if err != nil {
		return fmt.Errorf("store: begin %s: %w", what, err)
	}
	err = fn(op)
	if err == nil {
		err = v.db.DB.Update(func(txn *badger.Txn) error { return txn.Delete(layout.AtomicKey(op.id)) })
	}
	if errors.Is(err, errSimulatedCrash) {
		broken = err
		return err
	}
	if err != nil {
		if rerr := v.rollbackAtomic(op.id); rerr != nil {
			broken = fmt.Errorf("store: %s was interrupted and could not be undone (%v); lock and unlock the vault: %w", what, rerr, ErrClosed)
			return errors.Join(err, broken)
		}
		return err
	}
	// The change is the truth; its undo entries are garbage (the next
	// open collects them if this fails).
	_ = v.dropUndo(op.id)
	return nil
}

// newTxn starts one of the change's transactions.
func (op *atomicOp) newTxn() *badger.Txn {
	op.seen, op.undo, op.nUndo = map[string]bool{}, op.undo[:0], 0
	return op.v.db.DB.NewTransaction(true)
}

// record notes the value key has in txn before the transaction's first
// write to it.
func (op *atomicOp) record(txn *badger.Txn, key []byte) error {
	if op.seen[string(key)] {
		return nil
	}
	op.seen[string(key)] = true
	val, ok, err := getRaw(txn, key)
	if err != nil {
		return err
	}
	op.undo = binary.AppendUvarint(op.undo, uint64(len(key)))
	op.undo = append(op.undo, key...)
	if !ok {
		op.undo = append(op.undo, 0)
	} else {
		op.undo = append(op.undo, 1)
		op.undo = binary.AppendUvarint(op.undo, uint64(len(val)))
		op.undo = append(op.undo, val...)
	}
	op.nUndo++
	return nil
}

// undoBytes is what the transaction's undo entry will cost it.
func (op *atomicOp) undoBytes() int { return len(op.undo) + 64 }

// commit writes the transaction's undo entry into it and commits it.
func (op *atomicOp) commit(txn *badger.Txn) error {
	if op.nUndo == 0 {
		return nil // nothing written
	}
	if err := txn.Set(layout.UndoKey(op.id, op.seq+1), bytes.Clone(op.undo)); err != nil {
		return err
	}
	if err := commit(txn); err != nil {
		return err
	}
	op.seq++
	if atomicCommitted != nil {
		return atomicCommitted(op.id, op.seq)
	}
	return nil
}

type undoRecord struct {
	key, val []byte
	present  bool
}

func decodeUndo(b []byte) ([]undoRecord, error) {
	var out []undoRecord
	bad := errors.New("store: malformed undo entry")
	for len(b) > 0 {
		n, w := binary.Uvarint(b)
		if w <= 0 || uint64(len(b)-w) < n+1 {
			return nil, bad
		}
		r := undoRecord{key: b[w : w+int(n)]}
		b = b[w+int(n):]
		r.present, b = b[0] == 1, b[1:]
		if r.present {
			n, w = binary.Uvarint(b)
			if w <= 0 || uint64(len(b)-w) < n {
				return nil, bad
			}
			r.val, b = b[w:w+int(n)], b[w+int(n):]
		}
		out = append(out, r)
	}
	return out, nil
}

// rollbackAtomic undoes the atomic change id: its undo entries newest
// first, each in one transaction that restores the values it holds and
// deletes it, then the marker. Run again after a crash, it goes on where
// it stopped. The caller holds the gate (or is opening the vault).
func (v *Vault) rollbackAtomic(id string) error {
	var keys [][]byte
	if err := v.db.DB.View(func(txn *badger.Txn) error {
		return scanKeys(txn, layout.UndoPrefix(id), func(k []byte) error {
			keys = append(keys, bytes.Clone(k))
			return nil
		})
	}); err != nil {
		return err
	}
	for i := len(keys) - 1; i >= 0; i-- {
		k := keys[i]
		if err := v.db.DB.Update(func(txn *badger.Txn) error {
			b, ok, err := getRaw(txn, k)
			if err != nil || !ok {
				return err
			}
			recs, err := decodeUndo(b)
			if err != nil {
				return fmt.Errorf("%w (%s)", err, k)
			}
			for _, r := range recs {
				if r.present {
					err = txn.Set(r.key, r.val)
				} else {
					err = txn.Delete(r.key)
				}
				if err != nil {
					return err
				}
			}
			return txn.Delete(k)
		}); err != nil {
			return fmt.Errorf("store: roll back %s: %w", k, err)
		}
		if rolledBack != nil {
			if err := rolledBack(k); err != nil {
				return err
			}
		}
	}
	return v.db.DB.Update(func(txn *badger.Txn) error { return txn.Delete(layout.AtomicKey(id)) })
}

// dropUndo deletes the undo entries of a finished change.
func (v *Vault) dropUndo(id string) error {
	return v.dropKeysUnder(layout.UndoPrefix(id))
}

// dropKeysUnder deletes every key under prefix, outside the gate: the
// caller holds it, or runs before anything reads (Open).
func (v *Vault) dropKeysUnder(prefix string) error { return deleteUnder(v.db.DB, prefix) }

// keyDeleter is Badger, gated (Vault.db) or not (Vault.db.DB).
type keyDeleter interface {
	View(fn func(txn *badger.Txn) error) error
	Update(fn func(txn *badger.Txn) error) error
}

// deleteUnder deletes every key under prefix, a thousand keys per
// transaction (Badger caps a transaction's size). Not atomic: a crash may
// leave some, which the callers collect again later.
func deleteUnder(db keyDeleter, prefix string) error {
	var keys [][]byte
	if err := db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, prefix, func(k []byte) error {
			keys = append(keys, bytes.Clone(k))
			return nil
		})
	}); err != nil {
		return err
	}
	for len(keys) > 0 {
		n := min(len(keys), 1000)
		if err := db.Update(func(txn *badger.Txn) error {
			for _, k := range keys[:n] {
				if err := txn.Delete(k); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// recoverAtomic runs at open, before anything else reads: it rolls back
// every atomic change a crash cut (its marker is still there), then drops
// the undo entries of changes that finished (no marker). It returns how
// many changes it rolled back.
func (v *Vault) recoverAtomic() (int, error) {
	var open []string
	if err := v.db.DB.View(func(txn *badger.Txn) error {
		return scanKeys(txn, layout.Atomic, func(k []byte) error {
			open = append(open, string(k[len(layout.Atomic):]))
			return nil
		})
	}); err != nil {
		return 0, err
	}
	for _, id := range open {
		if err := v.rollbackAtomic(id); err != nil {
			return 0, err
		}
	}
	// What is left under stage/undo/ belongs to finished changes.
	return len(open), v.dropKeysUnder(undoPrefix)
}
