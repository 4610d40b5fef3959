package model

import (
	"slices"
	"strings"
	"unicode/utf8"

	"casefile/model/deadline"
)

// EventKind is the kind of a procedural event on a case. The values are
// stable: they are stored in vaults and typed in the CLI. Their labels live
// in the faces' translations under "event.kind.<value>".
type EventKind string

// Procedural events. Which fields each kind uses is said beside it; the
// deadlines each one starts are listed in docs/events.md.
const (
	// A decision was taken (Decision); its notification comes later. The
	// date of taking decides a removal order's regime.
	EventDecisionTaken EventKind = "decision_taken"
	// A decision was notified (Decision; Decided, the day it was taken, if
	// known; FirstPresentation, the first presentation of a registered
	// letter that was not collected; Situation at notification; Time for
	// hour rules; NoAppealInfo).
	EventDecisionNotified EventKind = "decision_notified"
	// A court judgment was notified (Decision: one of the judgment kinds).
	EventJudgmentNotified EventKind = "judgment_notified"
	// The person's situation changed (Situation: free, house arrest,
	// detention, rétention).
	EventSituationChanged EventKind = "situation_changed"
	// A complete application was filed (a receipt, récépissé or API
	// presumes it). Starts the administration's silence.
	EventApplicationComplete EventKind = "application_complete"
	// The title applied for is known (Article: its CESEDA regulatory
	// article, "R421-26"); it selects the silence rule.
	EventTitleRequested EventKind = "title_requested"
	// A residence permit, récépissé or API was issued (Expiry).
	EventPermitIssued    EventKind = "permit_issued"
	EventRecepisseIssued EventKind = "recepisse_issued"
	EventAPIIssued       EventKind = "api_issued"
	// A recours gracieux or hiérarchique was sent.
	EventRecoursGracieuxSent EventKind = "recours_gracieux_sent"
	// A RAPO against a visa refusal was sent.
	EventRAPOSent EventKind = "rapo_sent"
	// The mandatory recourse to the minister (naturalisation) was sent.
	EventMinisterRecourseSent EventKind = "minister_recourse_sent"
	// OFPRA's decision was notified (FirstPresentation as for decisions).
	EventOFPRADecisionNotified EventKind = "ofpra_decision_notified"
	// Legal aid was requested, or its decision notified to the person
	// (Concerns: the id of the decision event the appeal is against).
	EventLegalAidRequested EventKind = "legal_aid_requested"
	EventLegalAidDecided   EventKind = "legal_aid_decided"
	// A court was seized (Court, Number: the court's case number).
	EventCourtSeized EventKind = "court_seized"
	// A hearing is set (Date, Time, Court); it appears among the deadlines.
	EventHearing EventKind = "hearing"
	// The reasons of an implicit refusal were requested (CRPA L232-4), or
	// communicated; the court deadline then runs from the communication.
	EventReasonsRequested    EventKind = "reasons_requested"
	EventReasonsCommunicated EventKind = "reasons_communicated"
	// The asylum attestation was handed over at the guichet unique: the
	// application must reach OFPRA within 21 days.
	EventAsylumRegistered EventKind = "asylum_registered"
)

// EventKinds lists every event kind in display order.
var EventKinds = []EventKind{
	EventDecisionTaken, EventDecisionNotified, EventJudgmentNotified, EventSituationChanged,
	EventApplicationComplete, EventTitleRequested, EventPermitIssued, EventRecepisseIssued,
	EventAPIIssued, EventRecoursGracieuxSent, EventRAPOSent, EventMinisterRecourseSent,
	EventOFPRADecisionNotified, EventLegalAidRequested, EventLegalAidDecided,
	EventCourtSeized, EventHearing, EventReasonsRequested, EventReasonsCommunicated, EventAsylumRegistered,
}

// DecisionKind says what a notified decision or judgment is, which decides
// the deadlines it starts.
type DecisionKind string

