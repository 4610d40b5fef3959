package fakeclinic

import (
	"time"

	"casefile/model"
)

// day counts civil days since 1970-01-01. The generator does its date
// arithmetic on plain integers so that drawing a case costs no time.Time
// conversions; the algorithms are Howard Hinnant's days_from_civil and
// civil_from_days (proleptic Gregorian calendar).
type day int

func dayOf(d model.Date) day {
	y, m := d.Year, int(d.Month)
	if m <= 2 {
		y--
	}
	era := y
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := y - era*400
	mp := m - 3
	if m <= 2 {
		mp = m + 9
	}
	doy := (153*mp+2)/5 + d.Day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

func (n day) date() model.Date {
	z := int(n) + 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return model.Date{Year: y, Month: time.Month(m), Day: d}
}

// yearsBefore returns the day k years before n, keeping the day of the month
// (29 February falls on 1 March in a common year).
func (n day) yearsBefore(k int) day {
	d := n.date()
	d.Year -= k
	return dayOf(d)
}

func (n day) weekday() time.Weekday {
	return time.Weekday(((int(n) % 7) + 7 + 4) % 7) // 1970-01-01 was a Thursday
}

// working reports whether n is a weekday that is not a French national
// public holiday (Code du travail L3133-1; local holidays are ignored).
func (n day) working() bool {
	switch n.weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	d := n.date()
	switch {
	case d.Month == 1 && d.Day == 1, d.Month == 5 && (d.Day == 1 || d.Day == 8),
		d.Month == 7 && d.Day == 14, d.Month == 8 && d.Day == 15,
		d.Month == 11 && (d.Day == 1 || d.Day == 11), d.Month == 12 && d.Day == 25:
		return false
	}
	switch n - easter(d.Year) {
	case 1, 39, 50: // lundi de Pâques, Ascension, lundi de Pentecôte
		return false
	}
	return true
}

// easter returns Easter Sunday of year y (anonymous Gregorian algorithm).
func easter(y int) day {
	a, b, c := y%19, y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	dd := (h+l-7*m+114)%31 + 1
	return dayOf(model.Date{Year: y, Month: time.Month(month), Day: dd})
}

// workingOnOrBefore returns the last working day not after n, but never a day
// before floor (it then returns floor, working or not).
func (n day) workingOnOrBefore(floor day) day {
	for d := n; d >= floor; d-- {
		if d.working() {
			return d
		}
	}
	return floor
}

// workingWithin returns a working day in [lo, hi] near n: the first one at or
// after n, else the last one before it, else lo.
func (n day) workingWithin(lo, hi day) day {
	for d := n; d <= hi; d++ {
		if d.working() {
			return d
		}
	}
	return n.workingOnOrBefore(lo)
}
