package store

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
)

// EachCaseForStats calls fn with every case record and its procedural
// events, in key order, in one read-only transaction: the input of the
// advocacy figures (package stats). Events come from the case's index
// entries (caseindex.go), so they carry no note and no court case number;
// no person record is read. fn must not keep the slice it is given. An
// error from fn stops the scan and is returned.
//
// Two iterators walk rec/case/ and idx/case/ side by side: both are in
// case-id order, so the scan reads each key once and holds one case at a
// time, whatever the size of the vault.
func (v *Vault) EachCaseForStats(fn func(c *model.Case, events []model.Event) error) error {
	if v.isClosed() {
		return ErrClosed
	}
	return v.db.View(func(txn *badger.Txn) error {
		idx := txn.NewIterator(badger.IteratorOptions{Prefix: []byte("idx/case/")})
		defer idx.Close()
		var events []model.Event
		recPrefix := "rec/" + KindCase + "/"
		return scan(txn, recPrefix, func(k, b []byte) error {
			id := string(k[len(recPrefix):])
			var c model.Case
			if _, err := decodeEnvelope(b, &c); err != nil {
				return fmt.Errorf("store: %s: %w", k, err)
			}
			c.ID = id
			events = events[:0]
			prefix := []byte("idx/case/" + id + "/" + KindEvent + "/")
			for idx.Seek(prefix); idx.ValidForPrefix(prefix); idx.Next() {
				item := idx.Item()
				eid := string(item.Key()[len(prefix):])
				if err := item.Value(func(val []byte) error {
					e, err := decodeEventIdx(id, eid, val)
					events = append(events, e)
					return err
				}); err != nil {
					return fmt.Errorf("store: %s: %w", item.Key(), err)
				}
			}
			return fn(&c, events)
		})
	})
}