// Decisions of the administration (decision_taken, decision_notified).
const (
	// An OQTF with a voluntary departure period.
	DecisionRemovalOrder DecisionKind = "removal-order"
	// An OQTF without a voluntary departure period.
	DecisionRemovalOrderNoDeparture DecisionKind = "removal-order-no-departure"
	// A refusal of a residence permit without a removal order.
	DecisionRefusal DecisionKind = "refusal"
	// An expulsion order.
	DecisionExpulsion DecisionKind = "expulsion"
	// A refusal or postponement of naturalisation.
	DecisionNaturalisationRefusal DecisionKind = "naturalisation-refusal"
	// A visa refusal (decisions from 1 January 2023: RAPO first).
	DecisionVisaRefusal DecisionKind = "visa-refusal"
	// Any other administrative decision: the ordinary two months.
	DecisionOther DecisionKind = "other"
	// A Dublin transfer decision (CESEDA L572-4).
	DecisionDublinTransfer DecisionKind = "dublin-transfer"
	// A house-arrest decision (assignation à résidence, L732-8 or L751-2).
	DecisionHouseArrest DecisionKind = "house-arrest"
	// A ban on return, its extension, or an end of the departure period,
	// notified after the removal order (R614-1, R614-2).
	DecisionIRTF DecisionKind = "irtf"
	// A placement in immigration detention (rétention, L741-10).
	DecisionRetentionPlacement DecisionKind = "retention-placement"
)

// Judgments (judgment_notified).
const (
	// A TA judgment on a removal order (CAA appeal within one month).
	JudgmentTARemoval DecisionKind = "judgment-ta-removal"
	// Any other TA judgment.
	JudgmentTA DecisionKind = "judgment-ta"
	// A CAA judgment or a CNDA decision (cassation before the Conseil d'État).
	JudgmentCAA  DecisionKind = "judgment-caa"
	JudgmentCNDA DecisionKind = "judgment-cnda"
	// A TA Nantes judgment on a short-stay visa: first and last instance
	// (CJA R811-1), so cassation, never an appeal.
	JudgmentTAShortStayVisa DecisionKind = "judgment-ta-visa-short-stay"
	// The judge's order on a rétention (appeal to the premier président).
	JudgmentRetentionOrder DecisionKind = "order-retention"
	// A référé-liberté order (appeal to the Conseil d'État, CJA L523-1).
	JudgmentRefereLiberte DecisionKind = "order-refere-liberte"
)

// Outcomes of a legal-aid decision (legal_aid_decided; optional).
const (
	AidGranted DecisionKind = "aid-granted"
	AidPartial DecisionKind = "aid-partial"
	AidRefused DecisionKind = "aid-refused"
)

// AidKinds lists the outcomes of a legal-aid decision.
var AidKinds = []DecisionKind{AidGranted, AidPartial, AidRefused}

// DecisionKinds lists the administration's decisions in display order.
var DecisionKinds = []DecisionKind{
	DecisionRemovalOrder, DecisionRemovalOrderNoDeparture, DecisionRefusal, DecisionExpulsion,
	DecisionNaturalisationRefusal, DecisionVisaRefusal, DecisionOther,
	DecisionDublinTransfer, DecisionHouseArrest, DecisionIRTF, DecisionRetentionPlacement,
}

// JudgmentKinds lists the judgments in display order.
var JudgmentKinds = []DecisionKind{JudgmentTARemoval, JudgmentTA, JudgmentCAA, JudgmentCNDA,
	JudgmentTAShortStayVisa, JudgmentRetentionOrder, JudgmentRefereLiberte}

// IsRemovalOrder reports whether the decision is an OQTF.
func (k DecisionKind) IsRemovalOrder() bool {
	return k == DecisionRemovalOrder || k == DecisionRemovalOrderNoDeparture
}

// NeedsSituation reports whether the deadline against the decision
// depends on the person's situation (free, house arrest, detention,
// rétention): a removal order, a Dublin transfer, a house arrest, a ban on
// return. Without it the earliest delay (48 hours) is planned and every
// face asks for it (docs/deadlines.md).
func (k DecisionKind) NeedsSituation() bool {
	switch k {
	case DecisionRemovalOrder, DecisionRemovalOrderNoDeparture, DecisionDublinTransfer, DecisionHouseArrest, DecisionIRTF:
		return true
	}
	return false
}

