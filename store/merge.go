package store

import (
	"errors"

	"casefile/store/internal/layout"
	"casefile/store/internal/records"
)

// ErrMergeSelf: the two records to merge are one.
var ErrMergeSelf = errors.New("cannot merge a person with themselves")

// ErrMerged: a person named for a merge is already merged into another.
var ErrMerged = records.ErrMerged

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
		p, err := records.PlanMerge(c.txn, keepID, dropID)
		if err != nil {
			return err
		}
		conflicts = p.Conflicts
		if err := c.putRecord(KindPerson, keepID, p.Keep, p.KeepEnv); err != nil {
			return err
		}
		if err := c.putRecord(KindPerson, dropID, p.Tomb, p.DropEnv); err != nil {
			return err
		}
		for _, m := range p.Moved {
			if err := c.putRecord(KindCase, m.ID, m.Case, m.Env); err != nil {
				return err
			}
			c.del(layout.PersonCaseKey(dropID, m.ID))
			c.set(layout.PersonCaseKey(keepID, m.ID), nil)
		}
		for _, r := range p.Rows {
			c.set(layout.ListKey(r.ID), layout.EncodeSummary(layout.SummaryOf(r.Case, p.Keep)))
		}
		return nil
	})
	return conflicts, err
}
