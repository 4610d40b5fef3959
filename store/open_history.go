package store

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/layout"
	"casefile/store/internal/records"
)

// histIndexedKey marks a vault whose history index covers its whole log.
// Vaults written before the index existed get it built once, at open.
var histIndexedKey = []byte(layout.HistIndex)

// backfillHistory writes the idx/hist keys of every log entry, in batches,
// then the marker. Setting a key twice is harmless, so a crash midway just
// means starting again at the next open.
func (v *Vault) backfillHistory() error {
	done := false
	if err := v.db.View(func(txn *badger.Txn) error {
		_, err := txn.Get(histIndexedKey)
		done = err == nil
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		return err
	}); err != nil || done {
		return err
	}
	var keys [][]byte
	flush := func() error {
		if len(keys) == 0 {
			return nil
		}
		err := v.db.Update(func(txn *badger.Txn) error {
			for _, k := range keys {
				if err := txn.Set(k, nil); err != nil {
					return err
				}
			}
			return nil
		})
		keys = keys[:0]
		return err
	}
	err := v.db.View(func(txn *badger.Txn) error {
		return records.HistKeys(txn, func(k []byte) error {
			keys = append(keys, k)
			if len(keys) >= batchEntries {
				return flush()
			}
			return nil
		})
	})
	if err == nil {
		err = flush()
	}
	if err == nil {
		err = v.db.Update(func(txn *badger.Txn) error { return txn.Set(histIndexedKey, []byte("1")) })
	}
	if err != nil {
		return fmt.Errorf("store: build the history index: %w", err)
	}
	return nil
}
