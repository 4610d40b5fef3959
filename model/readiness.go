package model

import (
	"slices"
	"strings"
	"time"
)

// What courts have asked for before ordering the prefect, in référé
// « mesures utiles » (CJA L. 521-3), to give an appointment or unblock a
// file (docs/evidence.md gives each decision). These are the thresholds
// the readiness panel measures against: orders of magnitude from case
// law, not rules of law.
const (
	// ReadinessMinAttempts: several dated attempts. CE, 10 June 2020,
	// n° 435594 asks for "plusieurs tentatives n'ayant pas été effectuées
	// la même semaine"; one a week over ReadinessMinWeeks weeks is the
	// least that shows it.
	ReadinessMinAttempts = 3
	// ReadinessMinWeeks: attempts not all in the same week (same
	// decision); tribunals have looked for screenshots over at least
	// three weeks.
	ReadinessMinWeeks = 3
	// ReadinessStaleDays: waiting too long defeats urgency; CE réf.,
	// 30 Jan 2009, n° 324344 held a month and a half too long. A latest
	// attempt older than this is flagged.
	ReadinessStaleDays = 45
)

// Remedy is one of the three référés a blocked application can lead to.
// Labels: "evidence.remedy.<value>".
type Remedy string

// Remedies (code de justice administrative).
const (
	RemedyUsefulMeasures Remedy = "mesures_utiles" // L. 521-3
	RemedySuspension     Remedy = "suspension"     // L. 521-1
	RemedyLiberty        Remedy = "liberte"        // L. 521-2
)

// Remedies lists the remedies in the order the panel shows them.
var Remedies = []Remedy{RemedyUsefulMeasures, RemedySuspension, RemedyLiberty}

// RemedySources are the texts and decisions each remedy's checks rest on,
// as a lawyer cites them (docs/evidence.md says what each holds).
var RemedySources = map[Remedy][]string{
	RemedyUsefulMeasures: {
		"CJA, art. L. 521-3",
		"CESEDA, art. R. 431-2",
		"CE, 10 juin 2020, n° 435594",
		"CE, 9 juin 2022, n° 453391",
		"CE, Section, 3 juin 2022, n° 452798",
	},
	RemedySuspension: {
		"CJA, art. L. 521-1",
		"CE, 13 février 2015, n° 385062",
	},
	RemedyLiberty: {
		"CJA, art. L. 521-2",
		"CE, réf., 30 janvier 2009, n° 324344",
	},
}

// CheckID names one thing a judge looks at. Labels:
// "evidence.check.<value>".
type CheckID string

// Checks.
const (
	CheckAttempts      CheckID = "attempts"       // several dated attempts over several weeks, recent
	CheckContactCentre CheckID = "contact_centre" // the Centre de contact citoyen was asked
	CheckAccessPoint   CheckID = "access_point"   // a point d'accueil numérique was tried
	CheckPriorRequest  CheckID = "prior_request"  // a written request with a deadline went unanswered
	CheckUrgency       CheckID = "urgency"        // concrete urgency, or urgency presumed
	CheckFiling        CheckID = "filing"         // proof the application was filed
	CheckDecision      CheckID = "decision"       // a decision to suspend (explicit or implicit refusal)
	CheckAnnulment     CheckID = "annulment"      // an annulment request before the court
	// What no log can show, the lawyer's argument establishes: a serious
	// doubt on the decision's legality (suspension), a grave and
	// manifestly illegal breach of a fundamental freedom (liberté).
	CheckSeriousDoubt CheckID = "serious_doubt"
	CheckFreedom      CheckID = "freedom"
)

// CheckState is how far a check is met. Labels:
// "evidence.state.<value>".
type CheckState string

// Check states.
const (
	CheckMet      CheckState = "met"
	CheckPresumed CheckState = "presumed" // urgency presumed by case law
	CheckPending  CheckState = "pending"  // a request's deadline has not passed yet
	CheckMissing  CheckState = "missing"
	// CheckToAssess: for the lawyer's argument to establish; never
	// counted as met, never held against Ready.
	CheckToAssess CheckState = "to_assess"
)

// Check is one line of a remedy's readiness.
type Check struct {
	ID    CheckID    `json:"id"`
	State CheckState `json:"state"`
	// Required: the remedy fails without it; otherwise judges look for
	// it without requiring it.
	Required bool `json:"required"`
	// Count is how many log entries (or events) prove it.
	Count int `json:"count"`
	// Until is a pending request's deadline.
	Until Date `json:"until,omitzero"`
}

