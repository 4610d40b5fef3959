package deadline

import (
	"fmt"
	"strings"
)

// Unit is the unit a Duration counts in.
type Unit uint8

// Units. The zero Unit is invalid so that a forgotten field is caught.
const (
	Hours Unit = iota + 1
	Days
	Months
)

// String returns "hours", "days" or "months".
func (u Unit) String() string {
	switch u {
	case Hours:
		return "hours"
	case Days:
		return "days"
	case Months:
		return "months"
	}
	return fmt.Sprintf("unit(%d)", uint8(u))
}

// Duration is the length of a deadline. A negative N counts backwards from
// the trigger ("60 days before expiry").
type Duration struct {
	N    int
	Unit Unit
}

// LegalAid says what a request for legal aid (aide juridictionnelle) does to
// a deadline.
type LegalAid uint8

// Legal-aid effects.
const (
	// LegalAidNone: legal aid has no effect on this deadline.
	LegalAidNone LegalAid = iota
	// LegalAidInterrupts: a request filed before expiry starts a new
	// deadline of the same length from the notification of the decision on
	// it (décret n° 2020-1717, art. 43).
	LegalAidInterrupts
	// LegalAidSuspends: a request filed within the rule's LegalAidWindow
	// stops the clock; the days that remained run again from the
	// notification of the decision (loi n° 91-647, art. 9-4, CNDA).
	LegalAidSuspends
	// LegalAidUnverified: the effect is not verified; the engine changes
	// nothing (the earlier date) and the explanation says so.
	LegalAidUnverified
)

// String returns "none", "interrupts", "suspends" or "unverified".
func (a LegalAid) String() string {
	return [...]string{"none", "interrupts", "suspends", "unverified"}[min(int(a), 3)]
}

// Filing says which date proves that a filing was in time.
type Filing uint8

// Filing modes.
const (
	// FilingNotApplicable: nothing is filed (an implicit decision, an expiry).
	FilingNotApplicable Filing = iota
	// FilingReceived: the date of receipt counts (TA, CAA, Conseil d'État
	// greffes; administrations where nothing settles it).
	FilingReceived
	// FilingSent: the date of sending counts (CNDA).
	FilingSent
)

// String returns "not-applicable", "received" or "sent".
func (f Filing) String() string {
	return [...]string{"not-applicable", "received", "sent"}[min(int(f), 2)]
}

// Status tells how far a rule was verified. The zero Status is Unverified,
// so that a rule nobody tagged is shown as unverified.
type Status uint8

// Statuses, shown as ⚠, ◐ and ✅ (docs/deadlines.md).
const (
	// Unverified (⚠): not verified or conflicting sources; the user
	// interface must show it as such.
	Unverified Status = iota
	// Secondary (◐): seen in a secondary source (lawyer, association).
	Secondary
	// Verified (✅): seen in a primary text (code article, court decision).
	Verified
)

// String returns "unverified", "secondary" or "verified".
func (s Status) String() string {
	return [...]string{"unverified", "secondary", "verified"}[min(int(s), 2)]
}

// MarshalText writes the status as String does.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Kind is the nature of a deadline; it decides how the explanation
// justifies a rule that is not franc or does not move.
type Kind uint8

// Kinds of deadline.
const (
	// KindCourtAppeal: an appeal to a court (TA, CAA, Conseil d'État, CNDA):
	// franc, and extended past a Saturday, Sunday or holiday (§2.1).
	KindCourtAppeal Kind = iota
	// KindAdminRecourse: a recourse to the administration (RAPO, recours
	// gracieux or hiérarchique, recourse to the minister): neither franc nor
	// extended, the earlier reading, since no text settles it.
	KindAdminRecourse
	// KindImplicitDecision: the silence of the administration turns into a
	// decision on the computed day, even a Sunday.
	KindImplicitDecision
	// KindAuthorityDelay: a time the administration has to decide, whose
	// lapse is not a decision.
	KindAuthorityDelay
	// KindFilingWindow: a bound of a filing window counted backwards from
	// an expiry; never moved forward.
	KindFilingWindow
	// KindExpiry: the expiry of a document itself.
	KindExpiry
	// KindOther: any other deadline whose counting no text settles:
	// neither franc nor extended.
	KindOther
)

// Event is the kind of procedural event that starts a rule. The vault
// records events of these kinds; their dates are the rules' triggers.
type Event string

