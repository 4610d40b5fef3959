package records

import (
	"encoding/json"
	"errors"
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
// the kept record, the tombstone and the cases become is decided here
// (PlanMerge); the store writes them and the indexes in one change.

// ErrMerged: a person named for a merge is already merged into another
// (store.ErrMerged is this error).
var ErrMerged = errors.New("person already merged into another record")

// A MergePlan is what merging person dropID into keepID writes, decided
// from what the change's transaction reads.
type MergePlan struct {
	// Keep is the kept record with its empty fields filled from the
	// dropped one; Tomb the dropped record, untouched but for merged_into.
	Keep, Tomb       model.Person
	KeepEnv, DropEnv *changelog.Envelope // as stored
	Conflicts        []FieldConflict
	// Moved are the cases that referred to the dropped person, relinked
	// to the kept one, in the order of the dropped person's case index.
	Moved []MovedCase
	// Rows are the cases whose list row shows the kept person, in the
	// order of the kept person's case index, then the moved ones.
	Rows []MovedCase
}

// MovedCase is a case a merge writes or shows: its id, the case as it is
// to be written or listed, and the envelope stored (for a moved case).
type MovedCase struct {
	ID   string
	Case model.Case
	Env  *changelog.Envelope
}

// PlanMerge reads the two people and the cases that refer to them, and
// decides the merge (ErrMerged when either is already merged).
func PlanMerge(txn *badger.Txn, keepID, dropID string) (*MergePlan, error) {
	keepEnv, keep, err := read.Record[model.Person](txn, changelog.KindPerson, keepID)
	if err != nil {
		return nil, err
	}
	dropEnv, drop, err := read.Record[model.Person](txn, changelog.KindPerson, dropID)
	if err != nil {
		return nil, err
	}
	if keep.MergedInto != "" || drop.MergedInto != "" {
		return nil, ErrMerged
	}
	merged, conflicts, err := MergeFields(*keep, *drop)
	if err != nil {
		return nil, err
	}
	merged.ID = keepID
	tomb := *drop
	tomb.ID, tomb.MergedInto = dropID, keepID
	p := &MergePlan{Keep: merged, Tomb: tomb, KeepEnv: keepEnv, DropEnv: dropEnv, Conflicts: conflicts}
	// Cases of the dropped person now refer to the kept one.
	dropCases, err := PersonCases(txn, dropID)
	if err != nil {
		return nil, err
	}
	keepCases, err := PersonCases(txn, keepID)
	if err != nil {
		return nil, err
	}
	moved := map[string]model.Case{}
	for _, cid := range dropCases {
		env, cs, err := read.Record[model.Case](txn, changelog.KindCase, cid)
		if err != nil {
			return nil, err
		}
		nc := Relink(*cs, dropID, keepID)
		nc.ID = cid
		p.Moved = append(p.Moved, MovedCase{ID: cid, Case: nc, Env: env})
		moved[cid] = nc
		if !slices.Contains(keepCases, cid) {
			keepCases = append(keepCases, cid)
		}
	}
	// The case-list rows show the kept person's (perhaps filled) fields.
	for _, cid := range keepCases {
		cs, ok := moved[cid]
		if !ok {
			_, old, err := read.Record[model.Case](txn, changelog.KindCase, cid)
			if err != nil {
				return nil, err
			}
			cs = *old
		}
		if cs.PersonID == keepID {
			p.Rows = append(p.Rows, MovedCase{ID: cid, Case: cs})
		}
	}
	return p, nil
}

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
