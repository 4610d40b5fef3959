package model

import "time"

// SignOff records that someone reviewed a week's deadlines: "reviewed by
// By on At". ID is the week, as ISOWeek.String writes it ("2026-W49"), for
// the whole week; a sign-off of one lawyer's deadlines (the review
// filtered on Lawyer) adds a key of the name ("2026-W49.me-anne-roux").
// Signing again replaces the record; the change log keeps every sign-off.
type SignOff struct {
	ID     string    `json:"id"`
	By     string    `json:"by"`
	At     time.Time `json:"at"`
	Lawyer string    `json:"lawyer,omitempty"`
}