// Events that trigger rules.
const (
	EventDecisionNotified     Event = "decision_notified"      // an administrative decision is notified
	EventJudgmentNotified     Event = "judgment_notified"      // a court judgment is notified
	EventApplicationComplete  Event = "application_complete"   // a complete application is filed (receipt given)
	EventImplicitDecision     Event = "implicit_decision"      // an implicit rejection arose
	EventRecoursGracieuxSent  Event = "recours_gracieux_sent"  // a recours gracieux or hiérarchique is sent
	EventMinisterRecourseSent Event = "minister_recourse_sent" // a recourse to the minister is sent
	EventOFPRANotified        Event = "ofpra_notified"         // OFPRA's decision is notified
	EventVisaRefused          Event = "visa_refused"           // a visa refusal is notified
	EventRAPOSent             Event = "rapo_sent"              // a RAPO against a visa refusal is sent
	EventPermitExpiry         Event = "permit_expiry"          // a residence permit expires
	EventReceiptExpiry        Event = "recepisse_expiry"       // a récépissé expires
	EventAPIExpiry            Event = "api_expiry"             // an attestation de prolongation d'instruction expires
	EventRetentionNotified    Event = "retention_notified"     // a placement in immigration detention is notified
	EventRetentionOrder       Event = "retention_order"        // the judge's order on a rétention is pronounced
	EventReasonsRequested     Event = "reasons_requested"      // the reasons of an implicit refusal are requested
	EventReasonsCommunicated  Event = "reasons_communicated"   // the reasons of an implicit refusal are communicated
	EventLegalAidDecided      Event = "legal_aid_decided"      // the legal-aid office's decision is notified
	EventAsylumRegistered     Event = "asylum_registered"      // the asylum attestation is handed over (guichet unique)
)

var eventLabels = map[Event][2]string{
	EventDecisionNotified:     {"notification de la décision", "decision notified"},
	EventJudgmentNotified:     {"notification du jugement", "judgment notified"},
	EventApplicationComplete:  {"dépôt du dossier complet", "complete application filed"},
	EventImplicitDecision:     {"naissance de la décision implicite", "implicit decision arose"},
	EventRecoursGracieuxSent:  {"envoi du recours gracieux ou hiérarchique", "recours gracieux or hiérarchique sent"},
	EventMinisterRecourseSent: {"envoi du recours au ministre", "recourse to the minister sent"},
	EventOFPRANotified:        {"notification de la décision de l'OFPRA", "OFPRA decision notified"},
	EventVisaRefused:          {"notification du refus de visa", "visa refusal notified"},
	EventRAPOSent:             {"envoi du RAPO", "RAPO sent"},
	EventPermitExpiry:         {"expiration du titre de séjour", "residence permit expiry"},
	EventReceiptExpiry:        {"expiration du récépissé", "récépissé expiry"},
	EventAPIExpiry:            {"expiration de l'attestation de prolongation d'instruction", "API (extension attestation) expiry"},
	EventRetentionNotified:    {"notification du placement en rétention", "placement in immigration detention notified"},
	EventRetentionOrder:       {"prononcé de l'ordonnance du magistrat", "judge's order pronounced"},
	EventReasonsRequested:     {"envoi de la demande de motifs", "request for reasons sent"},
	EventReasonsCommunicated:  {"communication des motifs", "reasons communicated"},
	EventLegalAidDecided:      {"notification de la décision d'aide juridictionnelle", "legal-aid decision notified"},
	EventAsylumRegistered:     {"remise de l'attestation de demande d'asile", "asylum attestation handed over"},
}

// Label returns the event's name in French ("fr") or English ("en").
func (e Event) Label(lang string) string {
	l, ok := eventLabels[e]
	if !ok {
		return string(e)
	}
	if isEnglish(lang) {
		return l[1]
	}
	return l[0]
}

// followsDecision reports whether the event cannot precede the decision it
// concerns, so that a trigger before a regime's start proves the decision
// was taken before it too.
func (e Event) followsDecision() bool {
	switch e {
	case EventDecisionNotified, EventJudgmentNotified, EventOFPRANotified, EventVisaRefused, EventRetentionNotified:
		return true
	}
	return false
}

// Regime is the period of decisions a rule applies to. Zero From or Until
// leaves that side open; both bounds are inclusive.
type Regime struct {
	LabelFR, LabelEN string
	From, Until      Date
}

// Covers reports whether a decision taken on d falls under the regime.
func (g Regime) Covers(d Date) bool {
	return (g.From.IsZero() || !d.Before(g.From)) && (g.Until.IsZero() || !d.After(g.Until))
}

// bounded reports whether the regime limits the decisions it applies to.
func (g Regime) bounded() bool { return !g.From.IsZero() || !g.Until.IsZero() }

// Rule is one deadline of the law, as data.
type Rule struct {
	// ID is stable: it is stored in vaults and typed in the CLI.
	ID               string
	LabelFR, LabelEN string
	// Trigger is the kind of event the deadline counts from.
	Trigger  Event
	Duration Duration
	Kind     Kind
	// Franc: the trigger day is not counted and the filing may still be
	// made on the day after the nominal end.
	Franc bool
	// Extends: a last day on a Saturday, Sunday or public holiday moves to
	// the next working day.
	Extends  bool
	LegalAid LegalAid
	// LegalAidWindow names the rule bounding the legal-aid request of a
	// Suspends rule (cnda-aj-15d for cnda-1m); a request after it suspends
	// nothing.
	LegalAidWindow string
	Filing         Filing
	// Basis is the legal basis, article and code or court decision.
	Basis  string
	Regime Regime
	Status Status
	// NoteFR and NoteEN say what a user must know: unsettled points, the
	// reading the engine chose and the other one.
	NoteFR, NoteEN string
	// Sources are what the rule rests on, as a lawyer cites them.
	Sources []Source
	// ReadingFR and ReadingEN name the rule's own counting when another
	// reading exists ("CAA Lyon, 19 déc. 2024 : non franc, non prorogé").
	ReadingFR, ReadingEN string
	// Alt is another reading of the same deadline, with its own counting
	// and sources; the engine computes both and keeps the earlier date.
	Alt *Alternative
}

