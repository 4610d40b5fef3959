package records

import (
	"encoding/json"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// What a history covers, and the history index's keys. The change log is
// keyed by time (log/<hlc>/<device>), so every change also writes one
// empty key per record it touches (idx/hist/<kind>/<id>/<hlc>/<device>,
// store/history.go): a record's history is a prefix scan of it, then one
// read per change (read.History).

// CaseRecords is the set of records ("kind/id") a case's history covers:
// the case, its main and related people, its deadline settings, and every
// record its case index lists (notes, events, deadlines, documents,
// evidence).
func CaseRecords(txn *badger.Txn, f *model.CaseFile) (map[string]bool, error) {
	recs := map[string]bool{
		changelog.KindCase + "/" + f.ID:             true,
		changelog.KindPerson + "/" + f.PersonID:     true,
		changelog.KindDeadlineSettings + "/" + f.ID: true,
	}
	for _, r := range f.Related {
		recs[changelog.KindPerson+"/"+r.PersonID] = true
	}
	prefix := layout.CasePrefix(f.ID)
	err := read.ScanKeys(txn, prefix, func(k []byte) error {
		kind, id, ok := strings.Cut(string(k[len(prefix):]), "/")
		if ok {
			recs[kind+"/"+id] = true
		}
		return nil
	})
	return recs, err
}

// HistKeys calls fn with the history index keys of every log entry, in log
// order: what a vault written before the index existed lacks
// (store/open_history.go writes them). An entry that does not decode is
// skipped (`casefile check` reports it).
func HistKeys(txn *badger.Txn, fn func(key []byte) error) error {
	return read.Scan(txn, layout.Log, func(k, b []byte) error {
		parts := strings.Split(string(k), "/")
		var ch changelog.Change
		if len(parts) != 3 || json.Unmarshal(b, &ch) != nil {
			return nil
		}
		seen := map[string]bool{}
		for _, op := range ch.Ops {
			hk := layout.HistPrefix(op.Entity, op.ID) + parts[1] + "/" + parts[2]
			if !seen[hk] {
				seen[hk] = true
				if err := fn([]byte(hk)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// PersonHistory reads what the right of access (store.Vault.PersonData)
// needs of a person's records: the tombstones of the records merged into
// personID, and the history of its record and theirs as field changes.
func PersonHistory(txn *badger.Txn, personID string) (merged []model.Person, history []changelog.FieldChange, err error) {
	recs := map[string]bool{changelog.KindPerson + "/" + personID: true}
	prefix := layout.RecPrefix(changelog.KindPerson)
	if err := read.Scan(txn, prefix, func(k, b []byte) error {
		var m model.Person
		if _, err := changelog.DecodeEnvelope(b, &m); err != nil {
			return err
		}
		if m.MergedInto == personID {
			m.ID = strings.TrimPrefix(string(k), prefix)
			merged = append(merged, m)
			recs[changelog.KindPerson+"/"+m.ID] = true
		}
		return nil
	}); err != nil {
		return nil, nil, err
	}
	changes, err := read.History(txn, recs)
	return merged, changelog.FieldChanges(changes), err
}

// LastHLC is the highest clock value in the change log below horizon
// (keys sort by HLC): a remote clock far ahead (store/repl_syncapply.go)
// must not drag this vault's clock. Zero when the log is empty.
func LastHLC(txn *badger.Txn, horizon model.HLC) (model.HLC, error) {
	opts := badger.DefaultIteratorOptions
	opts.Reverse, opts.PrefetchValues = true, false
	opts.Prefix = []byte(layout.Log)
	it := txn.NewIterator(opts)
	defer it.Close()
	it.Seek(append(layout.LogKey(horizon, ""), 0xff))
	if !it.Valid() {
		return 0, nil
	}
	parts := strings.SplitN(string(it.Item().Key()), "/", 3)
	return model.ParseHLC(parts[1])
}

// Touched calls fn once for each record (kind, id) ops touch: what the
// history index has an entry for. A record's operations come together in
// a change, so a repeat is mostly the previous record.
func Touched(ops []changelog.Op, fn func(kind, id string)) {
	type rec struct{ kind, id string }
	seen := make(map[rec]bool, 16)
	var last rec
	for i, op := range ops {
		k := rec{op.Entity, op.ID}
		if i > 0 && k == last {
			continue
		}
		last = k
		if !seen[k] {
			seen[k] = true
			fn(op.Entity, op.ID)
		}
	}
}
