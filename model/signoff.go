package model

import "time"

// SignOff records that someone reviewed a week's deadlines: "reviewed by
// By on At". ID is the week, as ISOWeek.String writes it ("2026-W49").
// Signing a week again replaces the record; the change log keeps every
// sign-off.
type SignOff struct {
	ID string    `json:"id"`
	By string    `json:"by"`
	At time.Time `json:"at"`
}
