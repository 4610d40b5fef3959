package model

import (
	"cmp"
	"errors"
	"slices"
	"time"

	"casefile/model/deadline"
)

// CaseFacts is what a case contributes to its deadlines besides its events.
type CaseFacts struct {
	Procedure Procedure
	// Region is the case's holiday setting.
	Region deadline.Region
	// Zone is where hour rules and hearings are reckoned; nil means
	// Region.Location().
	Zone *time.Location
	// Place is where the case is, whatever the holiday setting: the case's
	// own region if it is not Metropole, else the one its prefecture
	// suggests. It decides the overseas alerts (a removal that an appeal
	// does not suspend).
	Place deadline.Region
}

// FactsFor returns the facts of case c, whose own deadline settings are s
// (nil when none were recorded), under the vault's holiday policy. The
// holiday region is the case's own, else, when the policy turns local
// holidays on, the one SuggestRegion finds in the prefecture, else
// Metropole. The zone is the place's whatever the holiday setting: the
// case's own region if it is not Metropole, else the suggested one, else
// Europe/Paris. A time zone is a fact, not an option: reckoning a Réunion
// notification in Paris time would end its 48 hours late.
func FactsFor(c Case, s *DeadlineSettings, policy HolidayPolicy) CaseFacts {
	f := CaseFacts{Procedure: c.Procedure}
	suggested, ok := deadline.SuggestRegion(c.Prefecture)
	switch {
	case s != nil:
		f.Region = s.Region
	case policy.LocalHolidays && ok:
		f.Region = suggested
	}
	switch {
	case f.Region != deadline.Metropole:
		f.Zone, f.Place = f.Region.Location(), f.Region
	case ok:
		f.Zone, f.Place = suggested.Location(), suggested
	default:
		f.Zone = f.Region.Location()
	}
	return f
}

// NonSuspensiveAppeal reports whether, in region r, an appeal against a
// removal order does not suspend its execution: Guyane (CESEDA L651-4),
// Mayotte, Guadeloupe, Saint-Martin and Saint-Barthélemy (docs/deadlines.md).
func NonSuspensiveAppeal(r deadline.Region) bool {
	switch r {
	case deadline.Guyane, deadline.Mayotte, deadline.Guadeloupe, deadline.SaintMartin, deadline.SaintBarthelemy:
		return true
	}
	return false
}

func (f CaseFacts) zone() *time.Location {
	if f.Zone != nil {
		return f.Zone
	}
	return f.Region.Location()
}

// Caveat codes: what a lawyer must know about a planned deadline beyond the
// rule's own explanation. The faces translate them
// ("deadline.caveat.<code>"), filling in Date, Rule and Other.
const (
	// The title applied for is not recorded (or cannot be mapped): the
	// shortest silence applies and the case needs the title.
	CaveatNeedsTitle = "needs_title"
	// The person's situation at notification is not recorded: the earliest
	// delay (48 hours) is planned until it is; Rule names the deadline a
	// free person, or one under house arrest, would have.
	CaveatSituationUnknown = "situation_unknown"
	// An OQTF without departure period for a free person: the 7-day
	// reading (earlier) is used; Rule names the other (oqtf-1m).
	CaveatNoDepartureReading = "no_departure_reading"
	// A restriction (Date) began while the delay ran: the shorter deadline
	// counts from the notification (earlier); from the restriction it would
	// end on Other.
	CaveatRestrictionDuringDelay = "restriction_during_delay"
	// The time of the notification is not recorded: 00:00 is used; counted
	// from the end of the notification day, the deadline would end on Other.
	CaveatTimeUnknown = "time_unknown"
	// Former regime, OQTF with departure period: 15 days used; Rule names
	// the 30-day alternative.
	CaveatFormerRegime15or30 = "former_regime_15_or_30"
	// Naturalisation: 12 months used; Rule names the 18-month alternative.
	CaveatNaturalisationResidence = "naturalisation_residence"
	// Legal aid was requested but is not linked to one decision: no effect
	// applied.
	CaveatLegalAidUnlinked = "legal_aid_unlinked"
	// Counted from the first presentation (Date) of a registered letter.
	CaveatFirstPresentation = "first_presentation"
	// Another decision: the ordinary two months; a special, shorter
	// deadline may apply.
	CaveatOtherDecision = "other_decision"
	// The event chose a rule (Rule) that is not an alternative here.
	CaveatRuleChoiceIgnored = "rule_choice_ignored"
	// The silence deadline this appeal counts from is itself computed.
	CaveatChained = "chained"
	// The case is overseas where an appeal does not suspend a removal: a
	// référé-liberté is the way to stop it.
	CaveatOverseasNonSuspensive = "overseas_non_suspensive"
	// The reasons of the implicit refusal were requested on Date, within
	// the delay: it is prorogued until two months after they are
	// communicated, at the latest one year after the request (Other); the
	// date shown is the one without the prorogation.
	CaveatReasonsRequested = "reasons_requested"
	// Counted from the communication of the reasons (Date) requested on
	// Other, for the implicit decision computed by Rule.
	CaveatReasonsChain = "reasons_chain"
	// A TA Nantes judgment on a short-stay visa: first and last instance,
	// cassation only (CJA R811-1, not verified in its current wording).
	CaveatShortStayVisa = "short_stay_visa"
)

// NeedsSituation reports whether p was planned without the person's
// situation, so that every face asks for it.
func (p Planned) NeedsSituation() bool { return p.has(CaveatSituationUnknown) }

