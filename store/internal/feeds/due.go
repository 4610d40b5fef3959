package feeds

import (
	"bytes"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/layout"
)

// DueItem is one open deadline as the due-date index holds it
// (idx/due/<yyyymmdd>/<deadline-id>, its value a layout.DueEntry).
type DueItem struct {
	Due        model.Date         `json:"due"`
	DueAt      time.Time          `json:"due_at"`
	DeadlineID string             `json:"deadline_id"`
	CaseID     string             `json:"case_id"`
	Owner      string             `json:"owner"`
	Kind       model.DeadlineKind `json:"kind"`
	RuleID     string             `json:"rule_id"`
	Label      string             `json:"label"`
}

// DueBetween reads the open deadlines due from from to to, both included,
// by due date: one range scan of idx/due, no record read. A zero from
// starts at the earliest (every overdue deadline).
func DueBetween(txn *badger.Txn, from, to model.Date) ([]DueItem, error) {
	start := []byte(layout.IdxDue)
	if !from.IsZero() {
		start = []byte(layout.DuePrefix(layout.Day(from)))
	}
	end := []byte(layout.DueEnd(layout.Day(to)))
	var out []DueItem
	opts := badger.DefaultIteratorOptions
	opts.Prefix = []byte(layout.IdxDue)
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Seek(start); it.Valid(); it.Next() {
		item := it.Item()
		k := item.Key()
		if bytes.Compare(k, end) > 0 {
			break
		}
		di, err := dueItem(k, item)
		if err != nil {
			return nil, err
		}
		out = append(out, di)
	}
	return out, nil
}

// ParseDueKey is the day and deadline of an idx/due key.
func ParseDueKey(k []byte) (DueItem, error) {
	d, id, err := layout.ParseDueKey(k)
	return DueItem{Due: d, DeadlineID: id}, err
}

// Fill sets what an idx/due value holds: the case, owner, kind, rule,
// label and instant.
func (di *DueItem) Fill(b []byte) error {
	e, err := layout.DecodeDueEntry(b)
	if err != nil {
		return err
	}
	di.CaseID, di.Owner, di.Kind, di.RuleID, di.Label = e.Case, e.Owner, e.Kind, e.Rule, e.Label
	if e.At != "" {
		t, err := time.Parse(time.RFC3339, e.At)
		if err != nil {
			return err
		}
		di.DueAt = t
	}
	return nil
}

// dueItem decodes the idx/due entry an iterator or a point read is on.
func dueItem(key []byte, item *badger.Item) (DueItem, error) {
	di, err := ParseDueKey(key)
	if err != nil {
		return di, err
	}
	if err := item.Value(func(b []byte) error { return di.Fill(b) }); err != nil {
		return di, fmt.Errorf("store: %s: %w", key, err)
	}
	return di, nil
}
