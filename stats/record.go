// Package stats computes the clinic's advocacy figures on ANEF failures
// (issue 7): malfunctions by category, by prefecture and by month, delays
// from filing to attestation and to decision, outcomes by procedure. Every
// figure counts people (distinct persons), and every table is protected by
// small-cell suppression with complementary suppression (suppress.go), so
// that no person can be singled out. docs/stats.md gives the method and
// its limits.
//
// The package is pure: it reads cases through store.EachCaseForStats and
// keeps of each only what the figures need (Record). Names, numbers (case
// reference, ANEF, AGDREF), birth dates, free texts (the malfunction's
// description, the outcome in the lawyer's words) are never read into a
// Record, so they cannot reach an output.
package stats

import (
	"strings"

	"casefile/model"
	"casefile/store"
)

// Outcome is where a case ended, as far as structured fields say: the
// outcome a lawyer writes is free text, which the figures never read.
type Outcome string

// Outcomes, derived by outcomeOf.
const (
	OutcomeGranted  Outcome = "granted"   // title granted (ANEF state, or a permit issued after filing)
	OutcomeRefused  Outcome = "refused"   // explicit or implicit refusal, removal order
	OutcomeNoAction Outcome = "no_action" // classement sans suite
	OutcomePending  Outcome = "pending"   // case still open, no decision recorded
	OutcomeOther    Outcome = "other"     // closed, without a structured outcome
)

// Outcomes lists every outcome in display order.
var Outcomes = []Outcome{OutcomeGranted, OutcomeRefused, OutcomeNoAction, OutcomePending, OutcomeOther}

// Malfunction is a malfunction as the figures see it: its category and
// day, not its text.
type Malfunction struct {
	Category model.MalfunctionCategory
	Date     model.Date
}

// Record is one case, pseudonymised: an opaque key for its main person
// (to count people, never output), and the structured fields the figures
// group by.
type Record struct {
	person     string
	Procedure  model.Procedure
	Prefecture string
	Opened     model.Date
	// Filed is the first complete filing (event application_complete);
	// Attested the first récépissé or API issued on or after it; Decided
	// the first decision taken or notified, or permit issued, on or after
	// it. Zero when not recorded.
	Filed, Attested, Decided model.Date
	Outcome                  Outcome
	Malfunctions             []Malfunction
}

// FromCase keeps of a case and its events what the figures need. The
// person's key is the case's main person id, which no output shows.
func FromCase(c *model.Case, events []model.Event) Record {
	r := Record{person: c.PersonID, Procedure: c.Procedure, Prefecture: normalisePrefecture(c.Prefecture), Opened: c.Opened}
	for _, m := range c.Malfunctions {
		r.Malfunctions = append(r.Malfunctions, Malfunction{Category: m.Category, Date: m.Date})
	}
	for _, e := range events {
		if e.Kind == model.EventApplicationComplete && (r.Filed.IsZero() || e.Date.Before(r.Filed)) {
			r.Filed = e.Date
		}
	}
	refused, granted := false, false
	// Only what follows a filing answers it: a removal order that opens a
	// case is where the case starts, not how it ended.
	for _, e := range events {
		if r.Filed.IsZero() || e.Date.Before(r.Filed) {
			continue
		}
		switch e.Kind {
		case model.EventRecepisseIssued, model.EventAPIIssued:
			r.Attested = earliest(r.Attested, e.Date)
		case model.EventPermitIssued:
			granted = true
			r.Decided = earliest(r.Decided, e.Date)
		case model.EventDecisionTaken, model.EventDecisionNotified:
			refused = refused || e.Decision != model.DecisionOther
			r.Decided = earliest(r.Decided, e.Date)
		}
	}
	r.Outcome = outcomeOf(c, refused, granted)
	return r
}

func earliest(a, b model.Date) model.Date {
	if a.IsZero() || b.Before(a) {
		return b
	}
	return a
}

// outcomeOf: the ANEF state first (the lawyer keeps it up to date), then
// the events, then the case's status.
func outcomeOf(c *model.Case, refused, granted bool) Outcome {
	switch c.ANEFState {
	case model.ANEFDecisionGranted:
		return OutcomeGranted
	case model.ANEFDecisionRefused, model.ANEFImplicitRefusal:
		return OutcomeRefused
	case model.ANEFClosed:
		return OutcomeNoAction
	}
	switch {
	case refused:
		return OutcomeRefused
	case granted:
		return OutcomeGranted
	case c.Status == model.StatusOpen:
		return OutcomePending
	}
	return OutcomeOther
}

// normalisePrefecture folds the spacing of a prefecture typed by hand, so
// that "Bobigny " and "Bobigny" are one row.
func normalisePrefecture(s string) string { return strings.Join(strings.Fields(s), " ") }

// Load reads every case of the vault as a Record, in one read-only scan.
func Load(v *store.Vault) ([]Record, error) {
	var out []Record
	err := v.EachCaseForStats(func(c *model.Case, events []model.Event) error {
		out = append(out, FromCase(c, events))
		return nil
	})
	return out, err
}
