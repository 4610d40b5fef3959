package model

import "time"

// DefaultRetentionYears is how long a closed case is kept after the end of
// the mission: the period during which the lawyer's liability can be sought
// (C. civ. 2225, DOMAIN.md §5), after which the CNB guide says to delete.
const DefaultRetentionYears = 5

// DeletableFrom is the first day a closed or archived case may be erased:
// the end of the mission plus years (or, when no end of mission is
// recorded, the closing date plus years). ok is false for an open case and
// for a closed one with neither date: nobody can say when it may go.
// 29 February plus a number of years that is not a leap year gives 1 March.
func DeletableFrom(c Case, years int) (d Date, ok bool) {
	if c.Status == StatusOpen || c.Status == "" {
		return Date{}, false
	}
	base := c.EndOfMission
	if base.IsZero() {
		base = c.Closed
	}
	if base.IsZero() {
		return Date{}, false
	}
	return DateOf(base.Time(time.UTC).AddDate(years, 0, 0)), true
}
