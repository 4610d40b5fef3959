package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
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

func histPrefix(kind, id string) string { return "idx/hist/" + kind + "/" + id + "/" }

func histKey(kind, id string, h model.HLC, device string) []byte {
	return []byte(histPrefix(kind, id) + h.String() + "/" + device)
}

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
			c.set([]byte(histPrefix(op.Entity, op.ID)+suffix), nil)
		}
	}
}

// historyFromIndex returns the log entries that touch the records, oldest
// first, each with only those records' operations. recs holds "kind/id".
func historyFromIndex(txn *badger.Txn, recs map[string]bool) ([]Change, error) {
	logKeys := map[string]bool{}
	for rec := range recs {
		kind, id, _ := strings.Cut(rec, "/")
		prefix := histPrefix(kind, id)
		if err := scanKeys(txn, prefix, func(k []byte) error {
			logKeys["log/"+string(k[len(prefix):])] = true
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
		prefix := "idx/case/" + f.ID + "/"
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

// checkHistory is Check's part for the history index: every log entry has
// an idx/hist key for each record it touches, and every idx/hist key names
// a log entry that touches that record.
func checkHistory(txn *badger.Txn, r *CheckReport) error {
	want := map[string]bool{}
	if err := scan(txn, "log/", func(k, b []byte) error {
		parts := strings.Split(string(k), "/")
		if len(parts) != 3 {
			return nil // reported by Check
		}
		var ch Change
		if json.Unmarshal(b, &ch) != nil {
			return nil // reported by Check
		}
		for _, op := range ch.Ops {
			want[histPrefix(op.Entity, op.ID)+parts[1]+"/"+parts[2]] = true
		}
		return nil
	}); err != nil {
		return err
	}
	if err := scanKeys(txn, "idx/hist/", func(k []byte) error {
		if !want[string(k)] {
			r.addf("history index %s names no change to that record", k)
		}
		delete(want, string(k))
		return nil
	}); err != nil {
		return err
	}
	missing := make([]string, 0, len(want))
	for k := range want {
		missing = append(missing, k)
	}
	slices.Sort(missing)
	for _, k := range missing {
		r.addf("history index %s is missing", k)
	}
	return nil
}

// IsZeroValue reports whether a logged value is its type's zero value (an
// unset field), which a face shows as "nothing" rather than as a value.
func IsZeroValue(raw json.RawMessage) bool { return changelog.IsZero(raw) }

// histIndexedKey marks a vault whose history index covers its whole log.
// Vaults written before the index existed get it built once, at open.
var histIndexedKey = []byte("meta/histindex")

// afterOpen finishes what a crash or an older version left: the history
// index of older vaults, the chunks of documents whose adding was cut.
func (v *Vault) afterOpen() error {
	if err := v.backfillHistory(); err != nil {
		return err
	}
	return v.collectOrphanChunks()
}

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
		return scan(txn, "log/", func(k, b []byte) error {
			parts := strings.Split(string(k), "/")
			var ch Change
			if len(parts) != 3 || json.Unmarshal(b, &ch) != nil {
				return nil // Check reports it
			}
			seen := map[string]bool{}
			for _, op := range ch.Ops {
				hk := histPrefix(op.Entity, op.ID) + parts[1] + "/" + parts[2]
				if !seen[hk] {
					seen[hk] = true
					keys = append(keys, []byte(hk))
				}
			}
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
