package store

import (
	"slices"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/layout"
)

// reviewIndexKey marks a vault whose review indexes (review.go) are built,
// with the version of the set: 2 since idx/timed. A vault written before
// them (or before idx/timed) lacks it (or holds 1); opening it builds them
// from idx/due and idx/list, once.
var reviewIndexKey = []byte(layout.ReviewIndex)

const reviewIndexVersion = "2"

// ensureReviewIndexes builds the review indexes if the vault predates them.
// It is idempotent: it clears what a previous, interrupted build wrote and
// sets the marker last.
func (v *Vault) ensureReviewIndexes() error {
	built := false
	err := v.db.View(func(txn *badger.Txn) error {
		b, ok, err := getRaw(txn, reviewIndexKey)
		built = ok && string(b) == reviewIndexVersion
		return err
	})
	if err != nil || built {
		return err
	}
	return v.buildReviewIndexes()
}

func (v *Vault) buildReviewIndexes() error {
	var stale [][]byte
	open := map[string]int{}
	var noOwner [][]byte
	var timed []kv
	var idle []string
	err := v.db.View(func(txn *badger.Txn) error {
		for _, p := range []string{layout.IdxNoOwner, layout.IdxTimed, layout.IdxOpenDL, layout.IdxIdle} {
			if err := scanKeys(txn, p, func(k []byte) error {
				stale = append(stale, append([]byte(nil), k...))
				return nil
			}); err != nil {
				return err
			}
		}
		if err := scan(txn, layout.IdxDue, func(k, b []byte) error {
			var di DueItem
			if err := di.fill(b); err != nil {
				return err
			}
			open[di.CaseID]++
			if di.Owner == "" {
				noOwner = append(noOwner, []byte(layout.IdxNoOwner+strings.TrimPrefix(string(k), layout.IdxDue)))
			}
			if e, err := layout.DecodeDueEntry(b); err == nil && e.At != "" {
				timed = append(timed, kv{key: []byte(layout.IdxTimed + strings.TrimPrefix(string(k), layout.IdxDue)), val: slices.Clone(b)})
			}
			return nil
		}); err != nil {
			return err
		}
		return scan(txn, layout.IdxList, func(k, b []byte) error {
			id := strings.TrimPrefix(string(k), layout.IdxList)
			s, err := layout.DecodeSummary(id, b)
			if err != nil {
				return err
			}
			if s.Status == model.StatusOpen && open[id] == 0 {
				idle = append(idle, id)
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	if err := v.db.gate.rlock(); err != nil {
		return err
	}
	defer v.db.gate.runlock()
	wb := v.db.NewWriteBatch()
	defer wb.Cancel()
	for _, k := range stale {
		if err := wb.Delete(k); err != nil {
			return err
		}
	}
	for _, k := range noOwner {
		if err := wb.Set(k, nil); err != nil {
			return err
		}
	}
	for _, e := range timed {
		if err := wb.Set(e.key, e.val); err != nil {
			return err
		}
	}
	for id, n := range open {
		if err := wb.Set(layout.OpenCountKey(id), []byte(strconv.Itoa(n))); err != nil {
			return err
		}
	}
	for _, id := range idle {
		if err := wb.Set(layout.IdleKey(id), nil); err != nil {
			return err
		}
	}
	if err := wb.Flush(); err != nil {
		return err
	}
	return v.db.DB.Update(func(txn *badger.Txn) error { return txn.Set(reviewIndexKey, []byte(reviewIndexVersion)) })
}
