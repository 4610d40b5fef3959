package model

import (
	"strings"
	"time"
	"unicode/utf8"
)

// EvidenceChannel is where an attempt or contact with the administration
// took place (issue 7). The values are stable (stored, typed in the CLI);
// labels live in the faces' translations under "evidence.channel.<value>".
type EvidenceChannel string

// Evidence channels.
const (
	EvidenceANEF        EvidenceChannel = "anef"             // the ANEF website
	EvidenceAppointment EvidenceChannel = "appointment_site" // the prefecture's appointment website
	EvidencePhone       EvidenceChannel = "phone"            // a phone line (prefecture, contact centre)
	EvidenceEmail       EvidenceChannel = "email"
	EvidenceCounter     EvidenceChannel = "counter" // at the prefecture's counter
	EvidencePost        EvidenceChannel = "post"
	// The accompaniment CESEDA R. 431-2 requires before the substitute
	// channel: the Centre de contact citoyen (ANTS, by phone or form) and
	// a point d'accueil numérique (in a prefecture or a partner's office).
	EvidenceContactCentre EvidenceChannel = "contact_centre"
	EvidenceAccessPoint   EvidenceChannel = "access_point"
)

// EvidenceChannels lists every channel in display order.
var EvidenceChannels = []EvidenceChannel{
	EvidenceANEF, EvidenceAppointment, EvidenceContactCentre, EvidenceAccessPoint,
	EvidencePhone, EvidenceEmail, EvidenceCounter, EvidencePost,
}

// EvidenceKind says what an entry proves (docs/evidence.md). Labels:
// "evidence.kind.<value>". The zero value is an attempt, which is what
// every entry written before kinds existed is.
type EvidenceKind string

// Evidence kinds.
const (
	// A failed attempt or a contact (the ANEF malfunctions are attempts
	// with a category).
	EvidenceAttempt EvidenceKind = "attempt"
	// Proof that the application was filed: attestation de dépôt,
	// registered-letter receipt, récépissé.
	EvidenceFiling EvidenceKind = "filing"
	// A written request to the administration with a deadline to answer
	// (RespondBy): a mise en demeure, a registered letter.
	EvidenceRequest EvidenceKind = "request"
	// Proof of concrete urgency (Urgency says whose): an employer's
	// letter, a CAF or France Travail notice, a housing or health paper.
	EvidenceUrgency EvidenceKind = "urgency"
)

// EvidenceKinds lists every kind in display order.
var EvidenceKinds = []EvidenceKind{EvidenceAttempt, EvidenceFiling, EvidenceRequest, EvidenceUrgency}

// UrgencySource is who or what shows the urgency of an EvidenceUrgency
// entry. Labels: "evidence.urgency.<value>".
type UrgencySource string

// Urgency sources.
const (
	UrgencyEmployer      UrgencySource = "employer"       // job lost or suspended, contract refused
	UrgencyCAF           UrgencySource = "caf"            // benefits suspended
	UrgencyFranceTravail UrgencySource = "france_travail" // registration or allowance refused
	UrgencyHousing       UrgencySource = "housing"        // lease, social housing, shelter
	UrgencyHealth        UrgencySource = "health"         // health insurance, care
	UrgencyStudies       UrgencySource = "studies"        // enrolment, exam, internship
	UrgencyOther         UrgencySource = "other"
)

// UrgencySources lists every source in display order.
var UrgencySources = []UrgencySource{
	UrgencyEmployer, UrgencyCAF, UrgencyFranceTravail, UrgencyHousing, UrgencyHealth, UrgencyStudies, UrgencyOther,
}

// EvidenceProof is one proof file of an evidence entry: a vault document
// (its bytes live there) with the SHA-256 computed when it was captured.
// The hash is kept on the entry so that a later change of the document
// would show: check compares the two.
type EvidenceProof struct {
	DocID  string `json:"doc_id"`
	Name   string `json:"name"`
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
}

