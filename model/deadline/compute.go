package deadline

import (
	"fmt"
	"time"
)

// Input is everything one deadline depends on. Compute reads nothing else.
type Input struct {
	Rule Rule
	// Trigger is the day of the triggering event (Rule.Trigger), in the
	// case's place.
	Trigger Date
	// At is the wall-clock time of the event, used by hour rules only. A
	// time that occurs twice or never (clock changes) takes its earliest
	// meaning. If the hour is unknown, 00:00 gives the earliest deadline.
	At Clock
	// Region selects local holidays and, unless Zone is set, the zone.
	Region Region
	// Zone overrides the region's time zone for hour rules; nil uses
	// Region.Location().
	Zone *time.Location
	// DecisionDate is the day the decision was taken, if known; it is
	// checked against Rule.Regime.
	DecisionDate *Date
	// LegalAidRequested is the day legal aid was requested (sent to the
	// legal-aid office), if it was.
	LegalAidRequested *Date
	// LegalAidDecided is the day the legal-aid decision was notified to the
	// applicant, if it was.
	LegalAidDecided *Date
}

// Result is a computed deadline with the steps that produced it.
type Result struct {
	Rule   Rule
	Region Region
	// Trigger is the event's day; TriggerAt its instant, for hour rules.
	Trigger   Date
	TriggerAt time.Time
	// Due is the last day (inclusive) on which the act may be done, or the
	// day the event happens (implicit decision, expiry, window bound). For
	// hour rules it is the day of DueAt in the zone.
	Due Date
	// DueAt is, for hour rules only, the instant the deadline ends, in the
	// case's zone.
	DueAt   time.Time
	IsHours bool
	// Readings are the candidate ends that were compared; Due is never later
	// than any of them.
	Readings []Reading
	// AltDue and AltDueAt are the end under the rule's alternative reading
	// (Rule.Alt), if it has one; AltKept says that reading was the earlier
	// and gave Due.
	AltDue   Date
	AltDueAt time.Time
	AltKept  bool
	// LegalAidPending is set when legal aid was requested in time and its
	// decision is not yet notified: Due is the date without legal aid (the
	// earlier one) and will move once the decision is entered.
	LegalAidPending bool
	// Steps record how Due was reached; Explain renders them.
	Steps []Step
}

// Reading is one way of counting the same deadline.
type Reading struct {
	// Name is "A" (art. 641 CPC), "B" (from the day after the trigger),
	// "days", "resumed" (after a legal-aid suspension), "elapsed" or
	// "wall-clock" (hour rules), or "alternative" (Rule.Alt).
	Name string
	// Last is the reading's last day before any move past non-working days.
	Last Date
	// Final is Last moved to a working day when the rule extends, else Last.
	Final Date
	// At is the reading's instant, for hour rules.
	At time.Time
}

// DueString formats the deadline as the CLI prints it: YYYY-MM-DD, or
// YYYY-MM-DDTHH:MM in the case's zone for hour rules.
func (r Result) DueString() string {
	if r.IsHours {
		return r.DueAt.Format("2006-01-02T15:04")
	}
	return r.Due.String()
}

// Compute returns the deadline of in.Rule for the event in.Trigger. It is
// pure: the same Input always gives the same Result. Errors wrap
// ErrInvalidRule, ErrInvalidInput or ErrOutsideRegime.
func Compute(in Input) (Result, error) {
	if err := in.Rule.Validate(); err != nil {
		return Result{}, err
	}
	if err := in.validate(); err != nil {
		return Result{}, err
	}
	res := Result{
		Rule:    in.Rule,
		Region:  in.Region,
		Trigger: in.Trigger,
		IsHours: in.Rule.Duration.Unit == Hours,
		Steps:   make([]Step, 0, 16),
	}
	res.step(Step{Kind: StepRule})
	if err := res.checkRegime(in); err != nil {
		return Result{}, err
	}
	if res.IsHours {
		res.countHours(in)
	} else {
		res.step(Step{Kind: StepTrigger, Date: in.Trigger})
		res.Due, res.Readings = res.count(in.Trigger)
	}
	res.alternative(in)
	res.applyLegalAid(in)
	if res.IsHours {
		res.step(Step{Kind: StepDue, Date: res.Due, At: res.DueAt})
	} else {
		res.step(Step{Kind: StepDue, Date: res.Due})
	}
	res.step(Step{Kind: StepFiling}, Step{Kind: StepBasis}, Step{Kind: StepStatus})
	if in.Rule.NoteFR != "" || in.Rule.NoteEN != "" {
		res.step(Step{Kind: StepNote})
	}
	return res, nil
}

func (in Input) validate() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("deadline: %s: %s: %w", in.Rule.ID, fmt.Sprintf(format, args...), ErrInvalidInput)
	}
	switch {
	case in.Trigger.IsZero():
		return bad("no trigger date")
	case !in.Trigger.Valid():
		return bad("trigger %v does not exist", in.Trigger)
	case !in.At.Valid():
		return bad("trigger time %v does not exist", in.At)
	case in.Region >= numRegions:
		return bad("unknown region %d", in.Region)
	}
	for _, d := range []*Date{in.DecisionDate, in.LegalAidRequested, in.LegalAidDecided} {
		if d != nil && !d.Valid() {
			return bad("date %v does not exist", *d)
		}
	}
	if in.LegalAidDecided != nil {
		if in.LegalAidRequested == nil {
			return bad("legal-aid decision without a request")
		}
		if in.LegalAidDecided.Before(*in.LegalAidRequested) {
			return bad("legal aid decided (%v) before it was requested (%v)", *in.LegalAidDecided, *in.LegalAidRequested)
		}
	}
	return nil
}

func (res *Result) step(s ...Step) { res.Steps = append(res.Steps, s...) }

