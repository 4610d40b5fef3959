package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/crypto"
	"casefile/store/internal/contacts"
	"casefile/store/internal/layout"
)

// This vault's identity (crypto.Identity) and its address book of
// colleagues. Both are device-local settings, like meta/settings/author:
// they are written in one synced transaction each, outside the change log,
// because they are not case data and are never replicated as such. Team
// sync (issue 5) reuses Identity as the device's identity.
//
//	meta/identity            the identity's secrets (crypto.Identity.MarshalSecret)
//	meta/contact/<fp>        one contact, JSON; <fp> its fingerprint without spaces
//	meta/backup/last         RFC 3339 time of the last backup written (backup.go)

var keyIdentity = []byte(layout.Identity)

// Identity returns this vault's identity, creating it on first use.
func (v *Vault) Identity() (*crypto.Identity, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	for attempt := 0; ; attempt++ {
		var id *crypto.Identity
		err := v.db.Update(func(txn *badger.Txn) error {
			raw, ok, err := getRaw(txn, keyIdentity)
			if err != nil {
				return err
			}
			if ok {
				id, err = crypto.UnmarshalSecret(raw)
				return err
			}
			if id, err = crypto.NewIdentity(); err != nil {
				return err
			}
			b, err := id.MarshalSecret()
			if err != nil {
				return err
			}
			return txn.Set(keyIdentity, b)
		})
		if errors.Is(err, badger.ErrConflict) && attempt < 3 {
			continue // another goroutine created it at the same moment: read theirs
		}
		if err != nil {
			return nil, fmt.Errorf("store: identity: %w", err)
		}
		return id, nil
	}
}

// PublicIdentity is this vault's public identity, named by its author.
func (v *Vault) PublicIdentity() (crypto.PublicIdentity, error) {
	id, err := v.Identity()
	if err != nil {
		return crypto.PublicIdentity{}, err
	}
	return id.Public(v.author), nil
}

// Contact is a colleague in the address book (store/internal/contacts).
type Contact = contacts.Contact

// ErrContactNotFound: no contact of that name or fingerprint.
var ErrContactNotFound = fmt.Errorf("contact %w", ErrNotFound)

// SaveContact adds or replaces a contact (keyed by its key's fingerprint).
func (v *Vault) SaveContact(c *Contact) error {
	if v.isClosed() {
		return ErrClosed
	}
	c.Fingerprint = c.Key.Fingerprint()
	if c.Added.IsZero() {
		c.Added = now().UTC().Truncate(time.Second)
	}
	b, err := json.Marshal(c)
	if err != nil {
		return err
	}
	return v.db.Update(func(txn *badger.Txn) error { return txn.Set(layout.ContactKey(c.Fingerprint), b) })
}

// Contacts lists the address book by name.
func (v *Vault) Contacts() (out []Contact, err error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	err = v.db.View(func(txn *badger.Txn) error {
		out, err = contacts.List(txn)
		return err
	})
	return out, err
}

// FindContact returns the contact with that name (case-insensitive) or
// fingerprint.
func (v *Vault) FindContact(nameOrFP string) (*Contact, error) {
	all, err := v.Contacts()
	if err != nil {
		return nil, err
	}
	if c := contacts.Find(all, nameOrFP); c != nil {
		return c, nil
	}
	return nil, ErrContactNotFound
}

// ContactByVerifyKey returns the contact whose Ed25519 key is key, if any.
func (v *Vault) ContactByVerifyKey(key []byte) (*Contact, error) {
	all, err := v.Contacts()
	if err != nil {
		return nil, err
	}
	if c := contacts.ByVerifyKey(all, key); c != nil {
		return c, nil
	}
	return nil, ErrContactNotFound
}
