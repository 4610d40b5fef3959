package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
)

// ErrMergeSelf: the two records to merge are one.
var ErrMergeSelf = errors.New("cannot merge a person with themselves")

// ErrMerged: a person named for a merge is already merged into another.
var ErrMerged = errors.New("person already merged into another record")

// FieldConflict is a field both records filled, differently. The kept
// record keeps its value; the dropped one stays readable on the tombstone.
type FieldConflict struct {
	Field, Kept, Dropped string
}

// MergePersons makes every case that refers to dropID (as main person or
// relative) refer to keepID instead, fills keepID's empty fields from
// dropID (languages are joined), and leaves dropID as a tombstone with
// merged_into = keepID, its own fields untouched: nothing of either record
// is lost, and the history of both stays in the change log. A field both
// filled differently is not overwritten; it is returned as a conflict.
// Everything, indexes included, is one change.
func (v *Vault) MergePersons(keepID, dropID string) ([]FieldConflict, error) {
	if keepID == dropID {
		return nil, ErrMergeSelf
	}
	var conflicts []FieldConflict
	err := v.update(func(c *change) error {
		conflicts = nil
		keepEnv, keep, err := getRecord[model.Person](c.txn, KindPerson, keepID)
		if err != nil {
			return err
		}
		dropEnv, drop, err := getRecord[model.Person](c.txn, KindPerson, dropID)
		if err != nil {
			return err
		}
		if keep.MergedInto != "" || drop.MergedInto != "" {
			return ErrMerged
		}
		merged, cs, err := mergeFields(*keep, *drop)
		if err != nil {
			return err
		}
		conflicts = cs
		merged.ID = keepID
		if err := c.putRecord(KindPerson, keepID, merged, keepEnv); err != nil {
			return err
		}
		tomb := *drop
		tomb.ID, tomb.MergedInto = dropID, keepID
		if err := c.putRecord(KindPerson, dropID, tomb, dropEnv); err != nil {
			return err
		}
		// Cases of the dropped person now refer to the kept one.
		var dropCases, keepCases []string
		for pid, into := range map[string]*[]string{dropID: &dropCases, keepID: &keepCases} {
			prefix := layout.PersonCasePrefix(pid)
			if err := scanKeys(c.txn, prefix, func(k []byte) error {
				*into = append(*into, strings.TrimPrefix(string(k), prefix))
				return nil
			}); err != nil {
				return err
			}
		}
		moved := map[string]model.Case{}
		for _, cid := range dropCases {
			env, cs, err := getRecord[model.Case](c.txn, KindCase, cid)
			if err != nil {
				return err
			}
			nc := *cs
			nc.ID = cid
			if nc.PersonID == dropID {
				nc.PersonID = keepID
			}
			var rel []model.Related
			for _, r := range nc.Related {
				if r.PersonID == dropID {
					r.PersonID = keepID
				}
				if r.PersonID == nc.PersonID || slices.ContainsFunc(rel, func(x model.Related) bool { return x.PersonID == r.PersonID }) {
					continue // the same person twice in one case
				}
				rel = append(rel, r)
			}
			nc.Related = rel
			if err := c.putRecord(KindCase, cid, nc, env); err != nil {
				return err
			}
			moved[cid] = nc
			c.del(layout.PersonCaseKey(dropID, cid))
			c.set(layout.PersonCaseKey(keepID, cid), nil)
			if !slices.Contains(keepCases, cid) {
				keepCases = append(keepCases, cid)
			}
		}
		// The case-list rows show the kept person's (perhaps filled) fields.
		for _, cid := range keepCases {
			cs, ok := moved[cid]
			if !ok {
				_, old, err := getRecord[model.Case](c.txn, KindCase, cid)
				if err != nil {
					return err
				}
				cs = *old
			}
			if cs.PersonID == keepID {
				c.set(layout.ListKey(cid), layout.EncodeSummary(layout.SummaryOf(cs, merged)))
			}
		}
		return nil
	})
	return conflicts, err
}

// mergeFields fills keep's empty fields from drop and lists the fields
// both set differently.
func mergeFields(keep, drop model.Person) (model.Person, []FieldConflict, error) {
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