// checkRegime refuses a rule for a decision outside its regime. Without a
// decision date, a trigger that cannot precede the decision (a
// notification) before the regime's start proves the decision is outside.
func (res *Result) checkRegime(in Input) error {
	g := in.Rule.Regime
	if g.LabelFR == "" && g.LabelEN == "" && !g.bounded() {
		return nil
	}
	switch {
	case in.DecisionDate != nil && !g.Covers(*in.DecisionDate):
		return fmt.Errorf("deadline: %s: decision of %v: %w", in.Rule.ID, *in.DecisionDate, ErrOutsideRegime)
	case in.DecisionDate == nil && in.Rule.Trigger.followsDecision() && !g.From.IsZero() && in.Trigger.Before(g.From):
		return fmt.Errorf("deadline: %s: notified on %v, so decided before %v: %w", in.Rule.ID, in.Trigger, g.From, ErrOutsideRegime)
	case in.DecisionDate != nil:
		res.step(Step{Kind: StepRegime, Date: *in.DecisionDate})
	case g.bounded():
		res.step(Step{Kind: StepRegimeUnchecked})
	default:
		res.step(Step{Kind: StepRegime})
	}
	return nil
}

// count computes a day or month rule from trigger t, recording its steps,
// and returns the final day and the readings.
func (res *Result) count(t Date) (Date, []Reading) {
	r := res.Rule
	n := r.Duration.N
	var readings []Reading
	var last Date
	switch r.Duration.Unit {
	case Days:
		nominal := t.AddDays(n)
		res.step(Step{Kind: StepNominal, Date: nominal, Other: t})
		last = nominal
		if r.Franc {
			last = nominal.AddDays(1)
			res.step(Step{Kind: StepFranc, Date: last, Other: nominal})
		}
		readings = []Reading{{Name: "days", Last: last}}
	case Months:
		nominal := t.AddMonths(n)
		res.step(Step{Kind: StepNominal, Date: nominal, Other: t})
		last = nominal
		if !r.Franc {
			readings = []Reading{{Name: "A", Last: last}}
			break
		}
		a := nominal.AddDays(1)
		res.step(Step{Kind: StepFranc, Date: a, Other: nominal})
		next := t.AddDays(1)
		b := next.AddMonths(n)
		res.step(Step{Kind: StepReadingB, Date: b, Other: next})
		last = earlier(a, b)
		if a == b {
			res.step(Step{Kind: StepReadingsAgree, Date: a})
		} else {
			other := a
			if last == a {
				other = b
			}
			res.step(Step{Kind: StepReadingsDiffer, Date: last, Other: other})
		}
		readings = []Reading{{Name: "A", Last: a}, {Name: "B", Last: b}}
	}
	if !r.Franc {
		res.step(Step{Kind: StepNotFranc})
	}
	for i := range readings {
		readings[i].Final = readings[i].Last
		if r.Extends {
			readings[i].Final = NextWorkingDay(readings[i].Last, res.Region)
		}
	}
	return res.settle(last), readings
}

// alternative computes the rule's other reading (Rule.Alt), if it has one,
// names both ends and keeps the earlier.
func (res *Result) alternative(in Input) {
	if res.Rule.Alt == nil {
		return
	}
	sub := in
	sub.Rule = res.Rule.altRule()
	sub.LegalAidRequested, sub.LegalAidDecided = nil, nil
	alt, err := Compute(sub)
	if err != nil {
		return // the same trigger and regime: unreachable for a valid rule
	}
	loc := in.Zone
	if loc == nil {
		loc = in.Region.Location()
	}
	res.AltDue = alt.Due
	s := Step{Kind: StepAltReading, Date: res.Due, At: res.DueAt, Other: alt.Due}
	final := alt.Due
	altEnd := endOfDay(alt.Due, loc)
	if alt.IsHours {
		res.AltDueAt, s.OtherAt, altEnd = alt.DueAt, alt.DueAt, alt.DueAt
	}
	at := res.AltDueAt
	if res.IsHours && !alt.IsHours {
		at = altEnd
	}
	res.Readings = append(res.Readings, Reading{Name: "alternative", Last: final, Final: final, At: at})
	own := endOfDay(res.Due, loc)
	if res.IsHours {
		own = res.DueAt
	}
	if altEnd.Before(own) && alt.IsHours == res.IsHours {
		res.Due, res.DueAt, res.AltKept = alt.Due, alt.DueAt, true
		s.N = 1
	}
	res.step(s)
}

// endOfDay is the instant a day ends in loc: midnight starting the next day.
func endOfDay(d Date, loc *time.Location) time.Time {
	n := d.AddDays(1)
	return time.Date(n.Year, n.Month, n.Day, 0, 0, 0, 0, loc)
}

// settle moves last past non-working days if the rule extends, and records
// each day skipped, or records that a non-working last day does not move.
// A last day that may be a local holiday whose date is not verified never
// moves, and the explanation says so.
func (res *Result) settle(last Date) Date {
	defer func() {
		if h, ok := unverifiedHolidayOn(last, res.Region); ok && IsWorkingDay(last, res.Region) {
			res.step(Step{Kind: StepUnverifiedHoliday, Date: last, Holiday: h})
		}
	}()
	if !res.Rule.Extends {
		if !IsWorkingDay(last, res.Region) {
			h, _ := HolidayOn(last, res.Region)
			res.step(Step{Kind: StepNotMoved, Date: last, Holiday: h})
		}
		return last
	}
	for !IsWorkingDay(last, res.Region) {
		h, _ := HolidayOn(last, res.Region)
		res.step(Step{Kind: StepSkipped, Date: last, Holiday: h})
		last = last.AddDays(1)
	}
	return last
}
