package records

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// Reading what a case's deadlines depend on: from the case record, its
// settings and its index entries (layout's caseindex.go), never its event
// or deadline records. The store's case state (store/casestate.go) holds
// what is read here; Diff plans from it.

// A StateSink receives what the loaders read of one case: the events and
// deadlines of its index entries, and its settings record if it has one.
type StateSink interface {
	AddEvent(e model.Event)
	AddDeadline(d model.Deadline)
	SetSettings(s *model.DeadlineSettings, read ReadMark)
}

// ReadMark is a record as read (absent, or its hash), to notice a
// concurrent change before writing it again.
type ReadMark struct {
	OK  bool
	Sum uint64
}

var hashSeed = maphash.MakeSeed()

// MarkOf is the mark of a record read as raw.
func MarkOf(raw []byte) ReadMark { return ReadMark{OK: true, Sum: maphash.Bytes(hashSeed, raw)} }

// addEntry decodes the case index entry idx/case/<case>/<kind>/<id> = b
// into st.
func addEntry(st StateSink, caseID, kind, id string, b []byte) error {
	switch kind {
	case "event":
		e, err := layout.DecodeEventIdx(caseID, id, b)
		if err != nil {
			return err
		}
		st.AddEvent(e)
	case "deadline":
		d, err := layout.DecodeDeadlineIdx(caseID, id, b)
		if err != nil {
			return err
		}
		st.AddDeadline(d)
	}
	return nil
}

// addSettings decodes a deadline settings record into st.
func addSettings(st StateSink, raw []byte) error {
	var env struct {
		Data model.DeadlineSettings `json:"data"`
	}
	if err := json.Unmarshal(raw, &env); err != nil {
		return fmt.Errorf("store: decode record: %w", err)
	}
	st.SetSettings(&env.Data, MarkOf(raw))
	return nil
}

// LoadStates reads the cases with the given ids into the states newState
// makes of each case record (newState copies the case it is given): one iterator over the case indexes, seeking
// to each case, then point reads of the case and settings records. It
// never opens one iterator per case, which in a read-write transaction
// would sort every pending write each time.
func LoadStates[S StateSink](txn *badger.Txn, ids []string, newState func(c *model.Case, policy model.HolidayPolicy) S) ([]S, error) {
	policy, err := LoadPolicy(txn)
	if err != nil {
		return nil, err
	}
	states := make([]S, len(ids))
	for i, id := range ids {
		_, c, err := read.Record[model.Case](txn, changelog.KindCase, id)
		if err != nil {
			return nil, err
		}
		states[i] = newState(c, policy)
		if raw, ok, err := read.Raw(txn, layout.RecKey(changelog.KindDeadlineSettings, id)); err != nil {
			return nil, err
		} else if ok {
			if err := addSettings(states[i], raw); err != nil {
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
			if err := item.Value(func(b []byte) error { return addEntry(states[i], ids[i], kind, child, b) }); err != nil {
				return nil, fmt.Errorf("store: %s: %w", item.Key(), err)
			}
		}
	}
	return states, nil
}

// LoadAllStates is LoadStates scanning the case list, the settings and
// the case indexes once each, in key order: for many cases, cheaper than
// seeking to each. What planning needs of a case (procedure, prefecture,
// lawyer) is in its case-list row (layout's summary.go), so newState gets
// a case holding only those.
func LoadAllStates[S interface {
	StateSink
	comparable
}](txn *badger.Txn, ids []string, newState func(c *model.Case, policy model.HolidayPolicy) S) ([]S, error) {
	policy, err := LoadPolicy(txn)
	if err != nil {
		return nil, err
	}
	var none S
	byID := make(map[string]S, len(ids))
	for _, id := range ids {
		byID[id] = none
	}
	var row model.Case // one case for every row: newState copies it
	if err := read.Scan(txn, layout.IdxList, func(k, b []byte) error {
		id := string(k[len(layout.IdxList):])
		if _, want := byID[id]; !want {
			return nil
		}
		s, err := layout.DecodeSummary(id, b)
		if err != nil {
			return fmt.Errorf("store: %s: %w", k, err)
		}
		row = model.Case{ID: id, Ref: s.Ref, Procedure: s.Procedure, Prefecture: s.Prefecture, Lawyer: s.Lawyer}
		byID[id] = newState(&row, policy)
		return nil
	}); err != nil {
		return nil, err
	}
	for id, st := range byID {
		if st == none { // no list row: check reports it; read the record
			_, c, err := read.Record[model.Case](txn, changelog.KindCase, id)
			if err != nil {
				return nil, fmt.Errorf("store: case %s: %w", id, err)
			}
			byID[id] = newState(c, policy)
		}
	}
	setPrefix := layout.RecPrefix(changelog.KindDeadlineSettings)
	if err := read.Scan(txn, setPrefix, func(k, b []byte) error {
		if st := byID[string(k[len(setPrefix):])]; st != none {
			return addSettings(st, b)
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
		if !ok || st == none {
			continue
		}
		if err := item.Value(func(b []byte) error { return addEntry(st, caseID, kind, id, b) }); err != nil {
			return nil, fmt.Errorf("store: %s: %w", item.Key(), err)
		}
	}
	states := make([]S, len(ids))
	for i, id := range ids {
		states[i] = byID[id]
	}
	return states, nil
}

// LoadPolicy reads the vault's holiday policy (off when never set).
func LoadPolicy(txn *badger.Txn) (model.HolidayPolicy, error) {
	_, p, err := read.Record[model.HolidayPolicy](txn, changelog.KindHolidayPolicy, model.HolidayPolicyID)
	if errors.Is(err, read.ErrNotFound) {
		return model.HolidayPolicy{ID: model.HolidayPolicyID}, nil
	}
	if err != nil {
		return model.HolidayPolicy{}, err
	}
	return *p, nil
}
