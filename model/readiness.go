package model

import (
	"slices"
	"time"
)

// What courts have asked for before ordering the prefect, in référé
// "mesures utiles" (CJA L521-3), to give an appointment (DOMAIN.md §2.4,
// §4.2). These are the thresholds the readiness panel measures against;
// they are orders of magnitude from case law, not rules of law.
const (
	// ReadinessMinAttempts: several dated attempts. CE 10 June 2020
	// n°435594 asks for "plusieurs tentatives" [DOMAIN S58]; one per week
	// over ReadinessMinWeeks weeks is the least that shows it.
	ReadinessMinAttempts = 3
	// ReadinessMinWeeks: attempts not all in the same week; the tribunals
	// of Paris and Cergy (Nov. 2020) looked for screenshots over at least
	// three weeks [DOMAIN S58][S58c].
	ReadinessMinWeeks = 3
	// ReadinessStaleDays: waiting too long defeats urgency; CE réf. 30 Jan
	// 2009 n°324344 held a month and a half too long [DOMAIN S62]. A latest
	// attempt older than this is flagged.
	ReadinessStaleDays = 45
)

// Readiness is how strong a case's evidence log is for a référé.
type Readiness struct {
	// Attempts counts the entries not withdrawn.
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
	// Ready: enough attempts over enough weeks, and not stale.
	Ready bool `json:"ready"`

	// Today is the day the readiness was assessed.
	Today Date `json:"today"`

	// Urgent are the case's open deadlines, soonest first (overdue ones
	// included): what a référé must be filed against.
	Urgent []Deadline `json:"urgent"`
}

// AssessReadiness measures a case's evidence (withdrawn entries do not
// count) and lists its open deadlines, as of today, counting weeks and
// days in loc (the case's zone: an attempt at 23:30 UTC on a Sunday is on
// Monday in Paris).
func AssessReadiness(entries []Evidence, deadlines []Deadline, today Date, loc *time.Location) Readiness {
	r := Readiness{Today: today}
	seen := map[ISOWeek]bool{}
	for _, e := range entries {
		if e.Withdrawn || e.At.IsZero() {
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
	for _, d := range deadlines {
		if d.Status == DeadlineOpen {
			r.Urgent = append(r.Urgent, d)
		}
	}
	slices.SortStableFunc(r.Urgent, func(a, b Deadline) int { return a.Due.Compare(b.Due) })
	return r
}

// daysBetween counts calendar days from a to b (negative if b is before a).
func daysBetween(a, b Date) int {
	return int(b.Time(time.UTC).Sub(a.Time(time.UTC)).Hours() / 24)
}
