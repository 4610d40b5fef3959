package read

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
)

// A record's history is a prefix scan of the history index
// (idx/hist/<kind>/<id>/<hlc>/<device>, one empty key per change that
// touched it, written in the change's own transaction), then one read of
// each log entry it names: never a scan of the whole log.

// History returns the log entries that touch the records, oldest
// first, each with only those records' operations. recs holds "kind/id".
func History(txn *badger.Txn, recs map[string]bool) ([]changelog.Change, error) {
	logKeys := map[string]bool{}
	for rec := range recs {
		kind, id, _ := strings.Cut(rec, "/")
		prefix := layout.HistPrefix(kind, id)
		if err := ScanKeys(txn, prefix, func(k []byte) error {
			logKeys[layout.Log+string(k[len(prefix):])] = true
			return nil
		}); err != nil {
			return nil, err
		}
	}
	keys := make([]string, 0, len(logKeys))
	for k := range logKeys {
		keys = append(keys, k)
	}
	slices.Sort(keys) // log keys sort by HLC
	out := make([]changelog.Change, 0, len(keys))
	for _, k := range keys {
		item, err := txn.Get([]byte(k))
		if err != nil {
			return nil, fmt.Errorf("store: history names %s: %w", k, err)
		}
		var ch changelog.Change
		if err := item.Value(func(b []byte) error { return json.Unmarshal(b, &ch) }); err != nil {
			return nil, fmt.Errorf("store: log entry %s: %w", k, err)
		}
		ch.Ops = slices.DeleteFunc(ch.Ops, func(op changelog.Op) bool { return !recs[op.Entity+"/"+op.ID] })
		parts := strings.Split(k, "/")
		if len(parts) == 3 {
			ch.HLC, _ = model.ParseHLC(parts[1])
			ch.Device = parts[2]
		}
		if len(ch.Ops) > 0 {
			out = append(out, ch)
		}
	}
	return out, nil
}
