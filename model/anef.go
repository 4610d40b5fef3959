package model

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Channel is how an application reached the administration (DOMAIN.md §1).
// The values are stable (stored, typed in the CLI); labels live in the
// faces' translations under "channel.<value>".
type Channel string

// Filing channels. DOMAIN.md suggests a longer list (OFII portal, OFPRA,
// CNDA, courts): those are where a procedure goes, already said by the
// procedure; the channel records the ANEF question — was it filed online,
// at the counter, by post — which is what the clinic's ANEF reports need.
const (
	ChannelANEF       Channel = "anef"
	ChannelPrefecture Channel = "prefecture"
	ChannelPost       Channel = "post"
	ChannelOther      Channel = "other"
)

// Channels lists every channel in display order.
var Channels = []Channel{ChannelANEF, ChannelPrefecture, ChannelPost, ChannelOther}

// ANEFState is where an application stands on ANEF (DOMAIN.md §2.3: the
// attestation de dépôt is immediate, the API follows for renewals, then a
// decision, explicit or by silence). Labels: "anef_state.<value>".
type ANEFState string

// ANEF application states, in the order an application goes through them.
const (
	ANEFDraft           ANEFState = "draft"            // started, not submitted
	ANEFSubmitted       ANEFState = "submitted"        // attestation de dépôt issued
	ANEFIncomplete      ANEFState = "incomplete"       // documents asked for
	ANEFInstruction     ANEFState = "instruction"      // under instruction
	ANEFAPIIssued       ANEFState = "api_issued"       // attestation de prolongation d'instruction
	ANEFDecisionGranted ANEFState = "decision_granted" // title granted, card to collect
	ANEFDecisionRefused ANEFState = "decision_refused" // explicit refusal
	ANEFImplicitRefusal ANEFState = "implicit_refusal" // silence became a rejection
	ANEFClosed          ANEFState = "closed"           // classement sans suite
)

// ANEFStates lists every state in display order.
var ANEFStates = []ANEFState{
	ANEFDraft, ANEFSubmitted, ANEFIncomplete, ANEFInstruction, ANEFAPIIssued,
	ANEFDecisionGranted, ANEFDecisionRefused, ANEFImplicitRefusal, ANEFClosed,
}

// MalfunctionCategory is one of the ANEF malfunction categories of the
// Défenseur des droits' report (DOMAIN.md §4.3). Labels:
// "malfunction.<value>".
type MalfunctionCategory string

// The eleven categories of DOMAIN.md §4.3, in its order.
const (
	MalfAccess         MalfunctionCategory = "access"          // 1 access impossible, motive not offered
	MalfFilingBug      MalfunctionCategory = "filing_bug"      // 2 technical bug blocks filing
	MalfCannotModify   MalfunctionCategory = "cannot_modify"   // 3 cannot modify/complete/cancel, no history
	MalfNoProgress     MalfunctionCategory = "no_progress"     // 4 no information on progress
	MalfNoAttestation  MalfunctionCategory = "no_attestation"  // 5 no attestation de dépôt / API
	MalfDocsRefused    MalfunctionCategory = "docs_refused"    // 6 provisional documents refused
	MalfNoDecision     MalfunctionCategory = "no_decision"     // 7 no decision within the normal delay
	MalfClosed         MalfunctionCategory = "closed"          // 8 classement sans suite
	MalfNoAppointment  MalfunctionCategory = "no_appointment"  // 9 no préfecture appointment
	MalfVulnerable     MalfunctionCategory = "vulnerable"      // 10 vulnerable publics not catered for
	MalfSupportFailure MalfunctionCategory = "support_failure" // 11 contact centre, access points
)

// MalfunctionCategories lists every category in DOMAIN.md's order.
var MalfunctionCategories = []MalfunctionCategory{
	MalfAccess, MalfFilingBug, MalfCannotModify, MalfNoProgress, MalfNoAttestation,
	MalfDocsRefused, MalfNoDecision, MalfClosed, MalfNoAppointment, MalfVulnerable,
	MalfSupportFailure,
}

// Malfunction is one ANEF malfunction a case met: what kind, when, and what
// happened in the lawyer's words. Kept on the case (field "malfunctions"),
// so the clinic's anonymised ANEF report counts categories per case.
type Malfunction struct {
	ID       string              `json:"id"`
	Category MalfunctionCategory `json:"category"`
	Date     Date                `json:"date"`
	Text     string              `json:"text"`
}

// MaxMalfunctionText caps a malfunction's description.
const MaxMalfunctionText = 2000

func (m Malfunction) validate(today Date, pr *problems) {
	if !contains(MalfunctionCategories, m.Category) {
		if m.Category == "" {
			pr.add("malfunctions.category", ProblemRequired)
		} else {
			pr.add("malfunctions.category", ProblemUnknown)
		}
	}
	if m.Date.IsZero() {
		pr.add("malfunctions.date", ProblemRequired)
	} else if today.Before(m.Date) {
		pr.add("malfunctions.date", ProblemFuture)
	}
	if utf8.RuneCountInString(m.Text) > MaxMalfunctionText {
		pr.add("malfunctions.text", ProblemTooLong)
	} else if HasControlMultiline(m.Text) {
		pr.add("malfunctions.text", ProblemControlChar)
	}
}

// Validate checks one malfunction as of today (for a form, before it is
// added to a case).
func (m Malfunction) Validate(today Date) error {
	var pr problems
	m.validate(today, &pr)
	return pr.err()
}

// NewMalfunctionID returns an id for a malfunction: its date and a
// nanosecond stamp are enough inside one case.
func NewMalfunctionID(now time.Time) string {
	return strings.ReplaceAll(now.UTC().Format("20060102T150405.000000000"), ".", "")
}

// Vulnerability is a flag on a person the clinic must take into account
// (hearing conditions, priority, accompaniment). DOMAIN.md does not list
// them; these follow the vulnerable groups of the asylum reception
// directive (2013/33/EU art. 21, transposed in CESEDA L522-3) that the
// ANEF report (§4.3 item 10) also names: minors, disabled people, digital
// divide. Labels: "vulnerability.<value>".
type Vulnerability string

// Vulnerability flags.
const (
	VulnMinor         Vulnerability = "minor"
	VulnUnaccompanied Vulnerability = "unaccompanied_minor"
	VulnPregnancy     Vulnerability = "pregnancy"
	VulnDisability    Vulnerability = "disability"
	VulnSeriousIll    Vulnerability = "serious_illness"
	VulnTrafficking   Vulnerability = "trafficking_victim"
	VulnViolence      Vulnerability = "violence_victim"
	VulnElderly       Vulnerability = "elderly"
	VulnHomeless      Vulnerability = "homeless"
	VulnSingleParent  Vulnerability = "single_parent"
	VulnDigitalDivide Vulnerability = "digital_divide"
	VulnIlliterate    Vulnerability = "illiterate"
)

// Vulnerabilities lists every flag in display order.
var Vulnerabilities = []Vulnerability{
	VulnMinor, VulnUnaccompanied, VulnPregnancy, VulnDisability, VulnSeriousIll,
	VulnTrafficking, VulnViolence, VulnElderly, VulnHomeless, VulnSingleParent,
	VulnDigitalDivide, VulnIlliterate,
}