// Alternative is another reading of a rule's deadline, supported by other
// decisions or texts.
type Alternative struct {
	// NameFR and NameEN say whose reading it is and what it does
	// ("CAA Toulouse, 3 juil. 2025 : franc et prorogé").
	NameFR, NameEN string
	Duration       Duration
	Franc, Extends bool
	Sources        []Source
}

// Name returns the alternative's name in French ("fr") or English ("en").
func (a Alternative) Name(lang string) string {
	if isEnglish(lang) {
		return a.NameEN
	}
	return a.NameFR
}

// ReadingName returns the name of the rule's own reading.
func (r Rule) ReadingName(lang string) string {
	if isEnglish(lang) {
		return r.ReadingEN
	}
	return r.ReadingFR
}

// altRule is the rule counted the alternative's way: same trigger, kind and
// legal aid, its own duration and flags, no further alternative.
func (r Rule) altRule() Rule {
	a := *r.Alt
	r.Duration, r.Franc, r.Extends, r.Alt = a.Duration, a.Franc, a.Extends, nil
	r.Sources = a.Sources
	return r
}

// Label returns the rule's label in French ("fr") or English ("en").
func (r Rule) Label(lang string) string {
	if isEnglish(lang) {
		return r.LabelEN
	}
	return r.LabelFR
}

// Note returns the rule's note in French ("fr") or English ("en").
func (r Rule) Note(lang string) string {
	if isEnglish(lang) {
		return r.NoteEN
	}
	return r.NoteFR
}

// Validate reports, wrapping ErrInvalidRule, what prevents computing r.
func (r Rule) Validate() error {
	bad := func(why string) error {
		return fmt.Errorf("deadline: rule %q: %s: %w", r.ID, why, ErrInvalidRule)
	}
	switch {
	case r.ID == "":
		return bad("no id")
	case r.Duration.Unit < Hours || r.Duration.Unit > Months:
		return bad("no unit")
	case r.Duration.Unit == Hours && r.Duration.N <= 0:
		return bad("hour rules count forwards")
	case r.Duration.Unit == Hours && (r.Franc || r.Extends):
		return bad("hour rules are neither franc nor extended")
	case r.Duration.N < 0 && (r.Franc || r.Extends):
		return bad("a rule counted backwards is neither franc nor extended")
	case (r.LegalAid == LegalAidInterrupts || r.LegalAid == LegalAidSuspends) && (r.Duration.Unit == Hours || r.Duration.N <= 0):
		return bad("legal aid can only interrupt or suspend a forward day or month rule")
	case r.LegalAid == LegalAidSuspends && r.LegalAidWindow == "":
		return bad("a suspending rule needs a legal-aid window")
	}
	if r.Alt != nil {
		a := r.Alt
		switch {
		case r.LegalAid == LegalAidInterrupts || r.LegalAid == LegalAidSuspends:
			return bad("a rule with another reading cannot also be interrupted or suspended by legal aid")
		case a.NameFR == "" || a.NameEN == "" || r.ReadingFR == "" || r.ReadingEN == "":
			return bad("an alternative reading needs both readings named")
		case a.Duration.Unit < Hours || a.Duration.Unit > Months || a.Duration.N <= 0:
			return bad("an alternative reading counts forwards")
		case a.Duration.Unit == Hours && (a.Franc || a.Extends || r.Duration.Unit != Hours):
			return bad("an hour reading is neither franc nor extended, beside an hour rule")
		case r.Duration.Unit == Hours && a.Duration.Unit != Hours && a.Duration.Unit == Days && a.Duration.N*24 < r.Duration.N:
			return bad("a day reading of an hour rule must never end before it")
		case r.Duration.Unit == Hours && a.Duration.Unit == Months:
			return bad("an hour rule's other reading is in hours or days")
		case r.Duration.Unit != Hours && a.Duration.Unit == Hours:
			return bad("a day or month rule's other reading is in days or months")
		}
	}
	if r.LegalAidWindow != "" {
		w, ok := Lookup(r.LegalAidWindow)
		if !ok || w.Duration.Unit == Hours || w.Duration.N <= 0 || w.Trigger != r.Trigger {
			return bad("legal-aid window " + r.LegalAidWindow + " is not a forward day rule on the same trigger")
		}
	}
	return nil
}

func isEnglish(lang string) bool { return strings.HasPrefix(strings.ToLower(lang), "en") }
