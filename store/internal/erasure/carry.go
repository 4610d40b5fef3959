package erasure

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/engine"
	"casefile/store/internal/layout"
)

// CarryOut makes Badger forget every key under the plan's prefixes, every
// version of it: DropPrefix rewrites the tables (and flushes the memtable)
// without them. DropPrefix ignores a prefix under which no live key is
// left, so a placeholder is first written at each prefix, and dropped with
// the rest. Then the rewritten log entries are written back, the exact
// keys deleted and the plan removed, in one last transaction. Each step
// can run again after a crash. batch is how many placeholders a
// transaction writes.
func CarryOut(db *engine.DB, plan *Plan, batch int) error {
	for i := 0; i < len(plan.Prefixes); i += batch {
		part := plan.Prefixes[i:min(i+batch, len(plan.Prefixes))]
		if err := db.Update(func(txn *badger.Txn) error {
			for _, p := range part {
				if err := txn.Set([]byte(p), nil); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return err
		}
	}
	drop := make([][]byte, len(plan.Prefixes))
	for i, p := range plan.Prefixes {
		drop[i] = []byte(p)
	}
	if err := db.Shared(func() error { return db.DropPrefix(drop...) }); err != nil {
		return fmt.Errorf("drop old versions: %w", err)
	}
	return db.Update(func(txn *badger.Txn) error {
		for k, val := range plan.Rewrites {
			if err := txn.Set([]byte(k), val); err != nil {
				return err
			}
		}
		for _, k := range plan.Keys {
			if err := txn.Delete([]byte(k)); err != nil {
				return err
			}
		}
		return txn.Delete(layout.ErasingKey(plan.Case))
	})
}

// CollectValueLog runs Badger's value-log GC until no file is left to
// rewrite: with db just reopened (so that it writes to a new file, as it
// never collects the one it writes to), the values an erasure dropped
// (document chunks) are then gone from disk.
func CollectValueLog(db *badger.DB) error {
	for {
		err := db.RunValueLogGC(1e-9)
		if errors.Is(err, badger.ErrNoRewrite) || errors.Is(err, badger.ErrRejected) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("store: value-log GC after erasure: %w", err)
		}
	}
}