// Overseas reports whether p carries the overseas non-suspensive alert.
func (p Planned) Overseas() bool { return p.has(CaveatOverseasNonSuspensive) }

func (p Planned) has(code string) bool {
	for _, c := range p.Caveats {
		if c.Code == code {
			return true
		}
	}
	return false
}

// Caveat is one thing a lawyer must know about a planned deadline.
type Caveat struct {
	Code string
	// Date, Rule and Other (a formatted due date, YYYY-MM-DD or
	// YYYY-MM-DDTHH:MM) are set as the code says.
	Date  Date
	Rule  string
	Other string
}

// Planned is a deadline the events of a case call for: a rule's result, or
// a hearing.
type Planned struct {
	Kind DeadlineKind // DeadlineComputed or DeadlineHearing
	// Source is the id of the event it comes from.
	Source string
	RuleID string
	// Result is the computation, with its explanation (computed only).
	Result deadline.Result
	// Trigger, Due, DueAt and Reminder are as in Deadline.
	Trigger  Date
	Due      Date
	DueAt    time.Time
	Reminder Date
	// Label is a hearing's court.
	Label   string
	Caveats []Caveat
	// Alternatives are the other rules the lawyer may choose, through the
	// source event's Rule, when the applicable rule depends on a fact
	// Casefile does not record.
	Alternatives []string
}

// Key identifies the planned deadline within its case, as Deadline.Key.
func (p Planned) Key() string { return plannedKey(p.Source, p.Kind, p.RuleID) }

// Record returns the deadline record for p: open, owned by owner.
func (p Planned) Record(caseID, owner string) Deadline {
	d := Deadline{CaseID: caseID, Owner: owner, Status: DeadlineOpen}
	p.ApplyTo(&d)
	return d
}

// ApplyTo sets d's computed fields (kind, rule, source, dates, label) from
// p, leaving owner and status alone.
func (p Planned) ApplyTo(d *Deadline) {
	d.Kind, d.RuleID, d.Source = p.Kind, p.RuleID, p.Source
	d.Trigger, d.Due, d.DueAt, d.Reminder = p.Trigger, p.Due, p.DueAt, p.Reminder
	if p.Kind == DeadlineHearing {
		d.Label = p.Label
	}
}

// DeadlinesFor returns the deadlines that the events of a case call for,
// sorted by due date. It is pure: the same facts and events always give the
// same plan, so a corrected event is handled by planning again and
// comparing (by Key) with what is recorded. Where a fact it needs is not
// recorded, it plans the earlier deadline and says so in a Caveat.
//
// Errors are those of deadline.Compute for one event, joined; the other
// events are still planned.
func DeadlinesFor(facts CaseFacts, events []Event) ([]Planned, error) {
	p := &planner{facts: facts, events: slices.Clone(events), out: make([]Planned, 0, 2*len(events))}
	slices.SortStableFunc(p.events, compareEvents)
	for _, e := range p.events {
		switch e.Kind {
		case EventDecisionNotified:
			p.decision(e)
		case EventJudgmentNotified:
			p.judgment(e)
		case EventApplicationComplete:
			p.application(e)
		case EventPermitIssued, EventRecepisseIssued, EventAPIIssued:
			p.expiry(e)
		case EventRecoursGracieuxSent:
			p.chained(p.plan(e, "gracieux-silence-2m", e.Date))
		case EventRAPOSent:
			p.chained(p.plan(e, "rapo-visa-silence-2m", e.Date))
		case EventMinisterRecourseSent:
			p.chained(p.plan(e, "naturalisation-recours-silence-4m", e.Date))
		case EventOFPRADecisionNotified:
			t, cv := notifiedOn(e)
			p.plan(e, "cnda-1m", t, cv...)
			p.plan(e, "cnda-aj-15d", t, cv...)
		case EventReasonsRequested:
			p.plan(e, "motifs-reponse-1m", e.Date)
		case EventLegalAidDecided:
			p.legalAidDecided(e)
		case EventAsylumRegistered:
			p.plan(e, "ofpra-21j", e.Date)
		case EventHearing:
			p.hearing(e)
		}
	}
	// Sort an index: a Planned, with its explanation, is large to move.
	order := make([]int, len(p.out))
	keys := make([]string, len(p.out))
	for i := range order {
		order[i], keys[i] = i, p.out[i].Key()
	}
	slices.SortFunc(order, func(i, j int) int {
		a, b := &p.out[i], &p.out[j]
		return cmp.Or(compareDates(a.Due, b.Due), a.DueAt.Compare(b.DueAt), cmp.Compare(keys[i], keys[j]))
	})
	sorted := make([]Planned, len(order))
	for k, i := range order {
		sorted[k] = p.out[i]
	}
	return sorted, errors.Join(p.errs...)
}

// SortEvents sorts events in the order they happened: by day, time, then
// id (UUIDv7: the order they were recorded).
func SortEvents(events []Event) { slices.SortStableFunc(events, compareEvents) }

// compareEvents orders events by day, time, then id (UUIDv7: creation).
func compareEvents(a, b Event) int {
	return cmp.Or(compareDates(a.Date, b.Date), cmp.Compare(a.Time, b.Time), cmp.Compare(a.ID, b.ID))
}

func compareDates(a, b Date) int { return deadline.Date(a).Compare(deadline.Date(b)) }