// Situation is where the person stands, which decides a removal order's
// appeal deadline (docs/deadlines.md).
type Situation string

// Situations.
const (
	SituationFree        Situation = "free"
	SituationHouseArrest Situation = "house_arrest"
	SituationDetention   Situation = "detention"
	SituationRetention   Situation = "retention"
)

// Situations lists every situation in display order.
var Situations = []Situation{SituationFree, SituationHouseArrest, SituationDetention, SituationRetention}

// Restricted reports whether the situation shortens a removal order's
// appeal deadline.
func (s Situation) Restricted() bool {
	return s == SituationHouseArrest || s == SituationDetention || s == SituationRetention
}

// Event is a procedural event on a case. Its dates are the triggers of the
// case's computed deadlines (DeadlinesFor); correcting one recomputes them.
// Only the fields its Kind uses (see the kinds) may be set.
type Event struct {
	ID     string    `json:"id"`
	CaseID string    `json:"case_id"`
	Kind   EventKind `json:"kind"`
	// Date is the day of the event, in the case's place.
	Date Date `json:"date"`
	// Time is the wall-clock time of the event, "HH:MM", or "" when not
	// known; hour rules count from it (00:00, the earliest, when unknown).
	Time string `json:"time"`
	// Decision: what was decided or judged.
	Decision DecisionKind `json:"decision_kind"`
	// Decided is the day a notified decision was taken, if known.
	Decided Date `json:"decided"`
	// FirstPresentation is the day a registered letter that was not
	// collected was first presented; the deadline counts from it.
	FirstPresentation Date `json:"first_presentation"`
	// NoAppealInfo: the notification did not state the means and time
	// limits of appeal (the one-year reasonable time then applies).
	NoAppealInfo bool      `json:"no_appeal_info"`
	Situation    Situation `json:"situation"`
	// Article is the CESEDA regulatory article of the title applied for.
	Article string `json:"article"`
	// Expiry is the last day of validity of an issued document.
	Expiry Date   `json:"expiry"`
	Court  string `json:"court"`
	Number string `json:"number"`
	// Concerns is, for legal-aid events, the id of the decision event the
	// legal aid is for.
	Concerns string `json:"concerns"`
	// Rule is a rule the lawyer chose where the applicable rule depends on
	// a fact Casefile does not record (Planned.Alternatives lists them).
	Rule string `json:"rule"`
	Note string `json:"note"`
}

// MaxEventNote caps an event's note.
const MaxEventNote = 4 << 10

// Problem codes of events and deadlines, beside those of problems.go.
const (
	ProblemInvalidTime = "invalid_time" // not HH:MM
	ProblemAfterEvent  = "after_event"  // a date after the event's own date
	ProblemBeforeEvent = "before_event" // a date before the event's own date
	ProblemControlChar = "control_character"
)

// hasControl reports whether a one-line text holds a control character
// (a line break, a tab, the unit separator the vault's indexes use, ESC…):
// HasControl.
func hasControl(s string) bool { return HasControl(s) }

// Clock returns the event's time of day and whether it is known.
func (e Event) Clock() (deadline.Clock, bool) {
	if e.Time == "" {
		return deadline.Clock{}, false
	}
	c, ok := parseClock(e.Time)
	return c, ok
}

func parseClock(s string) (deadline.Clock, bool) {
	if len(s) != 5 || s[2] != ':' {
		return deadline.Clock{}, false
	}
	digit := func(b byte) (int, bool) { return int(b - '0'), b >= '0' && b <= '9' }
	h1, ok1 := digit(s[0])
	h2, ok2 := digit(s[1])
	m1, ok3 := digit(s[3])
	m2, ok4 := digit(s[4])
	c := deadline.Clock{Hour: h1*10 + h2, Minute: m1*10 + m2}
	return c, ok1 && ok2 && ok3 && ok4 && c.Valid()
}

