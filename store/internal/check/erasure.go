package check

import (
	"casefile/changelog"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// checkErasures is Check's part for erased cases: every tombstone decodes
// and agrees with the log, no record of the erased case is left, and no
// erasure is half done.
func checkErasures(txn *badger.Txn, r *Report, folded changelog.Fold, seen map[string]bool) error {
	prefix := layout.RecPrefix(changelog.KindErasure)
	if err := read.Scan(txn, prefix, func(k, b []byte) error {
		id := strings.TrimPrefix(string(k), prefix)
		key := changelog.KindErasure + "/" + id
		seen[key] = true
		env, err := changelog.DecodeEnvelope(b, &changelog.Erasure{})
		if err != nil {
			r.addf("record %s does not decode", key)
			return nil
		}
		changelog.Compare(key, env.Data, env.Ver, folded[key], r.addf)
		if _, ok, err := read.Raw(txn, layout.RecKey(changelog.KindCase, id)); err != nil {
			return err
		} else if ok {
			r.addf("case %s is erased but its record is still there", id)
		}
		return nil
	}); err != nil {
		return err
	}
	return read.ScanKeys(txn, layout.Erasing, func(k []byte) error {
		r.addf("the erasure of case %s was interrupted; the retention list or the next erasure finishes it", k[len(layout.Erasing):])
		return nil
	})
}
