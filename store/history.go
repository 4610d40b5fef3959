package store

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
)

// The change log is keyed by time (log/<hlc>/<device>), so finding one
// record's changes by scanning it costs the whole log. Every change
// therefore also writes, in the same transaction, one empty key per record
// it touches:
//
//	idx/hist/<kind>/<id>/<hlc>/<device>
//
// which points to the log entry. A record's history is a prefix scan, then
// one read per change (docs/documents.md, "History"). Sync, when it applies
// remote operations, must write these keys too; `casefile check` verifies
// them against the log in both directions.

// indexHistory stages the history index entries of the change: one per
// record its operations touch.
func (c *change) indexHistory() {
	type rec struct{ kind, id string }
	seen := make(map[rec]bool, 16)
	var last rec
	suffix := c.hlc.String() + "/" + c.v.device // as histKey ends
	for i, op := range c.ops {
		k := rec{op.Entity, op.ID}
		if i > 0 && k == last { // a record's operations come together
			continue
		}
		last = k
		if !seen[k] {
			seen[k] = true
			c.set([]byte(layout.HistPrefix(op.Entity, op.ID)+suffix), nil)
		}
	}
}

// historyFromIndex returns the log entries that touch the records, oldest
// first, each with only those records' operations. recs holds "kind/id".
func historyFromIndex(txn *badger.Txn, recs map[string]bool) ([]Change, error) {
	logKeys := map[string]bool{}
	for rec := range recs {
		kind, id, _ := strings.Cut(rec, "/")
		prefix := layout.HistPrefix(kind, id)
		if err := scanKeys(txn, prefix, func(k []byte) error {
			logKeys[layout.Log+string(k[len(prefix):])] = true
			return nil
		}); err != nil {
			return nil, err
		}
	}
	keys := make([]string, 0, len(logKeys))
	for k := range logKeys {
		keys = append(keys, k)
	}
	slices.Sort(keys) // log keys sort by HLC
	out := make([]Change, 0, len(keys))
	for _, k := range keys {
		item, err := txn.Get([]byte(k))
		if err != nil {
			return nil, fmt.Errorf("store: history names %s: %w", k, err)
		}
		var ch Change
		if err := item.Value(func(b []byte) error { return json.Unmarshal(b, &ch) }); err != nil {
			return nil, fmt.Errorf("store: log entry %s: %w", k, err)
		}
		ch.Ops = slices.DeleteFunc(ch.Ops, func(op Op) bool { return !recs[op.Entity+"/"+op.ID] })
		parts := strings.Split(k, "/")
		if len(parts) == 3 {
			ch.HLC, _ = model.ParseHLC(parts[1])
			ch.Device = parts[2]
		}
		if len(ch.Ops) > 0 {
			out = append(out, ch)
		}
	}
	return out, nil
}

// FieldChange is one line of a case's history: who set which field of which
// record, when, from what to what. Old is absent when the record was new
// (or the field had never been set).
type FieldChange struct {
	Time   time.Time       `json:"time"`
	HLC    model.HLC       `json:"hlc"`
	Device string          `json:"device"`
	Author string          `json:"author"`
	Entity string          `json:"entity"`
	ID     string          `json:"id"`
	Field  string          `json:"field"`
	Old    json.RawMessage `json:"old,omitempty"`
	New    json.RawMessage `json:"new"`
}

// CaseHistory returns every change to a case and to what belongs to it —
// its main and related people, events, deadlines, deadline settings, notes
// and documents — oldest first, each field with its old and new value. The
// old value is the one the previous change to that field set. An unknown
// case gives ErrNotFound.
func (v *Vault) CaseHistory(idOrRef string) ([]FieldChange, error) {
	f, err := v.Case(idOrRef)
	if err != nil {
		return nil, err
	}
	var changes []Change
	err = v.db.View(func(txn *badger.Txn) error {
		recs := map[string]bool{
			KindCase + "/" + f.ID:             true,
			KindPerson + "/" + f.PersonID:     true,
			KindDeadlineSettings + "/" + f.ID: true,
		}
		for _, r := range f.Related {
			recs[KindPerson+"/"+r.PersonID] = true
		}
		prefix := layout.CasePrefix(f.ID)
		if err := scanKeys(txn, prefix, func(k []byte) error {
			kind, id, ok := strings.Cut(string(k[len(prefix):]), "/")
			if ok {
				recs[kind+"/"+id] = true
			}
			return nil
		}); err != nil {
			return err
		}
		changes, err = historyFromIndex(txn, recs)
		return err
	})
	if err != nil {
		return nil, err
	}
	return fieldChanges(changes), nil
}

// fieldChanges flattens changes (oldest first) into field changes, with
// each field's previous value as Old.
func fieldChanges(changes []Change) []FieldChange {
	last := map[string]json.RawMessage{}
	var out []FieldChange
	for _, ch := range changes {
		for _, op := range ch.Ops {
			k := op.Entity + "/" + op.ID + "/" + op.Field
			fc := FieldChange{
				Time: ch.HLC.Time(), HLC: ch.HLC, Device: ch.Device, Author: ch.Author,
				Entity: op.Entity, ID: op.ID, Field: op.Field, Old: last[k], New: op.Value,
			}
			last[k] = op.Value
			out = append(out, fc)
		}
	}
	return out
}

// IsZeroValue reports whether a logged value is its type's zero value (an
// unset field), which a face shows as "nothing" rather than as a value.
func IsZeroValue(raw json.RawMessage) bool { return changelog.IsZero(raw) }
