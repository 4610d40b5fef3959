package feeds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// The review indexes beside idx/due: idx/noowner and idx/timed (one key
// per open deadline with no owner, with a time), idx/opendl/<case-id> =
// the number of open deadlines of the case (in decimal; absent means 0)
// and idx/idle/<case-id> (an open case with none). Deciding whether a case
// is idle is then a point read, never an iterator: in a batch's read-write
// transaction each iterator sorts every pending write.
//
// This file says what those keys must be; it writes nothing. The store's
// kernel applies what ReviewIndexWrites asks for in the change that
// called for it (store/stages.go), and what BuildReviewIndexes found when
// a vault predates the indexes.

// Getter reads a key as a change's transaction sees it; ok is false when
// the key is absent.
type Getter func(key []byte) (val []byte, ok bool, err error)

// Put writes (del: deletes) one key in the change.
type Put func(key, val []byte, del bool) error

// ReviewIndexRead says whether ReviewIndexWrites may read key: the only
// keys a change staged without a transaction keeps of its own writes.
func ReviewIndexRead(key []byte) bool {
	for _, p := range [...]string{layout.IdxNoOwner, layout.IdxTimed, layout.IdxOpenDL, layout.IdxIdle, layout.IdxList} {
		if bytes.HasPrefix(key, []byte(p)) {
			return true
		}
	}
	return false
}

// ReviewIndexWrites computes the idx/noowner, idx/timed, idx/opendl and
// idx/idle writes that a change's own writes call for, and hands them to
// put. The change's writes are n, at(i) its i-th (in order); get reads
// what the transaction holds (idx/due entries carry the owner; a deadline
// left idx/due if its first write there was a delete, is in it if its
// last was a set), with point reads of the counters and list rows of the
// cases the change touched: the one place these indexes are decided,
// whatever wrote.
func ReviewIndexWrites(n int, at func(i int) (key, val []byte, del bool), get Getter, put Put) error {
	keep := func(key []byte, present bool) error {
		_, ok, err := get(key)
		switch {
		case err != nil:
			return err
		case ok && !present:
			return put(key, nil, true)
		case !ok && present:
			return put(key, nil, false)
		}
		return nil
	}
	// keepValue is keep for a key that holds val when present.
	keepValue := func(key []byte, present bool, val string) error {
		old, ok, err := get(key)
		switch {
		case err != nil:
			return err
		case ok && !present:
			return put(key, nil, true)
		case present && (!ok || string(old) != val):
			return put(key, []byte(val), false)
		}
		return nil
	}
	type dueState struct{ was, now bool }
	dues := map[string]*dueState{} // deadline id
	caseOf := map[string]string{}  // deadline id -> case id
	touched := map[string]int{}    // case id -> change in open deadlines
	for i := range n {
		key, val, del := at(i)
		k := string(key)
		switch {
		case strings.HasPrefix(k, layout.IdxDue):
			day, id, _ := strings.Cut(k[len(layout.IdxDue):], "/")
			st := dues[id]
			if st == nil {
				st = &dueState{was: del}
				dues[id] = st
			}
			st.now = !del
			var entry layout.DueEntry
			decoded := !del && json.Unmarshal(val, &entry) == nil
			if err := keep(layout.NoOwnerKey(day, id), decoded && entry.Owner == ""); err != nil {
				return err
			}
			if err := keepValue(layout.TimedKey(day, id), decoded && entry.At != "", string(val)); err != nil {
				return err
			}
		case strings.HasPrefix(k, layout.IdxList):
			touched[k[len(layout.IdxList):]] += 0
		case strings.HasPrefix(k, layout.IdxCase):
			if cid, rest, ok := strings.Cut(k[len(layout.IdxCase):], "/"); ok && strings.HasPrefix(rest, "deadline/") {
				caseOf[rest[len("deadline/"):]] = cid
			}
		}
	}
	for id, st := range dues {
		cid, ok := caseOf[id]
		if !ok {
			return fmt.Errorf("store: due-date entry of deadline %s written without its case index", id)
		}
		switch {
		case st.now && !st.was:
			touched[cid]++
		case st.was && !st.now:
			touched[cid]--
		default:
			touched[cid] += 0
		}
	}
	for cid, delta := range touched {
		n, err := openCount(get, cid)
		if err != nil {
			return err
		}
		if delta != 0 {
			n += delta
			if n < 0 {
				return fmt.Errorf("store: case %s: open deadline count below zero", cid)
			}
			if n == 0 {
				err = put(layout.OpenCountKey(cid), nil, true)
			} else {
				err = put(layout.OpenCountKey(cid), []byte(strconv.Itoa(n)), false)
			}
			if err != nil {
				return err
			}
		}
		idle := false
		if n == 0 {
			row, ok, err := get(layout.ListKey(cid))
			if err != nil {
				return err
			}
			if ok {
				s, err := layout.DecodeSummary(cid, row)
				if err != nil {
					return err
				}
				idle = s.Status == model.StatusOpen
			}
		}
		if err := keep(layout.IdleKey(cid), idle); err != nil {
			return err
		}
	}
	return nil
}

