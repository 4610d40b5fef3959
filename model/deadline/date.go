package deadline

import (
	"errors"
	"fmt"
	"time"
)

// Date is a calendar day, with no time of day and no time zone. The engine
// counts days and months on Dates so that a deadline can never shift by a
// day because of a zone or a clock change. The zero Date is "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// Clock is a wall-clock time of day, in the zone of the case.
type Clock struct {
	Hour, Minute int
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// ClockOf returns the wall-clock time of t in t's own location.
func ClockOf(t time.Time) Clock {
	return Clock{t.Hour(), t.Minute()}
}

// ParseDate reads a day written YYYY-MM-DD and rejects days that do not
// exist (2026-02-30).
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("deadline: parse date %q: %w", s, ErrInvalidInput)
	}
	return DateOf(t), nil
}

// ParseDateTime reads a wall-clock moment written YYYY-MM-DDTHH:MM (the form
// the CLI accepts for hour rules) and returns its day and time of day. The
// moment is not placed in a zone: Compute does that with the case's zone.
func ParseDateTime(s string) (Date, Clock, error) {
	t, err := time.Parse("2006-01-02T15:04", s)
	if err != nil {
		return Date{}, Clock{}, fmt.Errorf("deadline: parse date-time %q: %w", s, ErrInvalidInput)
	}
	return DateOf(t), ClockOf(t), nil
}

// String formats d as YYYY-MM-DD; the zero Date gives "".
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// String formats c as HH:MM.
func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", c.Hour, c.Minute) }

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d == Date{} }

// Valid reports whether d is a day that exists in the Gregorian calendar.
func (d Date) Valid() bool {
	return d.Month >= time.January && d.Month <= time.December &&
		d.Day >= 1 && d.Day <= DaysIn(d.Year, d.Month)
}

// Valid reports whether c is a time of day between 00:00 and 23:59.
func (c Clock) Valid() bool {
	return c.Hour >= 0 && c.Hour < 24 && c.Minute >= 0 && c.Minute < 60
}

// DaysIn returns the number of days of month m of year y.
func DaysIn(y int, m time.Month) int {
	switch m {
	case time.April, time.June, time.September, time.November:
		return 30
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	}
	return 31
}

// AddDays returns the day n days after d (before d if n is negative).
func (d Date) AddDays(n int) Date { return dateFromDays(d.days() + n) }

// AddMonths returns the day with d's day number n months later (earlier if n
// is negative); when that month is too short, the month's last day. Unlike
// time.AddDate, 31 January plus one month is 28 or 29 February, never March.
func (d Date) AddMonths(n int) Date {
	m := int(d.Month) - 1 + n
	y := d.Year + floorDiv(m, 12)
	month := time.Month(floorMod(m, 12) + 1)
	return Date{y, month, min(d.Day, DaysIn(y, month))}
}

// Sub returns the number of days from e to d: positive when d is later.
func (d Date) Sub(e Date) int { return d.days() - e.days() }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	switch a, b := d.days(), e.days(); {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is earlier than e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is later than e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Weekday returns d's day of the week.
func (d Date) Weekday() time.Weekday {
	return time.Weekday(floorMod(d.days()+4, 7)) // 1970-01-01 was a Thursday
}

// earlier returns the earlier of two days.
func earlier(a, b Date) Date {
	if b.Before(a) {
		return b
	}
	return a
}

// days counts days since 1970-01-01 (Hinnant's days_from_civil), so that day
// arithmetic is plain integer arithmetic.
func (d Date) days() int {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := floorDiv(y, 400)
	yoe := y - era*400
	doy := (153*((m+9)%12)+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dateFromDays is the inverse of Date.days (Hinnant's civil_from_days).
func dateFromDays(z int) Date {
	z += 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	day := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return Date{y, time.Month(m), day}
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

// Errors callers may branch on. Errors returned by the package wrap one of
// them with detail.
var (
	// ErrInvalidInput: a date that does not exist, a missing trigger, legal
	// aid decided before it was requested, and similar mistakes in an Input.
	ErrInvalidInput = errors.New("invalid deadline input")
	// ErrInvalidRule: a Rule that the engine cannot compute (no unit, legal
	// aid on an hour rule, a franc rule counted backwards…).
	ErrInvalidRule = errors.New("invalid deadline rule")
	// ErrOutsideRegime: the decision was taken outside the dates the rule
	// applies to (e.g. oqtf-1m for a decision of 2023): another rule applies.
	ErrOutsideRegime = errors.New("decision outside the rule's regime")
	// ErrUnknownRegion: ParseRegion was given a name it does not know.
	ErrUnknownRegion = errors.New("unknown holiday region")
)
