package store

import (
	"errors"
	"slices"

	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/records"
)

// ErrMergeSelf: the two records to merge are one.
var ErrMergeSelf = errors.New("cannot merge a person with themselves")

// ErrMerged: a person named for a merge is already merged into another.
var ErrMerged = errors.New("person already merged into another record")

// FieldConflict is a field both records filled, differently
// (records.FieldConflict).
type FieldConflict = records.FieldConflict

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
		merged, cs, err := records.MergeFields(*keep, *drop)
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
		dropCases, err := records.PersonCases(c.txn, dropID)
		if err != nil {
			return err
		}
		keepCases, err := records.PersonCases(c.txn, keepID)
		if err != nil {
			return err
		}
		moved := map[string]model.Case{}
		for _, cid := range dropCases {
			env, cs, err := getRecord[model.Case](c.txn, KindCase, cid)
			if err != nil {
				return err
			}
			nc := records.Relink(*cs, dropID, keepID)
			nc.ID = cid
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
