package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/store/internal/erasure"
	"casefile/store/internal/layout"
)

// Erasure across a team (docs/retention.md, "Erasure and team sync").
//
// The tombstone rec/erasure/<case-id> is a record team sync carries
// (SyncKinds). It lists the erased records by kind and id. A device that
// receives it:
//
//   - drops every received operation on a listed record, before it enters
//     the log: a colleague's edit written before they heard of the erasure
//     cannot bring the record back (ApplyRemote, dropErased);
//   - erases the case as EraseCase would, with its own plan, without a new
//     tombstone (EraseReceived, which the sync runs after each pull), and
//     lets go of records held back because their case is gone;
//   - marks the erasure for its shared-folder segments (meta/sync/scrub/
//     <case-id>): the sync package rewrites every segment this device wrote
//     without the erased records' operations, then clears the mark.
//
// Erasures received while the app works do not close Badger (other
// goroutines read it): the dropped versions are gone from the tables at
// once, and the value-log files are rewritten at the next Close
// (meta/erasure-compact).

// ScrubPrefix is the sync-state prefix (ScanSyncState) of the erasures the
// shared folder's segments must still be cleaned of: name scrub/<case-id>,
// value the erased records (kind/id) as a JSON array.
const ScrubPrefix = layout.SyncScrub

var compactKey = []byte(layout.ErasureCompact)

// erasedRecords is the set of records (kind/id) that the vault's tombstones
// and the tombstones among changes list.
func (v *Vault) erasedRecords(changes []ExportChange) (map[string]bool, error) {
	set := map[string]bool{}
	for _, ch := range changes {
		for _, op := range ch.Ops {
			if op.Entity == KindErasure && op.Field == "records" {
				var rs []string
				if json.Unmarshal(op.Value, &rs) == nil {
					for _, r := range rs {
						set[r] = true
					}
				}
			}
		}
	}
	err := v.db.View(func(txn *badger.Txn) error {
		return scan(txn, layout.RecPrefix(KindErasure), func(_, b []byte) error {
			var e Erasure
			if _, err := changelog.DecodeEnvelope(b, &e); err != nil {
				return err
			}
			for _, r := range e.Records {
				set[r] = true
			}
			return nil
		})
	})
	return set, err
}

// dropErased returns changes without the operations on erased records;
// entries left empty go.
func dropErased(changes []ExportChange, erased map[string]bool) []ExportChange {
	if len(erased) == 0 {
		return changes
	}
	out := make([]ExportChange, 0, len(changes))
	for _, ch := range changes {
		ch.Ops = slices.DeleteFunc(slices.Clone(ch.Ops), func(op Op) bool { return erased[op.Entity+"/"+op.ID] })
		if len(ch.Ops) > 0 {
			out = append(out, ch)
		}
	}
	return out
}

// EraseReceived carries out the erasures this vault holds a tombstone of
// but has not done: those received through sync, or one a crash cut
// between the tombstone and the plan. Each case still here is erased as
// EraseCase does (its own plan; the tombstone stays as received), and
// records held back by sync whose case is erased are let go. It does not
// close Badger, so it may run while the app works; the value log is
// compacted at the next Close. It returns how many cases it erased.
func (v *Vault) EraseReceived() (int, error) {
	if v.isClosed() {
		return 0, ErrClosed
	}
	// A plan a crash interrupted first (its compaction: at Close).
	if n, err := v.resumePlans(); err != nil {
		return 0, err
	} else if n > 0 {
		if err := v.db.Update(func(txn *badger.Txn) error { return txn.Set(compactKey, nil) }); err != nil {
			return 0, err
		}
	}
	tombs, err := v.Erasures()
	if err != nil || len(tombs) == 0 {
		return 0, err
	}
	var plans []*erasePlan
	err = v.db.View(func(txn *badger.Txn) (err error) {
		plans, err = erasure.PlanReceived(txn, tombs)
		return err
	})
	if err != nil || len(plans) == 0 {
		return 0, err
	}
	n := 0
	for _, plan := range plans {
		planBytes, err := json.Marshal(plan)
		if err != nil {
			return n, err
		}
		records, _ := json.Marshal(plan.Records)
		if err := v.db.Update(func(txn *badger.Txn) error {
			for k, val := range map[string][]byte{string(layout.ErasingKey(plan.Case)): planBytes, string(layout.ScrubKey(plan.Case)): records, string(compactKey): nil} {
				if err := txn.Set([]byte(k), val); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return n, fmt.Errorf("store: erase received %s: %w", plan.Case, err)
		}
		if err := v.carryOut(plan); err != nil {
			return n, fmt.Errorf("store: erase received %s: %w", plan.Case, err)
		}
		if plan.Case != "held" {
			n++
		}
	}
	return n, nil
}

// compactIfErased rewrites the value log when an erasure left it to the
// next Close (EraseReceived): Badger is closed, opened again so that it
// writes to a new file, and its value-log GC runs until nothing is left to
// rewrite. The caller holds gate and mu; v.db is open and stays so.
func (v *Vault) compactIfErased(open func() (*badger.DB, error)) error {
	pending := false
	if err := v.db.View(func(txn *badger.Txn) error {
		_, err := txn.Get(compactKey)
		pending = err == nil
		if errors.Is(err, badger.ErrKeyNotFound) {
			err = nil
		}
		return err
	}); err != nil || !pending {
		return err
	}
	if err := v.db.Close(); err != nil {
		return err
	}
	db, err := open()
	if err != nil {
		return err
	}
	v.db.DB = db
	for {
		err := v.db.RunValueLogGC(1e-9)
		if errors.Is(err, badger.ErrNoRewrite) || errors.Is(err, badger.ErrRejected) {
			break
		}
		if err != nil {
			return fmt.Errorf("store: value-log GC after erasure: %w", err)
		}
	}
	return v.db.Update(func(txn *badger.Txn) error { return txn.Delete(compactKey) })
}

// AllVersionsForTests calls fn with every key and every version Badger
// still holds, deleted and superseded ones included: the erasure tests of
// other packages look through them for what must be gone.
func (v *Vault) AllVersionsForTests(fn func(key, val []byte) error) error {
	return v.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.AllVersions = true
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			val, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			if err := fn(it.Item().KeyCopy(nil), val); err != nil {
				return err
			}
		}
		return nil
	})
}
