package store

import (
	"bytes"
	"errors"
	"time"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
)

// A case's computed deadlines are a function of its events, its procedure
// and its deadline settings (model.DeadlinesFor). Whatever changes one of
// those recomputes the case's plan in the same change and reconciles the
// deadline records with it, matching them by Key: a deadline whose date
// moves is updated (its history in the log), one the events no longer call
// for is cancelled with a reason, never deleted; owners, and statuses set by
// a lawyer, are kept. Planning reads the case's index entries
// (caseindex.go), never its event or deadline records.
// plan is what the case's events call for now.
func (st *caseState) plan() ([]model.Planned, error) {
	return model.DeadlinesFor(model.FactsFor(st.c, st.settings, st.policy), st.events)
}

// deadlinePut is one deadline record to write: a new record, or changes to
// an existing one whose index entry read seen.
type deadlinePut struct {
	d      model.Deadline  // a new record (seen nil)
	seen   *model.Deadline // the existing deadline, as its index entry read
	plan   *model.Planned  // computed fields to set
	reopen bool            // called for again after the vault cancelled it
	cancel bool            // no longer called for
}

// diff returns the deadline writes that bring the case in line with its
// plan: new ones (owned by the case's lawyer), computed fields updated,
// ones the vault cancelled called for again reopened, and open ones the plan
// no longer calls for cancelled.
func (st *caseState) diff() ([]deadlinePut, error) {
	plan, err := st.plan()
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]int, len(st.deadlines))
	for i, d := range st.deadlines {
		if k := d.Key(); k != "" {
			if _, dup := byKey[k]; !dup {
				byKey[k] = i
			}
		}
	}
	var puts []deadlinePut
	matched := make([]bool, len(st.deadlines))
	for pi := range plan {
		p := &plan[pi]
		i, ok := byKey[p.Key()]
		if !ok {
			d := p.Record(st.c.ID, st.c.Lawyer)
			d.ID = newID()
			puts = append(puts, deadlinePut{d: d})
			continue
		}
		matched[i] = true
		seen := &st.deadlines[i]
		d := *seen
		p.ApplyTo(&d)
		reopen := d.Status == model.DeadlineCancelled && isVaultReason(d.Reason)
		if reopen || !sameDeadline(d, *seen) {
			puts = append(puts, deadlinePut{seen: seen, plan: p, reopen: reopen})
		}
	}
	for i := range st.deadlines {
		d := &st.deadlines[i]
		if !matched[i] && d.Kind != model.DeadlineManual && d.Status == model.DeadlineOpen {
			puts = append(puts, deadlinePut{seen: d, cancel: true})
		}
	}
	return puts, nil
}

func isVaultReason(r string) bool {
	return r == model.ReasonTriggerCorrected || r == model.ReasonSuperseded
}

// sameDeadline reports whether two deadlines would be stored alike.
func sameDeadline(a, b model.Deadline) bool {
	return sameInstant(a.DueAt, b.DueAt) && sameInstant(a.At, b.At) &&
		a.ID == b.ID && a.CaseID == b.CaseID && a.Kind == b.Kind && a.RuleID == b.RuleID &&
		a.Source == b.Source && a.Trigger == b.Trigger && a.Due == b.Due && a.Label == b.Label &&
		a.Owner == b.Owner && a.Status == b.Status && a.Reason == b.Reason && a.By == b.By &&
		a.Reminder == b.Reminder
}

// sameInstant: the same instant written with the same offset.
func sameInstant(a, b time.Time) bool {
	_, oa := a.Zone()
	_, ob := b.Zone()
	return a.Equal(b) && (a.IsZero() || oa == ob)
}

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
		if p.seen == nil {
			if err := c.putDeadline(&p.d, nil, nil); err != nil {
				return err
			}
			continue
		}
		raw, ok, err := c.get(layout.RecKey(KindDeadline, p.seen.ID))
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
		if !bytes.Equal(layout.EncodeDeadlineIdx(old), layout.EncodeDeadlineIdx(*p.seen)) {
			return errStale
		}
		d := old
		if p.plan != nil {
			p.plan.ApplyTo(&d)
		}
		switch {
		case p.reopen:
			d.Status, d.Reason, d.By, d.At = model.DeadlineOpen, "", by, at
		case p.cancel:
			d.Status, d.Reason, d.By, d.At = model.DeadlineCancelled, reason, by, at
		}
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
