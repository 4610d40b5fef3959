package records

import "casefile/model"

// What a new record is before the store writes it: the defaults and
// checks of a new case, the ids of new events and their grouping by case,
// and what a correction may change of an existing record.

// PrepareNewCase gives a case to create its defaults (status open, opened
// today) and validates it: the store then hands out its ids and reference
// and writes it with its relatives.
func PrepareNewCase(f *model.CaseFile, today model.Date) error {
	if f.Status == "" {
		f.Status = model.StatusOpen
	}
	if f.Opened.IsZero() {
		f.Opened = today
	}
	return f.Validate(today)
}

// NewEvents validates events to record on case caseID (their CaseID and ID
// filled in) and returns them as the pointers a case edit takes.
func NewEvents(caseID string, events []model.Event) ([]*model.Event, error) {
	evs := make([]*model.Event, len(events))
	for i := range events {
		e := &events[i]
		e.CaseID, e.ID = caseID, ""
		if err := e.Validate(); err != nil {
			return nil, err
		}
		e.ID = NewID()
		evs[i] = e
	}
	return evs, nil
}

// EventsByCase validates events to record on their cases, fills in their
// ids and groups them by case, the cases in the order they first appear.
func EventsByCase(events []model.Event) (ids []string, byCase map[string][]*model.Event, err error) {
	byCase = map[string][]*model.Event{}
	for i := range events {
		e := &events[i]
		e.ID = ""
		if err := e.Validate(); err != nil {
			return nil, nil, err
		}
		e.ID = NewID()
		if _, ok := byCase[e.CaseID]; !ok {
			ids = append(ids, e.CaseID)
		}
		byCase[e.CaseID] = append(byCase[e.CaseID], e)
	}
	return ids, byCase, nil
}

// CorrectedEvent checks a correction ev of the event old: its case cannot
// change (an empty one is old's) and it must be valid.
func CorrectedEvent(ev *model.Event, old *model.Event) error {
	if ev.CaseID == "" {
		ev.CaseID = old.CaseID
	}
	if ev.CaseID != old.CaseID {
		return &model.ValidationError{Problems: []model.FieldProblem{{Field: "event.case_id", Code: model.ProblemUnknown}}}
	}
	return ev.Validate()
}

// CorrectedEvidence is the entry old with the fields a correction e may
// change (time, channel, text, category, kind, urgency, answer date,
// date only) taken from e; the case, the proofs, who added it and when,
// and the withdrawn flag stay old's.
func CorrectedEvidence(old, e *model.Evidence) model.Evidence {
	ev := *old
	ev.At, ev.Channel, ev.What, ev.Category = e.At, e.Channel, e.What, e.Category
	ev.Kind, ev.Urgency, ev.RespondBy, ev.DateOnly = e.Kind, e.Urgency, e.RespondBy, e.DateOnly
	return ev
}
