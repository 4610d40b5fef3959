// Package contacts reads the vault's address book of colleagues
// (meta/contact/<fp>, one JSON value per contact, keyed by the
// fingerprint of its key): listing it, and finding a contact by name,
// fingerprint or verification key. It owns the contact's shape and the
// rules of finding one; it never writes (store.Vault.SaveContact writes a
// contact in one synced transaction, outside the change log: the address
// book is a device-local setting, not case data) and never imports store.
package contacts

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/crypto"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

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

// List reads the address book, by name (case-insensitive). The contacts
// read before an error are returned with it.
func List(txn *badger.Txn) ([]Contact, error) {
	var out []Contact
	err := read.Scan(txn, layout.Contact, func(k, b []byte) error {
		var c Contact
		if err := json.Unmarshal(b, &c); err != nil {
			return fmt.Errorf("store: %s: %w", k, err)
		}
		out = append(out, c)
		return nil
	})
	sort.Slice(out, func(i, j int) bool { return strings.ToLower(out[i].Name) < strings.ToLower(out[j].Name) })
	return out, err
}

// Find returns the contact of all with that name (case-insensitive) or
// fingerprint (spaces ignored), or nil.
func Find(all []Contact, nameOrFP string) *Contact {
	want := strings.ReplaceAll(nameOrFP, " ", "")
	for i, c := range all {
		if strings.EqualFold(c.Name, nameOrFP) || strings.ReplaceAll(c.Fingerprint, " ", "") == want {
			return &all[i]
		}
	}
	return nil
}

// ByVerifyKey returns the contact of all whose Ed25519 key is key, or nil.
func ByVerifyKey(all []Contact, key []byte) *Contact {
	for i, c := range all {
		if len(key) > 0 && string(c.Key.Verify) == string(key) {
			return &all[i]
		}
	}
	return nil
}
