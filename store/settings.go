package store

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// Setting reads a device-local setting, meta/settings/<name> (no personal
// data: a CSV column mapping, for one). ok is false when never set.
func (v *Vault) Setting(name string) (val []byte, ok bool, err error) {
	if v.isClosed() {
		return nil, false, ErrClosed
	}
	err = v.db.View(func(txn *badger.Txn) error {
		val, ok, err = getRaw(txn, []byte("meta/settings/"+name))
		return err
	})
	return val, ok, err
}

// SetSetting writes a device-local setting durably.
func (v *Vault) SetSetting(name string, val []byte) error {
	if v.isClosed() {
		return ErrClosed
	}
	if err := v.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte("meta/settings/"+name), val) }); err != nil {
		return fmt.Errorf("store: setting %s: %w", name, err)
	}
	return nil
}
