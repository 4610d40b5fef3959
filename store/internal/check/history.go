package check

import (
	"encoding/json"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// checkHistory is Check's part for the history index: every log entry has
// an idx/hist key for each record it touches, and every idx/hist key names
// a log entry that touches that record.
func checkHistory(txn *badger.Txn, r *Report) error {
	want := map[string]bool{}
	if err := read.Scan(txn, layout.Log, func(k, b []byte) error {
		parts := strings.Split(string(k), "/")
		if len(parts) != 3 {
			return nil // reported by Check
		}
		var ch changelog.Change
		if json.Unmarshal(b, &ch) != nil {
			return nil // reported by Check
		}
		for _, op := range ch.Ops {
			want[layout.HistPrefix(op.Entity, op.ID)+parts[1]+"/"+parts[2]] = true
		}
		return nil
	}); err != nil {
		return err
	}
	if err := read.ScanKeys(txn, layout.IdxHist, func(k []byte) error {
		if !want[string(k)] {
			r.addf("history index %s names no change to that record", k)
		}
		delete(want, string(k))
		return nil
	}); err != nil {
		return err
	}
	missing := make([]string, 0, len(want))
	for k := range want {
		missing = append(missing, k)
	}
	slices.Sort(missing)
	for _, k := range missing {
		r.addf("history index %s is missing", k)
	}
	return nil
}