// openCount reads a case's number of open deadlines.
func openCount(get Getter, caseID string) (int, error) {
	b, ok, err := get(layout.OpenCountKey(caseID))
	if err != nil || !ok {
		return 0, err
	}
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return 0, fmt.Errorf("store: malformed %s", layout.OpenCountKey(caseID))
	}
	return n, nil
}

// ReviewIndexVersion is the version of the set of review indexes that
// layout.ReviewIndex holds once they are built: 2 since idx/timed. A vault
// written before them (or before idx/timed) lacks it (or holds 1).
const ReviewIndexVersion = "2"

// ReviewIndexesBuilt says whether the vault's review indexes are built,
// at this version.
func ReviewIndexesBuilt(txn *badger.Txn) (bool, error) {
	b, ok, err := read.Raw(txn, []byte(layout.ReviewIndex))
	return ok && string(b) == ReviewIndexVersion, err
}

// ReviewIndexBuild is what the review indexes of a vault that predates
// them must hold, read from idx/due and idx/list: Stale, the keys a
// previous, interrupted build left, to delete first; then the keys to set.
type ReviewIndexBuild struct {
	Stale   [][]byte
	NoOwner [][]byte
	// Timed holds idx/timed keys and their values (idx/due's), in pairs.
	Timed [][2][]byte
	Open  map[string]int // case id -> open deadlines
	Idle  []string       // case ids
}

// BuildReviewIndexes reads, in txn, what the review indexes must hold.
func BuildReviewIndexes(txn *badger.Txn) (*ReviewIndexBuild, error) {
	b := &ReviewIndexBuild{Open: map[string]int{}}
	for _, p := range []string{layout.IdxNoOwner, layout.IdxTimed, layout.IdxOpenDL, layout.IdxIdle} {
		if err := read.ScanKeys(txn, p, func(k []byte) error {
			b.Stale = append(b.Stale, slices.Clone(k))
			return nil
		}); err != nil {
			return nil, err
		}
	}
	if err := read.Scan(txn, layout.IdxDue, func(k, v []byte) error {
		var di DueItem
		if err := di.Fill(v); err != nil {
			return err
		}
		b.Open[di.CaseID]++
		if di.Owner == "" {
			b.NoOwner = append(b.NoOwner, []byte(layout.IdxNoOwner+strings.TrimPrefix(string(k), layout.IdxDue)))
		}
		if e, err := layout.DecodeDueEntry(v); err == nil && e.At != "" {
			b.Timed = append(b.Timed, [2][]byte{[]byte(layout.IdxTimed + strings.TrimPrefix(string(k), layout.IdxDue)), slices.Clone(v)})
		}
		return nil
	}); err != nil {
		return nil, err
	}
	err := read.Scan(txn, layout.IdxList, func(k, v []byte) error {
		id := strings.TrimPrefix(string(k), layout.IdxList)
		s, err := layout.DecodeSummary(id, v)
		if err != nil {
			return err
		}
		if s.Status == model.StatusOpen && b.Open[id] == 0 {
			b.Idle = append(b.Idle, id)
		}
		return nil
	})
	return b, err
}
