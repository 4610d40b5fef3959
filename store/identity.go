package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/crypto"
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

// Contact is a colleague in the address book.
type Contact struct {
	Name         string                `json:"name"`
	Organisation string                `json:"organisation,omitempty"`
	Key          crypto.PublicIdentity `json:"key"`
	Fingerprint  string                `json:"fingerprint"`
	Added        time.Time             `json:"added"`
	// Verified is when the user confirmed the fingerprint with the
	// colleague (in person or by phone); zero when not yet.
	Verified time.Time `json:"verified,omitzero"`
}

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
func (v *Vault) Contacts() ([]Contact, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var out []Contact
	err := v.db.View(func(txn *badger.Txn) error {
		return scan(txn, layout.Contact, func(k, b []byte) error {
			var c Contact
			if err := json.Unmarshal(b, &c); err != nil {
				return fmt.Errorf("store: %s: %w", k, err)
			}
			out = append(out, c)
			return nil
		})
	})
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, err
}

// FindContact returns the contact with that name (case-insensitive) or
// fingerprint.
func (v *Vault) FindContact(nameOrFP string) (*Contact, error) {
	all, err := v.Contacts()
	if err != nil {
		return nil, err
	}
	want := strings.ReplaceAll(nameOrFP, " ", "")
	for i, c := range all {
		if strings.EqualFold(c.Name, nameOrFP) || strings.ReplaceAll(c.Fingerprint, " ", "") == want {
			return &all[i], nil
		}
	}
	return nil, ErrContactNotFound
}

// ContactByVerifyKey returns the contact whose Ed25519 key is key, if any.
func (v *Vault) ContactByVerifyKey(key []byte) (*Contact, error) {
	all, err := v.Contacts()
	if err != nil {
		return nil, err
	}
	for i, c := range all {
		if len(key) > 0 && string(c.Key.Verify) == string(key) {
			return &all[i], nil
		}
	}
	return nil, ErrContactNotFound
}
