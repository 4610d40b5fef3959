package model

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"casefile/model/deadline"
)

// DeadlineKind says where a deadline comes from.
type DeadlineKind string

// Kinds of deadline records.
const (
	// DeadlineComputed: computed by a rule from an event (RuleID, Source).
	DeadlineComputed DeadlineKind = "computed"
	// DeadlineHearing: a hearing event (Source), shown among the deadlines.
	DeadlineHearing DeadlineKind = "hearing"
	// DeadlineManual: entered by a lawyer (Label).
	DeadlineManual DeadlineKind = "manual"
)

// DeadlineStatus is where a deadline stands. A deadline is never deleted:
// it is marked done or cancelled, with who, when and why.
type DeadlineStatus string

// Deadline statuses.
const (
	DeadlineOpen      DeadlineStatus = "open"
	DeadlineDone      DeadlineStatus = "done"
	DeadlineCancelled DeadlineStatus = "cancelled"
)

// DeadlineStatuses lists every status in display order.
var DeadlineStatuses = []DeadlineStatus{DeadlineOpen, DeadlineDone, DeadlineCancelled}

// Reasons the vault itself gives when it cancels a computed deadline. The
// faces translate them ("deadline.reason.<text with _ for spaces>"); any
// other reason is a lawyer's own words.
const (
	// ReasonTriggerCorrected: an event was corrected and no longer starts
	// this deadline.
	ReasonTriggerCorrected = "trigger corrected"
	// ReasonSuperseded: a later event replaced the one that started it (a
	// renewed récépissé, a change of situation during a removal order's
	// delay).
	ReasonSuperseded = "superseded"
)

// Deadline is a dated thing to do or to watch on a case: computed from an
// event by a rule, a hearing, or entered by hand. Computed ones are
// recomputed when their event is corrected; their identity is Key.
type Deadline struct {
	ID     string       `json:"id"`
	CaseID string       `json:"case_id"`
	Kind   DeadlineKind `json:"kind"`
	// RuleID is the deadline.Rule of a computed deadline.
	RuleID string `json:"rule_id"`
	// Source is the id of the event the deadline comes from.
	Source string `json:"source"`
	// Trigger is the day the rule counted from.
	Trigger Date `json:"trigger"`
	// Due is the last day to act (or the day something happens). For hour
	// rules and hearings with a time, DueAt is the instant, in the case's
	// zone, and Due its day.
	Due   Date      `json:"due"`
	DueAt time.Time `json:"due_at"`
	// Label names a manual deadline, or a hearing's court.
	Label string `json:"label"`
	// Owner is who must see to it: by default the case's lawyer.
	Owner  string         `json:"owner"`
	Status DeadlineStatus `json:"status"`
	// Reason, By and At say why, by whom and when the status last changed.
	Reason string    `json:"reason"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	// Reminder is the day the deadline is first brought up.
	Reminder Date `json:"reminder"`
}

// MaxDeadlineLabel caps a manual deadline's label.
const MaxDeadlineLabel = 500

// Key identifies a computed deadline or a hearing within its case: the
// source event and the rule. Recomputing matches records to Planned by Key,
// so that a corrected date updates a deadline instead of adding one. Manual
// deadlines have no Key.
func (d Deadline) Key() string { return plannedKey(d.Source, d.Kind, d.RuleID) }

func plannedKey(source string, kind DeadlineKind, rule string) string {
	switch kind {
	case DeadlineComputed:
		return source + "/" + rule
	case DeadlineHearing:
		return source + "/hearing"
	}
	return ""
}

// IsOverdue reports whether an open deadline's day has passed.
func (d Deadline) IsOverdue(today Date) bool {
	return d.Status == DeadlineOpen && d.Due.Before(today)
}

// Validate checks a deadline record and returns a *ValidationError listing
// every problem. Field names are prefixed "deadline.".
func (d Deadline) Validate() error {
	var pr problems
	f := func(name string) string { return "deadline." + name }
	if d.CaseID == "" {
		pr.add(f("case_id"), ProblemRequired)
	}
	switch d.Kind {
	case DeadlineComputed:
		if _, ok := deadline.Lookup(d.RuleID); !ok {
			pr.add(f("rule_id"), ProblemUnknown)
		}
		if d.Source == "" {
			pr.add(f("source"), ProblemRequired)
		}
	case DeadlineHearing:
		if d.Source == "" {
			pr.add(f("source"), ProblemRequired)
		}
	case DeadlineManual:
		if strings.TrimSpace(d.Label) == "" {
			pr.add(f("label"), ProblemRequired)
		}
	default:
		pr.add(f("kind"), ProblemUnknown)
	}
	if d.Due.IsZero() {
		pr.add(f("due"), ProblemRequired)
	} else if !deadline.Date(d.Due).Valid() {
		pr.add(f("due"), ProblemInvalidDate)
	}
	if !slices.Contains(DeadlineStatuses, d.Status) {
		pr.add(f("status"), ProblemUnknown)
	}
	if d.Status == DeadlineCancelled && strings.TrimSpace(d.Reason) == "" {
		pr.add(f("reason"), ProblemRequired)
	}
	for name, v := range map[string]string{"label": d.Label, "owner": d.Owner, "reason": d.Reason} {
		if utf8.RuneCountInString(v) > MaxDeadlineLabel {
			pr.add(f(name), ProblemTooLong)
		} else if hasControl(v) {
			pr.add(f(name), ProblemControlChar)
		}
	}
	slices.SortFunc(pr, func(a, b FieldProblem) int { return strings.Compare(a.Field, b.Field) })
	return pr.err()
}

// DeadlineSettings is a case's own deadline setting: the holiday region
// whose local public holidays move its deadlines, whatever the vault's
// HolidayPolicy says. ID is the case's id.
type DeadlineSettings struct {
	ID     string          `json:"id"`
	Region deadline.Region `json:"region"`
}

// HolidayPolicyID is the id of the vault's one HolidayPolicy record.
const HolidayPolicyID = "vault"

// HolidayPolicy is the vault's holiday setting for cases without their own
// DeadlineSettings. Off (the default), only national holidays move
// deadlines: local holidays only ever move dates later, so they are opt-in.
// On, each case uses the region SuggestRegion finds in its prefecture
// (Alsace-Moselle's two days, an overseas abolition day).
type HolidayPolicy struct {
	ID            string `json:"id"`
	LocalHolidays bool   `json:"local_holidays"`
}
