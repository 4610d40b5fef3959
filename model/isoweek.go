package model

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ErrInvalidWeek: a week was not written YYYY-Www, or has no such number
// in its year (W53 exists only in years with 53 ISO weeks).
var ErrInvalidWeek = errors.New("invalid ISO week")

// ISOWeek is an ISO 8601 week: weeks start on Monday, and week 1 is the
// one with the year's first Thursday, so 2026-12-31 is in 2026-W53 and
// 2027-01-01 too.
type ISOWeek struct {
	Year int
	Week int
}

// WeekOf returns the ISO week a date falls in.
func WeekOf(d Date) ISOWeek {
	y, w := d.Time(time.UTC).ISOWeek()
	return ISOWeek{y, w}
}

// ParseISOWeek reads "2026-W49" (also "2026W49", and a lower-case w).
func ParseISOWeek(s string) (ISOWeek, error) {
	bad := fmt.Errorf("%w: %q", ErrInvalidWeek, s)
	t := strings.Replace(strings.ToUpper(strings.TrimSpace(s)), "-W", "W", 1)
	if len(t) != 7 || t[4] != 'W' || !allDigits(t[:4]) || !allDigits(t[5:]) {
		return ISOWeek{}, bad
	}
	y, _ := strconv.Atoi(t[:4])
	n, _ := strconv.Atoi(t[5:])
	w := ISOWeek{y, n}
	if !w.Valid() {
		return ISOWeek{}, bad
	}
	return w, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Valid reports whether the week exists.
func (w ISOWeek) Valid() bool {
	return w.Year >= 1 && w.Year <= 9999 && w.Week >= 1 && w.Week <= WeeksIn(w.Year)
}

// WeeksIn returns 52 or 53, the number of ISO weeks of year: the week of
// 28 December is always the last.
func WeeksIn(year int) int {
	_, w := time.Date(year, time.December, 28, 0, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

// Monday returns the first day of the week.
func (w ISOWeek) Monday() Date {
	// 4 January is always in week 1.
	jan4 := time.Date(w.Year, time.January, 4, 0, 0, 0, 0, time.UTC)
	off := (int(jan4.Weekday()) + 6) % 7 // days since Monday
	return DateOf(jan4.AddDate(0, 0, (w.Week-1)*7-off))
}

// Day returns the i-th day of the week, Monday being 0 and Sunday 6.
func (w ISOWeek) Day(i int) Date { return w.Monday().AddDays(i) }

// Sunday returns the last day of the week.
func (w ISOWeek) Sunday() Date { return w.Day(6) }

// Next returns the following week, across a year boundary if need be.
func (w ISOWeek) Next() ISOWeek { return WeekOf(w.Day(7)) }

// Prev returns the week before.
func (w ISOWeek) Prev() ISOWeek { return WeekOf(w.Day(-7)) }

// String writes the week as "2026-W49".
func (w ISOWeek) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Week) }

// AddDays returns the date n days later (earlier when n is negative).
func (d Date) AddDays(n int) Date { return DateOf(d.Time(time.UTC).AddDate(0, 0, n)) }
