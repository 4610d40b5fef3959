package store

import (
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/read"
	"casefile/store/internal/records"
)

// The settings record of a case (changelog.KindDeadlineSettings) has the
// case's id.
const (
	// KindHolidayPolicy: the vault's one holiday policy record
	// (rec/holiday-policy/vault).
	KindHolidayPolicy = changelog.KindHolidayPolicy
)

// ErrEventNotFound: no event with that id. It wraps ErrNotFound.
var ErrEventNotFound = fmt.Errorf("event %w", ErrNotFound)

// AddEvent records a procedural event on its case (e.CaseID) and, in the
// same change, the deadlines it calls for (model.DeadlinesFor over all the
// case's events): new ones are created, owned by the case's lawyer; those a
// later event replaces are cancelled with reason model.ReasonSuperseded. It
// fills in e.ID. The event is validated first (*model.ValidationError).
func (v *Vault) AddEvent(e *model.Event) error {
	ev := *e
	ev.ID = ""
	if err := ev.Validate(); err != nil {
		return err
	}
	err := v.update(func(c *change) error {
		ev.ID = newID()
		return c.editCase(ev.CaseID, caseEdit{events: []*model.Event{&ev}}, model.ReasonSuperseded)
	})
	if err == nil {
		*e = ev
	}
	return err
}

// AddEvents records many events in batched transactions (the demo clinic,
// imports): each case's events and deadlines are one change, whole or
// absent after a crash. It fills in the events' ids.
func (v *Vault) AddEvents(events []model.Event) error {
	ids, byCase, err := records.EventsByCase(events)
	if err != nil {
		return err
	}
	return v.bulkEdit(ids, model.ReasonSuperseded, func(caseID string) caseEdit {
		return caseEdit{events: byCase[caseID]}
	})
}

// checkConcerns refuses a legal-aid event that names an event of another
// case, or none (records.CheckConcerns).
func (st *caseState) checkConcerns(e model.Event) error { return records.CheckConcerns(st.events, e) }

// UpdateEvent corrects an event (found by e.ID; its case cannot change) and,
// in the same change, recomputes the case's deadlines: a deadline whose
// date moves is updated, not duplicated, and the change log keeps the old
// date; a deadline the events no longer call for is cancelled with reason
// model.ReasonTriggerCorrected. Unknown ids give ErrEventNotFound.
func (v *Vault) UpdateEvent(e *model.Event) error {
	ev := *e
	err := v.update(func(c *change) error {
		oldEnv, old, err := getRecord[model.Event](c.txn, KindEvent, ev.ID)
		if err == ErrNotFound {
			return ErrEventNotFound
		} else if err != nil {
			return err
		}
		if err := records.CorrectedEvent(&ev, old); err != nil {
			return err
		}
		st, err := c.loadState(ev.CaseID)
		if err != nil {
			return err
		}
		i, ok := st.event(ev.ID)
		if !ok {
			return ErrEventNotFound // its index entry is missing: check reports it
		}
		if err := st.checkConcerns(ev); err != nil {
			return err
		}
		if err := c.putEvent(ev, oldEnv); err != nil {
			return err
		}
		st.events[i] = ev
		return c.reconcile(st, model.ReasonTriggerCorrected)
	})
	if err == nil {
		*e = ev
	}
	return err
}

// Event returns one event by id.
func (v *Vault) Event(id string) (*model.Event, error) {
	return recordByID[model.Event](v, KindEvent, id, ErrEventNotFound)
}

// recordByID reads the record kind/id in a read-only transaction of its
// own; notFound is the error when there is none.
func recordByID[T any](v *Vault, kind, id string, notFound error) (*T, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var rec *T
	err := v.db.View(func(txn *badger.Txn) (err error) {
		_, rec, err = getRecord[T](txn, kind, id)
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return nil, notFound
	}
	return rec, err
}

// Events returns a case's events in the order they happened (day, time,
// then the order they were recorded).
func (v *Vault) Events(caseID string) ([]model.Event, error) {
	evs, err := caseRecords[model.Event](v, caseID, KindEvent)
	model.SortEvents(evs)
	return evs, err
}

// caseRecords reads the records of one kind listed under a case's index,
// in one read-only transaction (records.CaseChildren). An unknown case
// gives ErrNotFound.
func caseRecords[T any](v *Vault, caseID, kind string) (out []T, err error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	err = v.db.View(func(txn *badger.Txn) error {
		out, err = records.CaseChildren[T](txn, caseID, kind)
		return err
	})
	return out, err
}

// state reads one case's state in a read-only transaction.
func (v *Vault) state(caseID string) (*caseState, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var st *caseState
	err := v.db.View(func(txn *badger.Txn) error {
		sts, err := loadStates(txn, []string{caseID})
		if err == nil {
			st = sts[0]
		}
		return err
	})
	return st, err
}

// history returns the change-log entries that touch the record kind/id,
// oldest first, each with only that record's operations.
func (v *Vault) history(kind, id string) ([]Change, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var out []Change
	err := v.db.View(func(txn *badger.Txn) (err error) {
		out, err = read.History(txn, map[string]bool{kind + "/" + id: true})
		return err
	})
	return out, err
}

// EventHistory returns the changes made to an event, oldest first: who
// (Author), when (HLC) and which fields.
func (v *Vault) EventHistory(id string) ([]Change, error) { return v.history(KindEvent, id) }
