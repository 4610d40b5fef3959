package store

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/model/deadline"
	"casefile/store/internal/feeds"
	"casefile/store/internal/layout"
)

// ErrDeadlineNotFound: no deadline with that id. It wraps ErrNotFound.
var ErrDeadlineNotFound = fmt.Errorf("deadline %w", ErrNotFound)

// DueItem is one open deadline as the due-date index holds it.
type DueItem = feeds.DueItem

// DueBetween returns the open deadlines due from from to to, both
// included, by due date: one range scan of idx/due, no record read.
// A zero from starts at the earliest (every overdue deadline).
func (v *Vault) DueBetween(from, to model.Date) ([]DueItem, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var out []DueItem
	err := v.db.View(func(txn *badger.Txn) (err error) {
		out, err = feeds.DueBetween(txn, from, to)
		return err
	})
	return out, err
}

// Deadlines returns every deadline of a case, open or not, by due date (a
// deadline is never deleted).
func (v *Vault) Deadlines(caseID string) ([]model.Deadline, error) {
	ds, err := caseRecords[model.Deadline](v, caseID, KindDeadline)
	SortDeadlines(ds)
	return ds, err
}

// SortDeadlines sorts deadlines by due day, then instant, then id
// (model.SortDeadlines).
func SortDeadlines(ds []model.Deadline) { model.SortDeadlines(ds) }

// Deadline returns one deadline by id.
func (v *Vault) Deadline(id string) (*model.Deadline, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var d *model.Deadline
	err := v.db.View(func(txn *badger.Txn) (err error) {
		_, d, err = getRecord[model.Deadline](txn, KindDeadline, id)
		return err
	})
	if err == ErrNotFound {
		return nil, ErrDeadlineNotFound
	}
	return d, err
}

// AddManualDeadline records a deadline a lawyer enters by hand on d.CaseID:
// Label and Due are required; Owner defaults to the case's lawyer and
// Reminder to two working days before Due (in the case's holiday region).
// An unknown case gives ErrNotFound.
// It fills in the id, kind and status (open).
func (v *Vault) AddManualDeadline(d *model.Deadline) error {
	nd := *d
	nd.Kind, nd.Status, nd.RuleID, nd.Source = model.DeadlineManual, model.DeadlineOpen, "", ""
	nd.Reason, nd.By, nd.At = "", "", time.Time{}
	if err := nd.Validate(); err != nil {
		return err
	}
	err := v.update(func(c *change) error {
		st, err := c.loadState(nd.CaseID)
		if err != nil {
			return err
		}
		if nd.Owner == "" {
			nd.Owner = st.c.Lawyer
		}
		if nd.Reminder.IsZero() {
			region := model.FactsFor(st.c, st.settings, st.policy).Region
			nd.Reminder = model.Date(deadline.WorkingDaysBefore(deadline.Date(nd.Due), 2, region))
		}
		nd.ID = newID()
		return c.putDeadline(&nd, nil, nil)
	})
	if err == nil {
		*d = nd
	}
	return err
}

// editDeadline applies edit to the deadline id as one change.
func (v *Vault) editDeadline(id string, edit func(c *change, d *model.Deadline)) (*model.Deadline, error) {
	var out model.Deadline
	err := v.update(func(c *change) error {
		env, old, err := getRecord[model.Deadline](c.txn, KindDeadline, id)
		if errors.Is(err, ErrNotFound) {
			return ErrDeadlineNotFound
		} else if err != nil {
			return err
		}
		d := *old
		edit(c, &d)
		out = d
		if sameDeadline(d, *old) {
			return nil
		}
		return c.putDeadline(&d, old, env)
	})
	return &out, err
}

// SetDeadlineStatus marks a deadline done, cancelled (a reason is then
// required) or open again, recording who and when on the record and in the
// change log. Nothing is deleted: a done or cancelled deadline leaves the
// due-date index and stays in the case's list.
func (v *Vault) SetDeadlineStatus(id string, status model.DeadlineStatus, reason string) (*model.Deadline, error) {
	return v.editDeadline(id, func(c *change, d *model.Deadline) {
		by, at := c.stamp()
		d.Status, d.Reason, d.By, d.At = status, strings.TrimSpace(reason), by, at
	})
}

// SetDeadlineOwner gives a deadline to someone else.
func (v *Vault) SetDeadlineOwner(id, owner string) (*model.Deadline, error) {
	return v.editDeadline(id, func(_ *change, d *model.Deadline) { d.Owner = strings.TrimSpace(owner) })
}