// Validate checks the event on its own (how it combines with the case's
// other events is DeadlinesFor's business) and returns a *ValidationError
// listing every problem. Field names are prefixed "event.".
func (e Event) Validate() error {
	var pr problems
	f := func(name string) string { return "event." + name }
	if e.CaseID == "" {
		pr.add(f("case_id"), ProblemRequired)
	}
	switch {
	case e.Kind == "":
		pr.add(f("kind"), ProblemRequired)
	case !slices.Contains(EventKinds, e.Kind):
		pr.add(f("kind"), ProblemUnknown)
	}
	if e.Date.IsZero() {
		pr.add(f("date"), ProblemRequired)
	} else if !deadline.Date(e.Date).Valid() {
		pr.add(f("date"), ProblemInvalidDate)
	}
	if _, ok := e.Clock(); e.Time != "" && !ok {
		pr.add(f("time"), ProblemInvalidTime)
	}
	for name, d := range map[string]Date{"decided": e.Decided, "first_presentation": e.FirstPresentation, "expiry": e.Expiry} {
		if !d.IsZero() && !deadline.Date(d).Valid() {
			pr.add(f(name), ProblemInvalidDate)
		}
	}
	need := func(name string, set bool) {
		if !set {
			pr.add(f(name), ProblemRequired)
		}
	}
	switch e.Kind {
	case EventDecisionTaken, EventDecisionNotified:
		need("decision_kind", e.Decision != "")
		if e.Decision != "" && !slices.Contains(DecisionKinds, e.Decision) {
			pr.add(f("decision_kind"), ProblemUnknown)
		}
	case EventJudgmentNotified:
		need("decision_kind", e.Decision != "")
		if e.Decision != "" && !slices.Contains(JudgmentKinds, e.Decision) {
			pr.add(f("decision_kind"), ProblemUnknown)
		}
	case EventLegalAidDecided:
		if e.Decision != "" && !slices.Contains(AidKinds, e.Decision) {
			pr.add(f("decision_kind"), ProblemUnknown)
		}
	case EventSituationChanged:
		need("situation", e.Situation != "")
	case EventTitleRequested:
		need("article", e.Article != "")
	case EventPermitIssued, EventRecepisseIssued, EventAPIIssued:
		need("expiry", !e.Expiry.IsZero())
		if !e.Expiry.IsZero() && e.Expiry.Before(e.Date) {
			pr.add(f("expiry"), ProblemBeforeEvent)
		}
	case EventCourtSeized, EventHearing:
		need("court", e.Court != "")
	}
	if e.Situation != "" && !slices.Contains(Situations, e.Situation) {
		pr.add(f("situation"), ProblemUnknown)
	}
	if !e.Decided.IsZero() && e.Date.Before(e.Decided) {
		pr.add(f("decided"), ProblemAfterEvent)
	}
	if !e.FirstPresentation.IsZero() && e.Date.Before(e.FirstPresentation) {
		pr.add(f("first_presentation"), ProblemAfterEvent)
	}
	if e.Rule != "" {
		if _, ok := deadline.Lookup(e.Rule); !ok {
			pr.add(f("rule"), ProblemUnknown)
		}
	}
	for name, v := range map[string]string{"article": e.Article, "court": e.Court, "number": e.Number, "concerns": e.Concerns} {
		if utf8.RuneCountInString(v) > maxTextField {
			pr.add(f(name), ProblemTooLong)
		} else if hasControl(v) {
			pr.add(f(name), ProblemControlChar)
		}
	}
	if len(e.Note) > MaxEventNote {
		pr.add(f("note"), ProblemTooLong)
	} else if HasControlMultiline(e.Note) {
		pr.add(f("note"), ProblemControlChar)
	}
	slices.SortFunc(pr, func(a, b FieldProblem) int { return strings.Compare(a.Field, b.Field) })
	return pr.err()
}