// Done reports whether the check counts as satisfied.
func (c Check) Done() bool { return c.State == CheckMet || c.State == CheckPresumed }

// RemedyReadiness is how ready a case is for one remedy.
type RemedyReadiness struct {
	Remedy Remedy  `json:"remedy"`
	Checks []Check `json:"checks"`
	// Ready: every required check the log can show is met or presumed
	// (the checks to assess are the lawyer's to argue).
	Ready bool `json:"ready"`
}

// Readiness is how strong a case's evidence log is for a référé.
type Readiness struct {
	// Applies is false where a référé against a blocked application
	// means nothing: a case about a removal order (its own contentious
	// procedure; and CE, 9 June 2022, n° 453391 found no urgency for a
	// person under a removal order not executed). The faces show no
	// panel then.
	Applies bool `json:"applies"`

	// Attempts counts the attempts not withdrawn.
	Attempts int `json:"attempts"`
	// Weeks are the distinct ISO weeks of those attempts (in the case's
	// zone), oldest first.
	Weeks []ISOWeek `json:"weeks"`
	// First and Latest are the earliest and latest attempts; SpanDays the
	// calendar days from the first to the latest (0 for one day).
	First    time.Time `json:"first"`
	Latest   time.Time `json:"latest"`
	SpanDays int       `json:"span_days"`
	// DaysSinceLatest counts the days from the latest attempt to today.
	DaysSinceLatest int `json:"days_since_latest"`

	EnoughAttempts bool `json:"enough_attempts"`
	EnoughWeeks    bool `json:"enough_weeks"`
	// Stale: the latest attempt is older than ReadinessStaleDays.
	Stale bool `json:"stale"`
	// Ready: enough attempts over enough weeks, and not stale (the
	// attempts check of every remedy).
	Ready bool `json:"ready"`

	// Remedies is the readiness remedy by remedy, in Remedies' order.
	Remedies []RemedyReadiness `json:"remedies"`

	// Today is the day the readiness was assessed.
	Today Date `json:"today"`

	// Urgent are the case's open deadlines, soonest first (overdue ones
	// included): what a référé must be filed against.
	Urgent []Deadline `json:"urgent"`
}

// Remedy returns the readiness for one remedy.
func (r Readiness) Remedy(m Remedy) (RemedyReadiness, bool) {
	for _, x := range r.Remedies {
		if x.Remedy == m {
			return x, true
		}
	}
	return RemedyReadiness{}, false
}

// ReadinessCase is what the remedies' checks read of a case besides its
// log: the procedure, the ANEF state and the events.
type ReadinessCase struct {
	Procedure Procedure
	Channel   Channel
	ANEFState ANEFState
	Events    []Event
}

// AssessReadiness measures a case's evidence (withdrawn entries do not
// count) and lists its open deadlines, as of today, counting weeks and
// days in loc (the case's zone: an attempt at 23:30 UTC on a Sunday is on
// Monday in Paris). It knows nothing of the case: the remedies' checks
// read the log alone (AssessCaseReadiness reads the case too).
func AssessReadiness(entries []Evidence, deadlines []Deadline, today Date, loc *time.Location) Readiness {
	return AssessCaseReadiness(ReadinessCase{}, entries, deadlines, today, loc)
}

// AssessCaseReadiness is AssessReadiness with the case: whether the panel
// applies at all, and each remedy's checks (docs/evidence.md).
func AssessCaseReadiness(c ReadinessCase, entries []Evidence, deadlines []Deadline, today Date, loc *time.Location) Readiness {
	r := Readiness{Today: today, Applies: readinessApplies(c)}
	seen := map[ISOWeek]bool{}
	var ev evidenceCounts
	for _, e := range entries {
		if e.Withdrawn || e.At.IsZero() {
			continue
		}
		ev.add(e, today)
		if e.KindOrAttempt() != EvidenceAttempt {
			continue
		}
		r.Attempts++
		at := e.At.In(loc)
		if w := WeekOf(DateOf(at)); !seen[w] {
			seen[w] = true
			r.Weeks = append(r.Weeks, w)
		}
		if r.First.IsZero() || at.Before(r.First) {
			r.First = at
		}
		if at.After(r.Latest) {
			r.Latest = at
		}
	}
	slices.SortFunc(r.Weeks, func(a, b ISOWeek) int {
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		return a.Week - b.Week
	})
	if r.Attempts > 0 {
		r.SpanDays = daysBetween(DateOf(r.First), DateOf(r.Latest))
		r.DaysSinceLatest = daysBetween(DateOf(r.Latest), today)
		r.Stale = r.DaysSinceLatest > ReadinessStaleDays
	}
	r.EnoughAttempts = r.Attempts >= ReadinessMinAttempts
	r.EnoughWeeks = len(r.Weeks) >= ReadinessMinWeeks
	r.Ready = r.EnoughAttempts && r.EnoughWeeks && !r.Stale
	r.Remedies = remedies(c, r, ev, deadlines, today)
	for _, d := range deadlines {
		if d.Status == DeadlineOpen {
			r.Urgent = append(r.Urgent, d)
		}
	}
	slices.SortStableFunc(r.Urgent, func(a, b Deadline) int { return a.Due.Compare(b.Due) })
	return r
}

