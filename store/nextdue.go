package store

import (
	"encoding/json"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
)

// NextDue maps each case that has an open deadline to its earliest one
// (overdue ones included): one ascending scan of the due-date index, for
// the case list's "next deadline first" order.
func (v *Vault) NextDue() (map[string]model.Date, error) {
	out := map[string]model.Date{}
	err := v.longRead(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.Prefix = []byte("idx/due/")
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			di, err := parseDueKey(item.Key())
			if err != nil {
				return err
			}
			var e struct {
				Case string `json:"case"`
			}
			if err := item.Value(func(b []byte) error { return json.Unmarshal(b, &e) }); err != nil {
				return err
			}
			if _, seen := out[e.Case]; !seen {
				out[e.Case] = di.Due
			}
		}
		return nil
	})
	return out, err
}
