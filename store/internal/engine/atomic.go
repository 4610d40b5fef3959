package engine

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// An atomic change is a change too large for one Badger transaction (an
// import of many cases) that must still become visible at once and never
// stay half-applied (docs/vault-format.md, "Atomic changes").
//
// Visibility: the change holds the exclusive side of the vault's Gate
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

// The store runs an atomic change (its Vault.atomically holds the gate,
// Begin journals it, the store's kernel writes its transactions through
// Op, Finish is the commit point); this file keeps the journal and the
// undo entries, and rolls a cut change back.

// atomicMarker is the value of meta/atomic/<op-id>; it holds no personal
// data.
type atomicMarker struct {
	What    string    `json:"what"`
	Started time.Time `json:"started"`
}

// Test seams. Committed, when set, is called after each transaction of an
// atomic change has committed, with the change's id and the transaction's
// sequence number (from 1); an error fails the change, and
// ErrSimulatedCrash leaves it as a crash would (marker and undo entries in
// place, the vault refusing reads until it is opened again). RolledBack,
// when set, is called after each undo entry is applied; an error stops the
// rollback there.
var (
	Committed         func(op string, seq int) error
	RolledBack        func(undoKey []byte) error
	ErrSimulatedCrash = errors.New("store: simulated crash (test)")
)

// Op is an atomic change being applied. The caller holds the gate.
type Op struct {
	db  *badger.DB
	id  string
	seq int // transactions committed
	// The undo records of the transaction being written: each key once,
	// with its value before the transaction.
	seen  map[string]bool
	undo  []byte
	nUndo int
}

// Begin journals the atomic change id (its marker, committed before the
// change's first transaction), started now, doing what.
func Begin(db *badger.DB, id, what string, started time.Time) (*Op, error) {
	marker, err := json.Marshal(atomicMarker{What: what, Started: started.UTC().Truncate(time.Second)})
	if err != nil {
		return nil, err
	}
	if err := db.Update(func(txn *badger.Txn) error { return txn.Set(layout.AtomicKey(id), marker) }); err != nil {
		return nil, err
	}
	return &Op{db: db, id: id}, nil
}

// Finish deletes the change's marker: the commit point. Its undo entries
// are garbage from then on, dropped by DropUndo (or by the next open).
func (op *Op) Finish() error {
	return op.db.Update(func(txn *badger.Txn) error { return txn.Delete(layout.AtomicKey(op.id)) })
}

// ID is the change's id (meta/atomic/<id>, stage/undo/<id>/…).
func (op *Op) ID() string { return op.id }

// NewTxn starts one of the change's transactions.
func (op *Op) NewTxn() *badger.Txn {
	op.seen, op.undo, op.nUndo = map[string]bool{}, op.undo[:0], 0
	return op.db.NewTransaction(true)
}

// Record notes the value key has in txn before the transaction's first
// write to it.
func (op *Op) Record(txn *badger.Txn, key []byte) error {
	if op.seen[string(key)] {
		return nil
	}
	op.seen[string(key)] = true
	val, ok, err := read.Raw(txn, key)
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

// UndoBytes is what the transaction's undo entry will cost it.
func (op *Op) UndoBytes() int { return len(op.undo) + 64 }

// Commit writes the transaction's undo entry into it and commits it.
func (op *Op) Commit(txn *badger.Txn) error {
	if op.nUndo == 0 {
		return nil // nothing written
	}
	if err := txn.Set(layout.UndoKey(op.id, op.seq+1), bytes.Clone(op.undo)); err != nil {
		return err
	}
	if err := txn.Commit(); err != nil {
		return err
	}
	op.seq++
	if Committed != nil {
		return Committed(op.id, op.seq)
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

// Rollback undoes the atomic change id: its undo entries newest
// first, each in one transaction that restores the values it holds and
// deletes it, then the marker. Run again after a crash, it goes on where
// it stopped. The caller holds the gate (or is opening the vault).
func Rollback(db *badger.DB, id string) error {
	var keys [][]byte
	if err := db.View(func(txn *badger.Txn) error {
		return read.ScanKeys(txn, layout.UndoPrefix(id), func(k []byte) error {
			keys = append(keys, bytes.Clone(k))
			return nil
		})
	}); err != nil {
		return err
	}
	for i := len(keys) - 1; i >= 0; i-- {
		k := keys[i]
		if err := db.Update(func(txn *badger.Txn) error {
			b, ok, err := read.Raw(txn, k)
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
		if RolledBack != nil {
			if err := RolledBack(k); err != nil {
				return err
			}
		}
	}
	return db.Update(func(txn *badger.Txn) error { return txn.Delete(layout.AtomicKey(id)) })
}

// DropUndo deletes the undo entries of a finished change, outside the
// gate: the caller holds it.
func DropUndo(db *badger.DB, id string) error { return DeleteUnder(db, layout.UndoPrefix(id)) }

// KeyDeleter is Badger, gated (DB) or not (DB.DB).
type KeyDeleter interface {
	View(fn func(txn *badger.Txn) error) error
	Update(fn func(txn *badger.Txn) error) error
}

// DeleteUnder deletes every key under prefix, a thousand keys per
// transaction (Badger caps a transaction's size). Not atomic: a crash may
// leave some, which the callers collect again later.
func DeleteUnder(db KeyDeleter, prefix string) error {
	var keys [][]byte
	if err := db.View(func(txn *badger.Txn) error {
		return read.ScanKeys(txn, prefix, func(k []byte) error {
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

// Recover runs at open, before anything else reads: it rolls back
// every atomic change a crash cut (its marker is still there), then drops
// the undo entries of changes that finished (no marker). It returns how
// many changes it rolled back.
func Recover(db *badger.DB) (int, error) {
	var open []string
	if err := db.View(func(txn *badger.Txn) error {
		return read.ScanKeys(txn, layout.Atomic, func(k []byte) error {
			open = append(open, string(k[len(layout.Atomic):]))
			return nil
		})
	}); err != nil {
		return 0, err
	}
	for _, id := range open {
		if err := Rollback(db, id); err != nil {
			return 0, err
		}
	}
	// What is left under stage/undo/ belongs to finished changes.
	return len(open), DeleteUnder(db, layout.Undo)
}
