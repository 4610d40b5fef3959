package feeds

import (
	"fmt"
	"strconv"

	"casefile/store/internal/layout"
)

// What the review indexes' writes are, for the two ways the store applies
// them without reading through a transaction: a change staged before its
// transaction exists, and a vault's first build. The store still does the
// writing (put); this file only says which keys, in which order.

// StagedReviewIndexWrites is ReviewIndexWrites for a change staged without
// a transaction, whose writes are all it may read: it keeps the change's
// own writes to the keys ReviewIndexRead names, and the ones it puts, and
// reading any other key is an error (the store stages this way only a
// change whose every such key is named by an id it created). put receives
// the writes in the order ReviewIndexWrites makes them.
func StagedReviewIndexWrites(n int, at func(i int) (key, val []byte, del bool), put Put) error {
	type entry struct {
		val []byte
		del bool
	}
	mine := make(map[string]entry, 8)
	for i := range n {
		if key, val, del := at(i); ReviewIndexRead(key) {
			mine[string(key)] = entry{val: val, del: del}
		}
	}
	return ReviewIndexWrites(n, at,
		func(key []byte) ([]byte, bool, error) {
			if !ReviewIndexRead(key) {
				return nil, false, fmt.Errorf("store: staged review index reads %s", key)
			}
			e, ok := mine[string(key)]
			if !ok || e.del {
				return nil, false, nil
			}
			return e.val, true, nil
		},
		func(key, val []byte, del bool) error {
			mine[string(key)] = entry{val: val, del: del}
			return put(key, val, del)
		})
}

// Writes hands put what the build must write, in order: the stale keys'
// deletes first, then idx/noowner, idx/timed, idx/opendl and idx/idle.
// The marker (layout.ReviewIndex) is the store's to set, last.
func (b *ReviewIndexBuild) Writes(put Put) error {
	for _, k := range b.Stale {
		if err := put(k, nil, true); err != nil {
			return err
		}
	}
	for _, k := range b.NoOwner {
		if err := put(k, nil, false); err != nil {
			return err
		}
	}
	for _, e := range b.Timed {
		if err := put(e[0], e[1], false); err != nil {
			return err
		}
	}
	for id, n := range b.Open {
		if err := put(layout.OpenCountKey(id), []byte(strconv.Itoa(n)), false); err != nil {
			return err
		}
	}
	for _, id := range b.Idle {
		if err := put(layout.IdleKey(id), nil, false); err != nil {
			return err
		}
	}
	return nil
}
