package check

import (
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// eachRecord scans the records of kind: each is marked seen, decodes (or
// is reported), and agrees with the change log; each decoded one is handed
// to keep with its id and key.
func eachRecord[T any](txn *badger.Txn, r *Report, folded changelog.Fold, seen map[string]bool, kind string, keep func(id, key string, v T)) error {
	prefix := layout.RecPrefix(kind)
	return read.Scan(txn, prefix, func(k, b []byte) error {
		id := strings.TrimPrefix(string(k), prefix)
		key := kind + "/" + id
		seen[key] = true
		var v T
		env, err := changelog.DecodeEnvelope(b, &v)
		if err != nil {
			r.addf("record %s does not decode", key)
			return nil
		}
		changelog.Compare(key, env.Data, env.Ver, folded[key], r.addf)
		keep(id, key, v)
		return nil
	})
}
