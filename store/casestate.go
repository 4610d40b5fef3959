package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// Reading what a case's deadlines depend on: from the case record, its
// settings and its index entries (caseindex.go), never its event or
// deadline records.

// caseState is a case with everything its deadlines depend on, as read.
type caseState struct {
	c        model.Case
	policy   model.HolidayPolicy
	settings *model.DeadlineSettings
	// setRead is the settings record as read (absent, or its hash), to
	// notice a concurrent change before writing it again.
	setRead   readMark
	events    []model.Event    // from the index: no note, no case number
	deadlines []model.Deadline // from the index: see encodeDeadlineIdx
}

type readMark struct {
	ok  bool
	sum uint64
}

var hashSeed = maphash.MakeSeed()

func markOf(raw []byte) readMark { return readMark{ok: true, sum: maphash.Bytes(hashSeed, raw)} }

func (st *caseState) event(id string) (int, bool) {
	for i, e := range st.events {
		if e.ID == id {
			return i, true
		}
	}
	return -1, false
}

// addEntry adds the case index entry idx/case/<case>/<kind>/<id> = b.
func (st *caseState) addEntry(kind, id string, b []byte) error {
	switch kind {
	case "event":
		e, err := layout.DecodeEventIdx(st.c.ID, id, b)
		if err != nil {
			return err
		}
		st.events = append(st.events, e)
	case "deadline":
		d, err := layout.DecodeDeadlineIdx(st.c.ID, id, b)
		if err != nil {
			return err
		}
		st.deadlines = append(st.deadlines, d)
	}
	return nil
}

func (st *caseState) addSettings(raw []byte) error {
	var env struct {
		Data model.DeadlineSettings `json:"data"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("store: decode record: %w", err)
	}
	st.settings, st.setRead = &env.Data, markOf(raw)
	return nil
}

// loadStates reads the cases with the given ids: one iterator over the
// case indexes, seeking to each case, then point reads of the case and
// settings records. It never opens one iterator per case, which in a
// read-write transaction would sort every pending write each time.
func loadStates(txn *badger.Txn, ids []string) ([]*caseState, error) {
	policy, err := loadPolicy(txn)
	if err != nil {
		return nil, err
	}
	states := make([]*caseState, len(ids))
	for i, id := range ids {
		_, c, err := getRecord[model.Case](txn, KindCase, id)
		if err != nil {
			return nil, err
		}
		states[i] = &caseState{c: *c, policy: policy}
		if raw, ok, err := getRaw(txn, layout.RecKey(KindDeadlineSettings, id)); err != nil {
			return nil, err
		} else if ok {
			if err := states[i].addSettings(raw); err != nil {
				return nil, err
			}
		}
	}
	order := make([]int, len(ids))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(ids[a], ids[b]) })
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(layout.IdxCase)})
	defer it.Close()
	for _, i := range order {
		prefix := []byte(layout.CasePrefix(ids[i]))
		for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
			item := it.Item()
			kind, child, ok := strings.Cut(string(item.Key()[len(prefix):]), "/")
			if !ok {
				continue
			}
			if err := item.Value(func(b []byte) error { return states[i].addEntry(kind, child, b) }); err != nil {
				return nil, fmt.Errorf("store: %s: %w", item.Key(), err)
			}
		}
	}
	return states, nil
}

// loadAllStates reads the cases with the given ids by scanning the case
// list, the settings and the case indexes once each, in key order: for
// many cases, cheaper than seeking to each. What planning needs of a case
// (procedure, prefecture, lawyer) is in its case-list row (summary.go).
func loadAllStates(txn *badger.Txn, ids []string) ([]*caseState, error) {
	policy, err := loadPolicy(txn)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*caseState, len(ids))
	for _, id := range ids {
		byID[id] = nil
	}
	if err := scan(txn, layout.IdxList, func(k, b []byte) error {
		id := string(k[len(layout.IdxList):])
		if _, want := byID[id]; !want {
			return nil
		}
		s, err := layout.DecodeSummary(id, b)
		if err != nil {
			return fmt.Errorf("store: %s: %w", k, err)
		}
		byID[id] = &caseState{policy: policy,
			c: model.Case{ID: id, Ref: s.Ref, Procedure: s.Procedure, Prefecture: s.Prefecture, Lawyer: s.Lawyer}}
		return nil
	}); err != nil {
		return nil, err
	}
	for id, st := range byID {
		if st == nil { // no list row: check reports it; read the record
			_, c, err := getRecord[model.Case](txn, KindCase, id)
			if err != nil {
				return nil, fmt.Errorf("store: case %s: %w", id, err)
			}
			byID[id] = &caseState{c: *c, policy: policy}
		}
	}
	if err := scan(txn, layout.RecPrefix(KindDeadlineSettings), func(k, b []byte) error {
		if st := byID[string(k[len(layout.RecPrefix(KindDeadlineSettings)):])]; st != nil {
			return st.addSettings(b)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	// The entries' values are small, so they live in the LSM tree:
	// reading them needs no value-log prefetch.
	it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(layout.IdxCase)})
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		rest := string(item.Key()[len(layout.IdxCase):]) // <cid>/<kind>/<id>
		caseID, rest, _ := strings.Cut(rest, "/")
		kind, id, ok := strings.Cut(rest, "/")
		st := byID[caseID]
		if !ok || st == nil {
			continue
		}
		if err := item.Value(func(b []byte) error { return st.addEntry(kind, id, b) }); err != nil {
			return nil, fmt.Errorf("store: %s: %w", item.Key(), err)
		}
	}
	states := make([]*caseState, len(ids))
	for i, id := range ids {
		states[i] = byID[id]
	}
	return states, nil
}

// loadPolicy reads the vault's holiday policy (off when never set).
func loadPolicy(txn *badger.Txn) (model.HolidayPolicy, error) {
	_, p, err := getRecord[model.HolidayPolicy](txn, KindHolidayPolicy, model.HolidayPolicyID)
	if errors.Is(err, ErrNotFound) {
		return model.HolidayPolicy{ID: model.HolidayPolicyID}, nil
	}
	if err != nil {
		return model.HolidayPolicy{}, err
	}
	return *p, nil
}

func getRaw(txn *badger.Txn, key []byte) ([]byte, bool, error) { return read.Raw(txn, key) }

func (c *change) loadState(caseID string) (*caseState, error) {
	sts, err := loadStates(c.txn, []string{caseID})
	if err != nil {
		return nil, err
	}
	return sts[0], nil
}
