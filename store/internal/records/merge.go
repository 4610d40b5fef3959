package records

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// The merge of two records of one person (store.Vault.MergePersons): what
// the kept record and the cases become is decided here; the store writes
// them, the tombstone and the indexes in one change.

// FieldConflict is a field both records filled, differently. The kept
// record keeps its value; the dropped one stays readable on the tombstone.
type FieldConflict struct {
	Field, Kept, Dropped string
}

// MergeFields fills keep's empty fields from drop and lists the fields
// both set differently (languages are joined).
func MergeFields(keep, drop model.Person) (model.Person, []FieldConflict, error) {
	kb, _ := json.Marshal(keep)
	db, _ := json.Marshal(drop)
	var km, dm map[string]json.RawMessage
	if err := json.Unmarshal(kb, &km); err != nil {
		return keep, nil, err
	}
	if err := json.Unmarshal(db, &dm); err != nil {
		return keep, nil, err
	}
	var conflicts []FieldConflict
	names := make([]string, 0, len(dm))
	for f := range dm {
		names = append(names, f)
	}
	slices.Sort(names)
	for _, f := range names {
		if f == "id" || f == "merged_into" || f == "languages" {
			continue
		}
		kv, dv := km[f], dm[f]
		switch {
		case changelog.IsZero(dv) || string(kv) == string(dv):
		case changelog.IsZero(kv):
			km[f] = dv
		default:
			var ks, ds string
			_ = json.Unmarshal(kv, &ks)
			_ = json.Unmarshal(dv, &ds)
			if ks == "" && ds == "" {
				ks, ds = string(kv), string(dv)
			}
			conflicts = append(conflicts, FieldConflict{Field: f, Kept: ks, Dropped: ds})
		}
	}
	b, _ := json.Marshal(km)
	var out model.Person
	if err := json.Unmarshal(b, &out); err != nil {
		return keep, nil, fmt.Errorf("store: merge: %w", err)
	}
	for _, l := range drop.Languages {
		if !slices.Contains(out.Languages, l) {
			out.Languages = append(out.Languages, l)
		}
	}
	return out, conflicts, nil
}

// Relink returns case cs referring to keepID wherever it referred to
// dropID, as main person or relative, with each person once.
func Relink(cs model.Case, dropID, keepID string) model.Case {
	if cs.PersonID == dropID {
		cs.PersonID = keepID
	}
	var rel []model.Related
	for _, r := range cs.Related {
		if r.PersonID == dropID {
			r.PersonID = keepID
		}
		if r.PersonID == cs.PersonID || slices.ContainsFunc(rel, func(x model.Related) bool { return x.PersonID == r.PersonID }) {
			continue // the same person twice in one case
		}
		rel = append(rel, r)
	}
	cs.Related = rel
	return cs
}

// PersonCases lists the ids of the cases that refer to person pid, from
// the person's case index.
func PersonCases(txn *badger.Txn, pid string) ([]string, error) {
	var out []string
	prefix := layout.PersonCasePrefix(pid)
	err := read.ScanKeys(txn, prefix, func(k []byte) error {
		out = append(out, strings.TrimPrefix(string(k), prefix))
		return nil
	})
	return out, err
}
