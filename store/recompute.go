package store

import (
	"errors"
	"time"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/records"
)

// A case's computed deadlines follow its events, procedure and settings in
// the same change that changes them: store/internal/records (deadlines.go)
// decides the writes (Diff), and this file stages them.

// deadlinePut is one deadline record to write (records.DeadlinePut).
type deadlinePut = records.DeadlinePut

// plan is what the case's events call for now.
func (st *caseState) plan() ([]model.Planned, error) {
	return model.DeadlinesFor(model.FactsFor(st.c, st.settings, st.policy), st.events)
}

// diff returns the deadline writes that bring the case in line with its
// plan (records.Diff).
func (st *caseState) diff() ([]deadlinePut, error) {
	return records.Diff(st.c, st.settings, st.policy, st.events, st.deadlines)
}

// sameDeadline reports whether two deadlines would be stored alike
// (records.SameDeadline).
func sameDeadline(a, b model.Deadline) bool { return records.SameDeadline(a, b) }

// stamp is who and when, for a status set in this change.
func (c *change) stamp() (string, time.Time) { return c.v.author, now().UTC().Truncate(time.Second) }

// reconcile stages the deadline writes that bring the case in line with its
// plan (see diff). The state must have been read in c's transaction.
func (c *change) reconcile(st *caseState, reason string) error {
	puts, err := st.diff()
	if err != nil {
		return err
	}
	return c.writeDeadlines(puts, reason)
}

// errStale: a record changed since a bulk operation read it, or disagrees
// with its index entry.
var errStale = errors.New("store: record changed since it was read")

// writeDeadlines stages puts. An existing record is read again in the
// transaction (which makes a concurrent write to it a conflict at commit),
// must still agree with the index entry that was planned from (errStale
// otherwise), and only the fields the plan decides are changed on it.
func (c *change) writeDeadlines(puts []deadlinePut, reason string) error {
	by, at := c.stamp()
	for i := range puts {
		p := &puts[i]
		if p.Seen == nil {
			if err := c.putDeadline(&p.D, nil, nil); err != nil {
				return err
			}
			continue
		}
		raw, ok, err := c.get(layout.RecKey(KindDeadline, p.Seen.ID))
		if err != nil {
			return err
		}
		var old model.Deadline
		if !ok {
			return errStale
		}
		env, err := changelog.DecodeEnvelope(raw, &old)
		if err != nil {
			return err
		}
		if p.Stale(old) {
			return errStale
		}
		d := p.Apply(old, reason, by, at)
		if sameDeadline(d, old) {
			continue
		}
		if err := c.putDeadline(&d, &old, env); err != nil {
			return err
		}
	}
	return nil
}

// putDeadline stages a deadline record (old is nil for a new one) with its
// index entries: the case's list, and idx/due for open deadlines only.
func (c *change) putDeadline(d *model.Deadline, old *model.Deadline, oldEnv *changelog.Envelope) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if err := c.putRecord(KindDeadline, d.ID, *d, oldEnv); err != nil {
		return err
	}
	c.set(layout.CaseChildKey(d.CaseID, KindDeadline, d.ID), layout.EncodeDeadlineIdx(*d))
	if old != nil && old.Status == model.DeadlineOpen {
		c.del(layout.DueKey(old.Due, d.ID))
	}
	if d.Status == model.DeadlineOpen {
		c.set(layout.DueKey(d.Due, d.ID), layout.EncodeDue(*d))
	}
	return nil
}

// putEvent stages an event record (oldEnv nil for a new one) with its case
// index entry.
func (c *change) putEvent(e model.Event, oldEnv *changelog.Envelope) error {
	if err := c.putRecord(KindEvent, e.ID, e, oldEnv); err != nil {
		return err
	}
	c.set(layout.CaseChildKey(e.CaseID, KindEvent, e.ID), layout.EncodeEventIdx(e))
	return nil
}

// RecomputeCase recomputes one case's deadlines, as one change: after its
// procedure, prefecture or lawyer changed (planning reads them). Nothing is
// written when its deadlines are already right.
func (v *Vault) RecomputeCase(caseID string) error {
	return v.update(func(c *change) error {
		_, cs, err := getRecord[model.Case](c.txn, KindCase, caseID)
		if err != nil {
			return err
		}
		return c.recomputeCase(*cs)
	})
}

// recomputeCase stages the deadline writes that case cs calls for, reading
// the rest of its state in c's transaction. A change that saves a case
// (updateCase) calls it with the case it stages, which the transaction does
// not show yet, so that its deadlines follow in the same change.
func (c *change) recomputeCase(cs model.Case) error {
	st, err := c.loadState(cs.ID)
	if err != nil {
		return err
	}
	st.c = cs
	return c.reconcile(st, model.ReasonTriggerCorrected)
}
