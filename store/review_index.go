package store

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/feeds"
	"casefile/store/internal/layout"
)

// reviewIndexKey marks a vault whose review indexes are built, with the
// version of the set (feeds.ReviewIndexVersion). A vault written before
// them lacks it; opening it builds them from idx/due and idx/list, once.
var reviewIndexKey = []byte(layout.ReviewIndex)

// ensureReviewIndexes builds the review indexes if the vault predates them.
// It is idempotent: it clears what a previous, interrupted build wrote and
// sets the marker last.
func (v *Vault) ensureReviewIndexes() error {
	built := false
	err := v.db.View(func(txn *badger.Txn) (err error) {
		built, err = feeds.ReviewIndexesBuilt(txn)
		return err
	})
	if err != nil || built {
		return err
	}
	var b *feeds.ReviewIndexBuild
	if err := v.db.View(func(txn *badger.Txn) (err error) {
		b, err = feeds.BuildReviewIndexes(txn)
		return err
	}); err != nil {
		return err
	}
	if err := v.db.Gate.RLock(); err != nil {
		return err
	}
	defer v.db.Gate.RUnlock()
	wb := v.db.NewWriteBatch()
	defer wb.Cancel()
	if err := b.Writes(func(key, val []byte, del bool) error {
		if del {
			return wb.Delete(key)
		}
		return wb.Set(key, val)
	}); err != nil {
		return err
	}
	if err := wb.Flush(); err != nil {
		return err
	}
	return v.db.DB.Update(func(txn *badger.Txn) error {
		return txn.Set(reviewIndexKey, []byte(feeds.ReviewIndexVersion))
	})
}