// evidenceCounts tallies what the log proves besides attempts.
type evidenceCounts struct {
	contactCentre, accessPoint, filing, urgency int
	requestsDue, requestsPending                int
	pendingUntil                                Date
}

func (ev *evidenceCounts) add(e Evidence, today Date) {
	switch e.KindOrAttempt() {
	case EvidenceAttempt:
		switch e.Channel {
		case EvidenceContactCentre:
			ev.contactCentre++
		case EvidenceAccessPoint:
			ev.accessPoint++
		}
	case EvidenceFiling:
		ev.filing++
	case EvidenceUrgency:
		ev.urgency++
	case EvidenceRequest:
		// A request counts once its deadline has passed unanswered: the
		// day after RespondBy.
		if e.RespondBy.Before(today) {
			ev.requestsDue++
		} else {
			ev.requestsPending++
			if ev.pendingUntil.IsZero() || e.RespondBy.Before(ev.pendingUntil) {
				ev.pendingUntil = e.RespondBy
			}
		}
	}
}

// readinessApplies: not on a removal-order case, nor once the case's
// latest decision is one contested under the CESEDA's own procedure.
func readinessApplies(c ReadinessCase) bool {
	if c.Procedure == ProcRemovalOrder {
		return false
	}
	if d, ok := latestDecision(c.Events); ok && DelayNotExtended(d.Decision) {
		return false
	}
	return true
}

// latestDecision is the decision notified (or, failing that, taken)
// last.
func latestDecision(events []Event) (Event, bool) {
	var best Event
	found := false
	for _, e := range events {
		if e.Kind != EventDecisionNotified && e.Kind != EventDecisionTaken {
			continue
		}
		if !found || best.Date.Before(e.Date) || (best.Date == e.Date && e.Kind == EventDecisionNotified) {
			best, found = e, true
		}
	}
	return best, found
}

