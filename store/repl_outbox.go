package store

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/exchange"
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
func (v *Vault) QueueWholeLog() error { return v.queueLog("") }

// QueueLogOf puts in the outbox every change-log entry that device wrote:
// the member that removes a device republishes, under its own signature,
// what that device wrote before its removal, so that no one needs to read
// the removed device's files again (a removed member can rewrite them).
func (v *Vault) QueueLogOf(device string) error {
	if device == "" {
		return nil
	}
	return v.queueLog(device)
}

func (v *Vault) queueLog(device string) error {
	if v.isClosed() {
		return ErrClosed
	}
	var keys [][]byte
	if err := v.db.View(func(txn *badger.Txn) (err error) {
		keys, err = exchange.QueueLog(txn, device)
		return err
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
	err := v.db.View(func(txn *badger.Txn) (err error) {
		out, rest, err = exchange.LogRange(txn, from, to, device, maxOps)
		return err
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
// (at least one entry when any), oldest first (exchange.ReadOutbox).
func (v *Vault) ReadOutbox(maxOps int) (*Outbox, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	out := &Outbox{}
	err := v.db.View(func(txn *badger.Txn) (err error) {
		out.Changes, out.keys, err = exchange.ReadOutbox(txn, maxOps)
		return err
	})
	return out, err
}

// Empty reports whether the batch holds nothing, not even keys to clear.
func (o *Outbox) Empty() bool { return len(o.keys) == 0 }

// Done removes the batch's entries from the outbox of v.
func (o *Outbox) Done(v *Vault) error { return v.writeKeys(o.keys, true) }
