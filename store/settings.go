package store

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/store/internal/layout"
)

// Setting reads a device-local setting, meta/settings/<name> (no personal
// data: a CSV column mapping, for one). ok is false when never set.
func (v *Vault) Setting(name string) (val []byte, ok bool, err error) {
	if v.isClosed() {
		return nil, false, ErrClosed
	}
	err = v.db.View(func(txn *badger.Txn) error {
		val, ok, err = getRaw(txn, []byte(layout.Settings+name))
		return err
	})
	return val, ok, err
}

// SetSetting writes a device-local setting durably.
func (v *Vault) SetSetting(name string, val []byte) error {
	if v.isClosed() {
		return ErrClosed
	}
	if err := v.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(layout.Settings+name), val) }); err != nil {
		return fmt.Errorf("store: setting %s: %w", name, err)
	}
	return nil
}

// MaxNameLen is the longest name (an author, a clinic) a setting takes, in
// characters; sync refuses longer authors from others (repl_syncapply.go).
const MaxNameLen = changelog.MaxNameLen

// CheckName refuses a name a person types for themselves or their clinic
// (field names it in the error): empty, too long, or holding a control
// character (changelog.CheckName, beside the check of a received entry's
// author).
func CheckName(field, name string) error { return changelog.CheckName(field, name) }

// AuthorChosen reports whether someone chose the author name on this
// device (the set-up wizard, the settings), as opposed to the system
// account's name used until then.
func (v *Vault) AuthorChosen() (bool, error) {
	_, ok, err := v.Setting("author")
	return ok, err
}
