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
)

// EvidenceChannels lists every channel in display order.
var EvidenceChannels = []EvidenceChannel{
	EvidenceANEF, EvidenceAppointment, EvidencePhone, EvidenceEmail, EvidenceCounter, EvidencePost,
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
	// Withdrawn entries stay in the log, shown struck out, and no longer
	// count towards readiness or the export.
	Withdrawn       bool      `json:"withdrawn"`
	WithdrawnReason string    `json:"withdrawn_reason"`
	AddedBy         string    `json:"added_by"`
	AddedAt         time.Time `json:"added_at"`
}

// MaxEvidenceText caps an entry's description and a withdrawal reason.
const MaxEvidenceText = 2000

// Validate checks what the user gives, as of now: the time (set, not in
// the future, allowing a minute of clock skew), the channel, the text
// (required), the category (optional) and, when withdrawn, the reason.
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
	case strings.TrimSpace(e.What) == "":
		pr.add("evidence.what", ProblemRequired)
	case utf8.RuneCountInString(e.What) > MaxEvidenceText:
		pr.add("evidence.what", ProblemTooLong)
	}
	if e.Category != "" && !contains(MalfunctionCategories, e.Category) {
		pr.add("evidence.category", ProblemUnknown)
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