// Evidence is one dated attempt or contact on a case, the proof a référé
// "mesures utiles" rests on (DOMAIN.md §2.4, §4.2). Entries are corrected
// by ordinary edits (the change log keeps the original) and never deleted:
// a mistaken entry is withdrawn with a reason.
type Evidence struct {
	ID       string              `json:"id"`
	CaseID   string              `json:"case_id"`
	At       time.Time           `json:"at"`
	Channel  EvidenceChannel     `json:"channel"`
	What     string              `json:"what"`
	Category MalfunctionCategory `json:"category"`
	Proofs   []EvidenceProof     `json:"proofs"`
	// Kind is what the entry proves ("" reads as an attempt); Urgency
	// says whose urgency an urgency entry shows; RespondBy is the
	// deadline a request gave the administration.
	Kind      EvidenceKind  `json:"kind"`
	Urgency   UrgencySource `json:"urgency"`
	RespondBy Date          `json:"respond_by"`
	// DateOnly: the time of At is not known (an entry recorded with a
	// day only, such as an ANEF malfunction); At is then midnight in
	// Paris and the faces show the day alone.
	DateOnly bool `json:"date_only"`
	// Withdrawn entries stay in the log, shown struck out, and no longer
	// count towards readiness or the export.
	Withdrawn       bool      `json:"withdrawn"`
	WithdrawnReason string    `json:"withdrawn_reason"`
	AddedBy         string    `json:"added_by"`
	AddedAt         time.Time `json:"added_at"`
}

// ProblemBeforeRequest: a request's deadline to answer falls before the
// request itself.
const ProblemBeforeRequest = "before_request"

// MaxEvidenceText caps an entry's description and a withdrawal reason.
const MaxEvidenceText = 2000

// KindOrAttempt is the entry's kind, an attempt when none is recorded.
func (e Evidence) KindOrAttempt() EvidenceKind {
	if e.Kind == "" {
		return EvidenceAttempt
	}
	return e.Kind
}

// IsMalfunction reports whether the entry counts as an ANEF malfunction
// in the clinic's figures: an attempt with a category, not withdrawn.
func (e Evidence) IsMalfunction() bool {
	return !e.Withdrawn && e.Category != "" && e.KindOrAttempt() == EvidenceAttempt
}

// Validate checks what the user gives, as of now: the time (set, not in
// the future, allowing a minute of clock skew), the channel, the text
// (required, except for an attempt whose category says what happened),
// the category (optional), the kind with what it needs (a request's
// deadline, not before the request; an urgency's source, optional) and,
// when withdrawn, the reason.
func (e Evidence) Validate(now time.Time) error {
	var pr problems
	if e.At.IsZero() {
		pr.add("evidence.at", ProblemRequired)
	} else if e.At.After(now.Add(time.Minute)) {
		pr.add("evidence.at", ProblemFuture)
	}
	if !contains(EvidenceChannels, e.Channel) {
		if e.Channel == "" {
			pr.add("evidence.channel", ProblemRequired)
		} else {
			pr.add("evidence.channel", ProblemUnknown)
		}
	}
	switch {
	case strings.TrimSpace(e.What) == "" && (!contains(MalfunctionCategories, e.Category) || e.KindOrAttempt() != EvidenceAttempt):
		pr.add("evidence.what", ProblemRequired)
	case utf8.RuneCountInString(e.What) > MaxEvidenceText:
		pr.add("evidence.what", ProblemTooLong)
	}
	if e.Category != "" && !contains(MalfunctionCategories, e.Category) {
		pr.add("evidence.category", ProblemUnknown)
	}
	if !contains(EvidenceKinds, e.KindOrAttempt()) {
		pr.add("evidence.kind", ProblemUnknown)
	}
	if e.Urgency != "" && (e.KindOrAttempt() != EvidenceUrgency || !contains(UrgencySources, e.Urgency)) {
		pr.add("evidence.urgency", ProblemUnknown)
	}
	switch {
	case e.KindOrAttempt() == EvidenceRequest && e.RespondBy.IsZero():
		pr.add("evidence.respond_by", ProblemRequired)
	case e.KindOrAttempt() == EvidenceRequest && !e.At.IsZero() && e.RespondBy.Before(DateOf(e.At)):
		pr.add("evidence.respond_by", ProblemBeforeRequest)
	case e.KindOrAttempt() != EvidenceRequest && !e.RespondBy.IsZero():
		pr.add("evidence.respond_by", ProblemUnknown)
	}
	if e.Withdrawn {
		switch {
		case strings.TrimSpace(e.WithdrawnReason) == "":
			pr.add("evidence.withdrawn_reason", ProblemRequired)
		case utf8.RuneCountInString(e.WithdrawnReason) > MaxEvidenceText:
			pr.add("evidence.withdrawn_reason", ProblemTooLong)
		}
	}
	return pr.err()
}