// DeadlineHistory returns the changes made to a deadline, oldest first:
// who (Author), when (HLC) and which fields (a recomputed date, a status).
func (v *Vault) DeadlineHistory(id string) ([]Change, error) { return v.history(KindDeadline, id) }

// Plan returns what the case's events call for now, with each deadline's
// explanation ("why this date?") and caveats; match it to Deadlines by Key.
func (v *Vault) Plan(caseID string) ([]model.Planned, error) {
	st, err := v.state(caseID)
	if err != nil {
		return nil, err
	}
	return st.plan()
}

// CaseRegion returns the holiday region of a case's deadlines and whether
// one was set (otherwise Metropole, national holidays only).
func (v *Vault) CaseRegion(caseID string) (deadline.Region, bool, error) {
	st, err := v.state(caseID)
	if err != nil {
		return deadline.Metropole, false, err
	}
	if st.settings == nil {
		return deadline.Metropole, false, nil
	}
	return st.settings.Region, true, nil
}

// SuggestedRegion is the holiday region Casefile proposes for a case, from
// its prefecture; ok is false when it recognises nothing (Metropole).
func SuggestedRegion(c model.Case) (deadline.Region, bool) {
	return deadline.SuggestRegion(c.Prefecture)
}

// SetCaseRegion sets the holiday region of a case and recomputes its
// deadlines in the same change.
func (v *Vault) SetCaseRegion(caseID string, r deadline.Region) error {
	return v.SetCaseRegions(map[string]deadline.Region{caseID: r})
}

// SetCaseRegions sets the holiday region of many cases and recomputes their
// deadlines, in batched transactions, one change per case; cases already
// set so write nothing.
func (v *Vault) SetCaseRegions(regions map[string]deadline.Region) error {
	ids := make([]string, 0, len(regions))
	for id, r := range regions {
		if r >= deadline.Region(len(deadline.Regions())) {
			return fmt.Errorf("store: case %s: %w", id, deadline.ErrUnknownRegion)
		}
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return v.bulkEdit(ids, model.ReasonTriggerCorrected, func(caseID string) caseEdit {
		r := regions[caseID]
		return caseEdit{region: &r}
	})
}

// pendingKey marks a recomputation of every case that a change of the
// holiday policy started and that has not finished yet.
var pendingKey = []byte(layout.Recompute)

// LocalHolidays reports whether the vault's holiday policy turns on, for
// cases without their own region, the local holidays of the region their
// prefecture suggests (see model.HolidayPolicy). Off by default.
func (v *Vault) LocalHolidays() (bool, error) {
	if v.isClosed() {
		return false, ErrClosed
	}
	var p model.HolidayPolicy
	err := v.db.View(func(txn *badger.Txn) (err error) {
		p, err = loadPolicy(txn)
		return err
	})
	return p.LocalHolidays, err
}

// SetLocalHolidays changes the vault's holiday policy and recomputes the
// deadlines of every case. The policy is written (and logged) with a
// marker in one change; every case is then recomputed in batches, and the
// marker is removed. Interrupted, the work is finished by ResumeDeadlines.
func (v *Vault) SetLocalHolidays(on bool) error {
	err := v.update(func(c *change) error {
		env, _, err := getRecord[model.HolidayPolicy](c.txn, KindHolidayPolicy, model.HolidayPolicyID)
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		p := model.HolidayPolicy{ID: model.HolidayPolicyID, LocalHolidays: on}
		if err := c.putRecord(KindHolidayPolicy, p.ID, p, env); err != nil {
			return err
		}
		c.set(pendingKey, []byte("1"))
		return nil
	})
	if err != nil {
		return err
	}
	return v.ResumeDeadlines()
}

// ResumeDeadlines finishes a recomputation that a change of the holiday
// policy started, if one was interrupted (the app calls it after unlock).
// It does nothing otherwise.
func (v *Vault) ResumeDeadlines() error {
	if v.isClosed() {
		return ErrClosed
	}
	pending := false
	err := v.db.View(func(txn *badger.Txn) error {
		_, err := txn.Get(pendingKey)
		pending = err == nil
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		return err
	})
	if err != nil || !pending {
		return err
	}
	if err := v.RecomputeDeadlines(); err != nil {
		return err
	}
	return v.db.Update(func(txn *badger.Txn) error { return txn.Delete(pendingKey) })
}
