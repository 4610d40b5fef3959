package deadline

import (
	"slices"
	"time"
)

// Holiday is a public holiday (jour férié) that moves an extending deadline.
type Holiday struct {
	Date   Date
	NameFR string
	NameEN string
	// Local marks a holiday of a Region only (Alsace-Moselle, overseas
	// abolition days). Whether such days move procedural deadlines is not
	// verified in a primary source (DOMAIN.md §3): the region is an opt-in
	// setting and explanations say so.
	Local bool
}

// Easter returns Easter Sunday of year y in the Gregorian calendar
// (anonymous Gregorian algorithm, valid for any year after 1582).
func Easter(y int) Date {
	a := y % 19
	b, c := y/100, y%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return Date{y, time.Month(n / 31), n%31 + 1}
}

type fixedHoliday struct {
	month  time.Month
	day    int
	fr, en string
}

// National holidays of article L3133-1 of the Code du travail [S63].
var nationalFixed = []fixedHoliday{
	{time.January, 1, "Jour de l'an", "New Year's Day"},
	{time.May, 1, "Fête du Travail", "Labour Day"},
	{time.May, 8, "Victoire 1945", "Victory in Europe Day"},
	{time.July, 14, "Fête nationale", "Bastille Day"},
	{time.August, 15, "Assomption", "Assumption Day"},
	{time.November, 1, "Toussaint", "All Saints' Day"},
	{time.November, 11, "Armistice 1918", "Armistice Day"},
	{time.December, 25, "Noël", "Christmas Day"},
}

type easterHoliday struct {
	offset int // days after Easter Sunday
	fr, en string
}

var nationalEaster = []easterHoliday{
	{1, "Lundi de Pâques", "Easter Monday"},
	{39, "Ascension", "Ascension Day"},
	{50, "Lundi de Pentecôte", "Whit Monday"},
}

var goodFriday = easterHoliday{-2, "Vendredi saint", "Good Friday"}

const abolitionFR, abolitionEN = "Abolition de l'esclavage", "Abolition of slavery"

// localFixed lists the fixed-date local holidays of each region [S64].
var localFixed = [numRegions][]fixedHoliday{
	AlsaceMoselle:   {{time.December, 26, "Saint-Étienne", "St Stephen's Day"}},
	Guadeloupe:      {{time.May, 27, abolitionFR, abolitionEN}},
	Martinique:      {{time.May, 22, abolitionFR, abolitionEN}},
	Guyane:          {{time.June, 10, abolitionFR, abolitionEN}},
	Reunion:         {{time.December, 20, abolitionFR, abolitionEN}},
	Mayotte:         {{time.April, 27, abolitionFR, abolitionEN}},
	SaintMartin:     {{time.May, 27, abolitionFR, abolitionEN}},
	SaintBarthelemy: {{time.October, 9, abolitionFR, abolitionEN}},
}

// Holidays returns the public holidays of year y for region r, in date
// order: the 11 national ones, plus the region's local days.
func Holidays(y int, r Region) []Holiday {
	var hs []Holiday
	for _, f := range nationalFixed {
		hs = append(hs, Holiday{Date{y, f.month, f.day}, f.fr, f.en, false})
	}
	easter := Easter(y)
	for _, e := range nationalEaster {
		hs = append(hs, Holiday{easter.AddDays(e.offset), e.fr, e.en, false})
	}
	if r == AlsaceMoselle {
		hs = append(hs, Holiday{easter.AddDays(goodFriday.offset), goodFriday.fr, goodFriday.en, true})
	}
	if r < numRegions {
		for _, f := range localFixed[r] {
			hs = append(hs, Holiday{Date{y, f.month, f.day}, f.fr, f.en, true})
		}
	}
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return hs
}

// HolidayOn returns the public holiday falling on d in region r, if any.
// When two coincide (Ascension on 8 May, as in 2024) the national one is
// returned.
func HolidayOn(d Date, r Region) (Holiday, bool) {
	for _, f := range nationalFixed {
		if d.Month == f.month && d.Day == f.day {
			return Holiday{d, f.fr, f.en, false}, true
		}
	}
	if d.Month >= time.March && d.Month <= time.June {
		since := d.Sub(Easter(d.Year))
		for _, e := range nationalEaster {
			if since == e.offset {
				return Holiday{d, e.fr, e.en, false}, true
			}
		}
		if r == AlsaceMoselle && since == goodFriday.offset {
			return Holiday{d, goodFriday.fr, goodFriday.en, true}, true
		}
	}
	if r < numRegions {
		for _, f := range localFixed[r] {
			if d.Month == f.month && d.Day == f.day {
				return Holiday{d, f.fr, f.en, true}, true
			}
		}
	}
	return Holiday{}, false
}

// IsWorkingDay reports whether d is neither a Saturday, a Sunday nor a
// public holiday of region r: the days an extending deadline may end on.
func IsWorkingDay(d Date, r Region) bool {
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, hol := HolidayOn(d, r)
	return !hol
}

// NextWorkingDay returns d if it is a working day in r, else the first
// working day after it.
func NextWorkingDay(d Date, r Region) Date {
	for !IsWorkingDay(d, r) {
		d = d.AddDays(1)
	}
	return d
}

// WorkingDaysBefore returns the n-th working day of region r before d.
func WorkingDaysBefore(d Date, n int, r Region) Date {
	for n > 0 {
		d = d.AddDays(-1)
		if IsWorkingDay(d, r) {
			n--
		}
	}
	return d
}
