package records

import (
	"bytes"
	"slices"
	"time"

	"github.com/google/uuid"

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
// (caseindex.go), never its event or deadline records. Diff decides the
// writes; the store stages them (store/recompute.go).

// NewID is the id of a new record: a UUIDv7, so that ids sort in the order
// records were created.
func NewID() string { return uuid.Must(uuid.NewV7()).String() }

// DeadlinePut is one deadline record to write: a new record, or changes to
// an existing one whose index entry read Seen.
type DeadlinePut struct {
	D      model.Deadline  // a new record (Seen nil)
	Seen   *model.Deadline // the existing deadline, as its index entry read
	Plan   *model.Planned  // computed fields to set
	Reopen bool            // called for again after the vault cancelled it
	Cancel bool            // no longer called for
}

// Diff returns the deadline writes that bring a case (c, with its settings
// and the vault's policy) in line with the plan its events call for: new
// ones (owned by the case's lawyer), computed fields updated, ones the
// vault cancelled called for again reopened, and open ones the plan no
// longer calls for cancelled. events and deadlines are the case's, as
// its index entries read.
func Diff(c model.Case, settings *model.DeadlineSettings, policy model.HolidayPolicy, events []model.Event, deadlines []model.Deadline) ([]DeadlinePut, error) {
	plan, err := model.DeadlinesFor(model.FactsFor(c, settings, policy), events)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]int, len(deadlines))
	for i, d := range deadlines {
		if k := d.Key(); k != "" {
			if _, dup := byKey[k]; !dup {
				byKey[k] = i
			}
		}
	}
	var puts []DeadlinePut
	matched := make([]bool, len(deadlines))
	for pi := range plan {
		p := &plan[pi]
		i, ok := byKey[p.Key()]
		if !ok {
			d := p.Record(c.ID, c.Lawyer)
			d.ID = NewID()
			puts = append(puts, DeadlinePut{D: d})
			continue
		}
		matched[i] = true
		seen := &deadlines[i]
		d := *seen
		p.ApplyTo(&d)
		reopen := d.Status == model.DeadlineCancelled && IsVaultReason(d.Reason)
		if reopen || !SameDeadline(d, *seen) {
			puts = append(puts, DeadlinePut{Seen: seen, Plan: p, Reopen: reopen})
		}
	}
	for i := range deadlines {
		d := &deadlines[i]
		if !matched[i] && d.Kind != model.DeadlineManual && d.Status == model.DeadlineOpen {
			puts = append(puts, DeadlinePut{Seen: d, Cancel: true})
		}
	}
	return puts, nil
}

// Stale reports whether the deadline record old, as read again in the
// transaction that writes p, disagrees with the index entry p was planned
// from.
func (p *DeadlinePut) Stale(old model.Deadline) bool {
	return !bytes.Equal(layout.EncodeDeadlineIdx(old), layout.EncodeDeadlineIdx(*p.Seen))
}

// Apply returns the existing record old with only the fields p decides
// changed: the computed ones, and the status when p reopens or cancels it
// (set by, at, with reason for a cancellation).
func (p *DeadlinePut) Apply(old model.Deadline, reason, by string, at time.Time) model.Deadline {
	d := old
	if p.Plan != nil {
		p.Plan.ApplyTo(&d)
	}
	switch {
	case p.Reopen:
		d.Status, d.Reason, d.By, d.At = model.DeadlineOpen, "", by, at
	case p.Cancel:
		d.Status, d.Reason, d.By, d.At = model.DeadlineCancelled, reason, by, at
	}
	return d
}

// IsVaultReason reports whether a cancellation's reason is one the vault
// gave (a corrected trigger, a superseded event), not a lawyer.
func IsVaultReason(r string) bool {
	return r == model.ReasonTriggerCorrected || r == model.ReasonSuperseded
}

// SameDeadline reports whether two deadlines would be stored alike.
func SameDeadline(a, b model.Deadline) bool {
	return SameInstant(a.DueAt, b.DueAt) && SameInstant(a.At, b.At) &&
		a.ID == b.ID && a.CaseID == b.CaseID && a.Kind == b.Kind && a.RuleID == b.RuleID &&
		a.Source == b.Source && a.Trigger == b.Trigger && a.Due == b.Due && a.Label == b.Label &&
		a.Owner == b.Owner && a.Status == b.Status && a.Reason == b.Reason && a.By == b.By &&
		a.Reminder == b.Reminder
}

// SameInstant: the same instant written with the same offset.
func SameInstant(a, b time.Time) bool {
	_, oa := a.Zone()
	_, ob := b.Zone()
	return a.Equal(b) && (a.IsZero() || oa == ob)
}

// CheckConcerns refuses a legal-aid event e that names an event not among
// its case's events, or itself.
func CheckConcerns(events []model.Event, e model.Event) error {
	if e.Concerns == "" {
		return nil
	}
	if e.Concerns == e.ID || !slices.ContainsFunc(events, func(x model.Event) bool { return x.ID == e.Concerns }) {
		return &model.ValidationError{Problems: []model.FieldProblem{{Field: "event.concerns", Code: model.ProblemUnknown}}}
	}
	return nil
}