// DelayNotExtended reports whether an administrative appeal leaves the
// court delay of a decision of kind k running: the decisions contested
// under the CESEDA's own procedure (removal orders, Dublin transfers,
// house arrests, bans on return, placements in rétention), whose delays
// CJA R. 776-5 says are not extended by an administrative appeal. A kind
// this build does not know but whose name says it is one of those counts
// too, so that a rule added later never makes a letter claim the
// contrary.
func DelayNotExtended(k DecisionKind) bool {
	switch {
	case k.IsRemovalOrder(), k == DecisionDublinTransfer, k == DecisionHouseArrest, k == DecisionIRTF, k == DecisionRetentionPlacement:
		return true
	}
	s := strings.ToLower(string(k))
	for _, w := range []string{"removal", "oqtf", "dublin", "transfer", "transfert", "house-arrest", "house_arrest",
		"assignation", "irtf", "ban", "interdiction", "retention", "rétention", "placement"} {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// CaseDelayNotExtended reports whether a case's court delay is one an
// administrative appeal does not extend: a removal-order case, or any
// decision on the case of such a kind. Where the case does not say, the
// reading that keeps the court appeal in time wins.
func CaseDelayNotExtended(p Procedure, events []Event) bool {
	if p == ProcRemovalOrder {
		return true
	}
	for _, e := range events {
		if (e.Kind == EventDecisionNotified || e.Kind == EventDecisionTaken) && DelayNotExtended(e.Decision) {
			return true
		}
	}
	return false
}

func remedies(c ReadinessCase, r Readiness, ev evidenceCounts, deadlines []Deadline, today Date) []RemedyReadiness {
	state := func(ok bool) CheckState {
		if ok {
			return CheckMet
		}
		return CheckMissing
	}
	attempts := Check{ID: CheckAttempts, State: state(r.Ready), Required: true, Count: r.Attempts}
	centre := Check{ID: CheckContactCentre, State: state(ev.contactCentre > 0), Count: ev.contactCentre}
	point := Check{ID: CheckAccessPoint, State: state(ev.accessPoint > 0), Count: ev.accessPoint}
	request := Check{ID: CheckPriorRequest, State: state(ev.requestsDue > 0), Count: ev.requestsDue}
	if ev.requestsDue == 0 && ev.requestsPending > 0 {
		request.State, request.Until, request.Count = CheckPending, ev.pendingUntil, ev.requestsPending
	}
	filed := ev.filing
	for _, e := range c.Events {
		if e.Kind == EventApplicationComplete {
			filed++
		}
	}
	switch c.ANEFState {
	case ANEFSubmitted, ANEFIncomplete, ANEFInstruction, ANEFAPIIssued, ANEFDecisionRefused, ANEFImplicitRefusal:
		if filed == 0 {
			filed = 1
		}
	}
	filing := Check{ID: CheckFiling, State: state(filed > 0), Count: filed}
	urgency := Check{ID: CheckUrgency, State: state(ev.urgency > 0), Required: true, Count: ev.urgency}

	// Mesures utiles. R. 431-2 opens the substitute channel to whoever
	// "a accompli toutes les diligences", notably by calling on the
	// accompaniment: the contact centre and the access point are asked
	// for before the judge orders it. Urgency is in principle found for a
	// renewal (CE, 9 June 2022, n° 453391).
	mu := RemedyReadiness{Remedy: RemedyUsefulMeasures}
	muCentre, muPoint, muUrgency, muFiling := centre, point, urgency, filing
	muCentre.Required, muPoint.Required = true, true
	if muUrgency.State == CheckMissing && c.Procedure == ProcRenewal {
		muUrgency.State = CheckPresumed
	}
	// Proof of filing matters when the file is stuck on ANEF; when the
	// person could not file at all, the attempts are the proof.
	muFiling.Required = c.Channel == ChannelANEF || c.ANEFState != "" && c.ANEFState != ANEFDraft
	mu.Checks = []Check{attempts, muCentre, muPoint, request, muUrgency, muFiling}

	// Suspension: a decision to suspend and an annulment request against
	// it; urgency presumed for a refusal to renew (CE, 13 February 2015,
	// n° 385062).
	su := RemedyReadiness{Remedy: RemedySuspension}
	refused := c.ANEFState == ANEFDecisionRefused || c.ANEFState == ANEFImplicitRefusal
	decisions, seized := 0, 0
	// An implicit refusal is born when the silence deadline has passed.
	for _, d := range deadlines {
		if strings.HasPrefix(d.RuleID, "silence-") && d.Due.Before(today) && d.Status != DeadlineCancelled {
			decisions++
		}
	}
	for _, e := range c.Events {
		switch e.Kind {
		case EventDecisionNotified, EventDecisionTaken:
			if e.Decision != "" && e.Decision != DecisionOther {
				decisions++
			}
		case EventCourtSeized:
			seized++
		}
	}
	if refused && decisions == 0 {
		decisions = 1
	}
	suUrgency, suFiling := urgency, filing
	suFiling.Required = true
	if suUrgency.State == CheckMissing && decisions > 0 && c.Procedure == ProcRenewal {
		suUrgency.State = CheckPresumed
	}
	su.Checks = []Check{
		{ID: CheckDecision, State: state(decisions > 0), Required: true, Count: decisions},
		{ID: CheckAnnulment, State: state(seized > 0), Required: true, Count: seized},
		suUrgency, suFiling,
		{ID: CheckSeriousDoubt, State: CheckToAssess, Required: true},
	}

	// Liberté: urgency within 48 hours, assessed concretely, never
	// presumed; the attempts show the administration's failure.
	li := RemedyReadiness{Remedy: RemedyLiberty}
	li.Checks = []Check{{ID: CheckFreedom, State: CheckToAssess, Required: true}, urgency, attempts, centre, request, filing}

	out := []RemedyReadiness{mu, su, li}
	for i := range out {
		out[i].Ready = true
		for _, ch := range out[i].Checks {
			if ch.Required && !ch.Done() && ch.State != CheckToAssess {
				out[i].Ready = false
			}
		}
	}
	return out
}

// daysBetween counts calendar days from a to b (negative if b is before a).
func daysBetween(a, b Date) int {
	return int(b.Time(time.UTC).Sub(a.Time(time.UTC)).Hours() / 24)
}
