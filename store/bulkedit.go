package store

import (
	"errors"
	"fmt"
	"slices"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/model/deadline"
	"casefile/store/internal/layout"
	"casefile/store/internal/records"
)

// caseEdit is what a bulk operation changes in a case before its deadlines
// are recomputed.
type caseEdit struct {
	region *deadline.Region // set the holiday region
	events []*model.Event   // add these events (ids filled in)
}

// bulkJob is one case's part of an edit, planned from what was read.
type bulkJob struct {
	st          *caseState
	edit        caseEdit
	setSettings bool
	puts        []deadlinePut
}

// prepare makes the edit on the state in memory and plans the deadlines.
func (j *bulkJob) prepare() error {
	st, e := j.st, j.edit
	if e.region != nil && (st.settings == nil || st.settings.Region != *e.region) {
		st.settings = &model.DeadlineSettings{ID: st.c.ID, Region: *e.region}
		j.setSettings = true
	}
	for _, ev := range e.events {
		st.events = append(st.events, *ev)
	}
	var err error
	j.puts, err = st.diff()
	return err
}

func (j *bulkJob) empty() bool { return !j.setSettings && len(j.edit.events) == 0 && len(j.puts) == 0 }

// write stages the job: settings, new events, deadlines.
func (c *change) writeJob(j *bulkJob, reason string) error {
	st := j.st
	if j.setSettings {
		raw, ok, err := c.get(layout.RecKey(KindDeadlineSettings, st.c.ID))
		if err != nil {
			return err
		}
		if ok != st.setRead.OK || ok && records.MarkOf(raw) != st.setRead {
			return errStale
		}
		var oldEnv *changelog.Envelope
		if ok {
			if oldEnv, err = changelog.DecodeEnvelope(raw, nil); err != nil {
				return err
			}
		}
		if err := c.putRecord(KindDeadlineSettings, st.c.ID, *st.settings, oldEnv); err != nil {
			return err
		}
	}
	for _, e := range j.edit.events {
		if err := st.checkConcerns(*e); err != nil {
			return err
		}
		if err := c.putEvent(*e, nil); err != nil {
			return err
		}
	}
	return c.writeDeadlines(j.puts, reason)
}

// editCase makes an edit on one case in c's transaction.
func (c *change) editCase(caseID string, edit caseEdit, reason string) error {
	st, err := c.loadState(caseID)
	if err != nil {
		return err
	}
	j := &bulkJob{st: st, edit: edit}
	if err := j.prepare(); err != nil {
		return err
	}
	return c.writeJob(j, reason)
}

// bulkEdit edits many cases and recomputes their deadlines, in three steps:
// read the cases from one snapshot; plan each case in memory, in parallel;
// write the cases that change in batched transactions, one change per
// case, whole or absent after a crash. Running it again finishes
// interrupted work, since plans are a function of the records, and cases
// already right write nothing. Every record about to be rewritten is read
// again in the transaction: if it changed since the snapshot, that case is
// read again and planned there, so a concurrent change is never
// overwritten.
func (v *Vault) bulkEdit(ids []string, reason string, edit func(caseID string) caseEdit) error {
	if v.isClosed() {
		return ErrClosed
	}
	var states []*caseState
	err := v.db.View(func(txn *badger.Txn) (err error) {
		states, err = records.LoadMany(txn, ids, newState)
		return err
	})
	if err != nil {
		return err
	}
	jobs := make([]*bulkJob, len(states))
	if err := records.PlanEach(len(states), func(i int) error {
		j := &bulkJob{st: states[i]}
		if edit != nil {
			j.edit = edit(j.st.c.ID)
		}
		if err := j.prepare(); err != nil {
			return fmt.Errorf("store: case %s: %w", j.st.c.Ref, err)
		}
		jobs[i] = j
		return nil
	}); err != nil {
		return err
	}
	jobs = slices.DeleteFunc(jobs, (*bulkJob).empty)
	return v.batch(len(jobs), func(i int, c *change) error {
		err := c.writeJob(jobs[i], reason)
		if !errors.Is(err, errStale) {
			return err
		}
		c.sets, c.ops = c.sets[:0], nil
		return c.editCase(jobs[i].st.c.ID, jobs[i].edit, reason)
	})
}

// allCaseIDs lists every case id, in key order.
func (v *Vault) allCaseIDs() ([]string, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var ids []string
	err := v.db.View(func(txn *badger.Txn) (err error) {
		ids, err = records.CaseIDs(txn)
		return err
	})
	return ids, err
}

// RecomputeDeadlines recomputes the deadlines of every case, for instance
// after an update of Casefile changed a rule. It is idempotent and
// resumable; cases already right write nothing.
func (v *Vault) RecomputeDeadlines() error {
	ids, err := v.allCaseIDs()
	if err != nil {
		return err
	}
	return v.bulkEdit(ids, model.ReasonTriggerCorrected, nil)
}
