// Package read holds the store's raw reads of one Badger transaction:
// prefix scans, point reads and a record's decoding. It writes nothing;
// the store's kernel and its read-only packages (check) share it, so that
// a package that only reads the vault needs no access to the store's
// writes. It imports changelog and layout, never store.
package read

import (
	"errors"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/store/internal/layout"
)

// ErrNotFound: no record with that kind and id (store.ErrNotFound is this
// error).
var ErrNotFound = errors.New("not found")

// Scan calls fn for every key with prefix, values included.
func Scan(txn *badger.Txn, prefix string, fn func(key, val []byte) error) error {
	opts := badger.DefaultIteratorOptions
	opts.Prefix = []byte(prefix)
	opts.PrefetchSize = 256
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		if err := item.Value(func(b []byte) error { return fn(item.Key(), b) }); err != nil {
			return err
		}
	}
	return nil
}

// ScanKeys calls fn for every key with prefix, without reading values.
func ScanKeys(txn *badger.Txn, prefix string, fn func(key []byte) error) error {
	opts := badger.DefaultIteratorOptions
	opts.Prefix = []byte(prefix)
	opts.PrefetchValues = false
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		if err := fn(it.Item().Key()); err != nil {
			return err
		}
	}
	return nil
}

// Raw returns a copy of key's value, and whether the key exists.
func Raw(txn *badger.Txn, key []byte) ([]byte, bool, error) {
	item, err := txn.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	b, err := item.ValueCopy(nil)
	return b, err == nil, err
}

// Record reads and decodes the record kind/id: its envelope and its value
// (ErrNotFound if there is none).
func Record[T any](txn *badger.Txn, kind, id string) (*changelog.Envelope, *T, error) {
	item, err := txn.Get(layout.RecKey(kind, id))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil, ErrNotFound
	}
	if err != nil {
		return nil, nil, err
	}
	var rec T
	var env *changelog.Envelope
	err = item.Value(func(b []byte) error {
		env, err = changelog.DecodeEnvelope(b, &rec)
		return err
	})
	return env, &rec, err
}

// HeldRecords is the set of records ("kind/id") held back by sync: their
// operations are in the log, the record is not written yet.
func HeldRecords(txn *badger.Txn) (map[string]bool, error) {
	held := map[string]bool{}
	err := ScanKeys(txn, layout.SyncHeld, func(k []byte) error {
		held[string(k[len(layout.SyncHeld):])] = true
		return nil
	})
	return held, err
}
