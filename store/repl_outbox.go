package store

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
)

// stageOutbox queues the change's log entry for publication (write.go).
func (c *change) stageOutbox() { c.set(layout.OutboxKey(c.hlc, c.v.device), nil) }

// SyncState reads meta/sync/<name>; ok is false when absent.
func (v *Vault) SyncState(name string) (val []byte, ok bool, err error) {
	if v.isClosed() {
		return nil, false, ErrClosed
	}
	err = v.db.View(func(txn *badger.Txn) error {
		val, ok, err = getRaw(txn, []byte(layout.Sync+name))
		return err
	})
	return val, ok, err
}

// ScanSyncState calls fn for every meta/sync/<prefix>… key, in key order,
// with the name after meta/sync/.
func (v *Vault) ScanSyncState(prefix string, fn func(name string, val []byte) error) error {
	if v.isClosed() {
		return ErrClosed
	}
	return v.db.View(func(txn *badger.Txn) error {
		return scan(txn, layout.Sync+prefix, func(k, b []byte) error {
			return fn(string(k[len(layout.Sync):]), b)
		})
	})
}

// SetSyncState writes meta/sync/<name> for every entry in one synced
// transaction; a nil value deletes the key.
func (v *Vault) SetSyncState(vals map[string][]byte) error {
	if v.isClosed() {
		return ErrClosed
	}
	return v.db.Update(func(txn *badger.Txn) error { return setSyncState(txn, vals) })
}

func setSyncState(txn *badger.Txn, vals map[string][]byte) error {
	for name, val := range vals {
		var err error
		if val == nil {
			err = txn.Delete([]byte(layout.Sync + name))
		} else {
			err = txn.Set([]byte(layout.Sync+name), val)
		}
		if err != nil {
			return fmt.Errorf("store: sync state %s: %w", name, err)
		}
	}
	return nil
}

// QueueWholeLog puts every change-log entry in the outbox: a vault joining
// a team publishes everything it holds once (entries other members already
// have are applied idempotently).
func (v *Vault) QueueWholeLog() error {
	if v.isClosed() {
		return ErrClosed
	}
	var keys [][]byte
	if err := v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, layout.Log, func(k []byte) error {
			keys = append(keys, append([]byte(layout.SyncOut), k[len(layout.Log):]...))
			return nil
		})
	}); err != nil {
		return err
	}
	return v.writeKeys(keys, false)
}

// QueueLogOf puts in the outbox every change-log entry that device wrote:
// the member that removes a device republishes, under its own signature,
// what that device wrote before its removal, so that no one needs to read
// the removed device's files again (a removed member can rewrite them).
func (v *Vault) QueueLogOf(device string) error {
	if v.isClosed() {
		return ErrClosed
	}
	var keys [][]byte
	if err := v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, layout.Log, func(k []byte) error {
			if _, dev, ok := layout.ParseLogKey(string(k)); ok && dev == device {
				keys = append(keys, append([]byte(layout.SyncOut), k[len(layout.Log):]...))
			}
			return nil
		})
	}); err != nil {
		return err
	}
	return v.writeKeys(keys, false)
}

// LogRange returns the change-log entries whose keys lie between from and
// to ("<hlc>/<device>", both included), restricted to SyncKinds and, when
// device is set, to that device's own entries: what a segment this vault
// published carried, to publish again when the folder lost it. At most
// maxOps operations are returned; the entries beyond go back to the
// outbox, for the next segment.
func (v *Vault) LogRange(from, to, device string, maxOps int) ([]ExportChange, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var out []ExportChange
	var rest [][]byte
	n := 0
	last := []byte(layout.Log + to)
	err := v.db.View(func(txn *badger.Txn) error {
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
			var ch Change
			if err := it.Item().Value(func(b []byte) error { return json.Unmarshal(b, &ch) }); err != nil {
				return fmt.Errorf("store: log entry %s: %w", k, err)
			}
			ops := slices.DeleteFunc(ch.Ops, func(op Op) bool { return !changelog.IsSyncKind(op.Entity) })
			if len(ops) == 0 {
				continue
			}
			if n > 0 && n+len(ops) > maxOps {
				rest = append(rest, []byte(layout.SyncOut+k[len(layout.Log):]))
				continue
			}
			n += len(ops)
			out = append(out, ExportChange{HLC: h, Device: dev, Author: ch.Author, Ops: ops})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, v.writeKeys(rest, false)
}

// writeKeys sets (empty) or deletes keys in transactions of bounded size;
// each key is independent, so an interruption leaves nothing inconsistent.
func (v *Vault) writeKeys(keys [][]byte, del bool) error {
	for len(keys) > 0 {
		n := min(len(keys), 2000)
		if err := v.db.Update(func(txn *badger.Txn) error {
			for _, k := range keys[:n] {
				var err error
				if del {
					err = txn.Delete(k)
				} else {
					err = txn.Set(k, nil)
				}
				if err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return fmt.Errorf("store: outbox: %w", err)
		}
		keys = keys[n:]
	}
	return nil
}

// Outbox is a batch of change-log entries not yet published, restricted to
// SyncKinds; Done marks them published.
type Outbox struct {
	Changes []ExportChange
	keys    [][]byte
}

// ReadOutbox returns up to maxOps operations' worth of unpublished entries
// (at least one entry when any), oldest first.
func (v *Vault) ReadOutbox(maxOps int) (*Outbox, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	out := &Outbox{}
	n := 0
	errFull := errors.New("full")
	err := v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, layout.SyncOut, func(k []byte) error {
			rest := string(k[len(layout.SyncOut):])
			hs, dev, ok := strings.Cut(rest, "/")
			h, err := model.ParseHLC(hs)
			if !ok || err != nil {
				out.keys = append(out.keys, slices.Clone(k))
				return nil
			}
			raw, found, err := getRaw(txn, layout.LogKey(h, dev))
			if err != nil {
				return err
			}
			var ch Change
			if found {
				if err := json.Unmarshal(raw, &ch); err != nil {
					return fmt.Errorf("store: log entry %s/%s: %w", hs, dev, err)
				}
			}
			ops := slices.DeleteFunc(ch.Ops, func(op Op) bool { return !changelog.IsSyncKind(op.Entity) })
			if len(ops) > 0 && n > 0 && n+len(ops) > maxOps {
				return errFull
			}
			out.keys = append(out.keys, slices.Clone(k))
			if len(ops) > 0 {
				n += len(ops)
				out.Changes = append(out.Changes, ExportChange{HLC: h, Device: dev, Author: ch.Author, Ops: ops})
			}
			return nil
		})
	})
	if errors.Is(err, errFull) {
		err = nil
	}
	return out, err
}

// Empty reports whether the batch holds nothing, not even keys to clear.
func (o *Outbox) Empty() bool { return len(o.keys) == 0 }

// Done removes the batch's entries from the outbox of v.
func (o *Outbox) Done(v *Vault) error { return v.writeKeys(o.keys, true) }
