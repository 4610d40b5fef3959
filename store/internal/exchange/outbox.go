package exchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// The outbox (meta/sync/out/<hlc>/<device>, one empty key per change-log
// entry to publish) is read here; the store writes it (a change queues its
// own entry, stages.go; a published batch is removed).

// QueueLog returns the outbox keys of every change-log entry, or of those
// device wrote when device is set: what a vault joining a team publishes
// once, or what the member removing a device republishes for it.
func QueueLog(txn *badger.Txn, device string) ([][]byte, error) {
	var keys [][]byte
	err := read.ScanKeys(txn, layout.Log, func(k []byte) error {
		if device != "" {
			if _, dev, ok := layout.ParseLogKey(string(k)); !ok || dev != device {
				return nil
			}
		}
		keys = append(keys, append([]byte(layout.SyncOut), k[len(layout.Log):]...))
		return nil
	})
	return keys, err
}

// LogRange reads the change-log entries whose keys lie between from and to
// ("<hlc>/<device>", both included), restricted to SyncKinds and, when
// device is set, to that device's own entries. At most maxOps operations
// are returned; rest holds the outbox keys of the entries beyond, for the
// store to queue for the next segment.
func LogRange(txn *badger.Txn, from, to, device string, maxOps int) (out []changelog.ExportChange, rest [][]byte, err error) {
	n := 0
	last := []byte(layout.Log + to)
	opts := badger.DefaultIteratorOptions
	opts.Prefix = []byte(layout.Log)
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Seek([]byte(layout.Log + from)); it.Valid() && bytes.Compare(it.Item().Key(), last) <= 0; it.Next() {
		k := string(it.Item().Key())
		h, dev, ok := layout.ParseLogKey(k)
		if !ok || (device != "" && dev != device) {
			continue
		}
		var ch changelog.Change
		if err := it.Item().Value(func(b []byte) error { return json.Unmarshal(b, &ch) }); err != nil {
			return nil, nil, fmt.Errorf("store: log entry %s: %w", k, err)
		}
		ops := slices.DeleteFunc(ch.Ops, func(op changelog.Op) bool { return !changelog.IsSyncKind(op.Entity) })
		if len(ops) == 0 {
			continue
		}
		if n > 0 && n+len(ops) > maxOps {
			rest = append(rest, []byte(layout.SyncOut+k[len(layout.Log):]))
			continue
		}
		n += len(ops)
		out = append(out, changelog.ExportChange{HLC: h, Device: dev, Author: ch.Author, Ops: ops})
	}
	return out, rest, nil
}

// ReadOutbox reads up to maxOps operations' worth of unpublished entries
// (at least one entry when any), oldest first, restricted to SyncKinds,
// and the outbox keys they clear (with those of entries that carry
// nothing to publish, or that are malformed).
func ReadOutbox(txn *badger.Txn, maxOps int) (changes []changelog.ExportChange, keys [][]byte, err error) {
	n := 0
	errFull := errors.New("full")
	err = read.ScanKeys(txn, layout.SyncOut, func(k []byte) error {
		rest := string(k[len(layout.SyncOut):])
		hs, dev, ok := strings.Cut(rest, "/")
		h, err := model.ParseHLC(hs)
		if !ok || err != nil {
			keys = append(keys, slices.Clone(k))
			return nil
		}
		raw, found, err := read.Raw(txn, layout.LogKey(h, dev))
		if err != nil {
			return err
		}
		var ch changelog.Change
		if found {
			if err := json.Unmarshal(raw, &ch); err != nil {
				return fmt.Errorf("store: log entry %s/%s: %w", hs, dev, err)
			}
		}
		ops := slices.DeleteFunc(ch.Ops, func(op changelog.Op) bool { return !changelog.IsSyncKind(op.Entity) })
		if len(ops) > 0 && n > 0 && n+len(ops) > maxOps {
			return errFull
		}
		keys = append(keys, slices.Clone(k))
		if len(ops) > 0 {
			n += len(ops)
			changes = append(changes, changelog.ExportChange{HLC: h, Device: dev, Author: ch.Author, Ops: ops})
		}
		return nil
	})
	if errors.Is(err, errFull) {
		err = nil
	}
	return changes, keys, err
}
