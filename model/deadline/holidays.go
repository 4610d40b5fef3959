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
	// verified in a primary source (docs/deadlines.md): the region is an
	// opt-in setting and explanations say so.
	Local bool
	// Unverified marks a local day whose date itself is not verified in
	// the text that fixes it (Saint-Martin's abolition day, 27 or 28 May):
	// it never moves a deadline, and the explanation names it.
	Unverified bool
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
	month      time.Month
	day        int
	fr, en     string
	unverified bool
}

// National holidays of article L3133-1 of the Code du travail.
var nationalFixed = []fixedHoliday{
	{time.January, 1, "Jour de l'an", "New Year's Day", false},
	{time.May, 1, "Fête du Travail", "Labour Day", false},
	{time.May, 8, "Victoire 1945", "Victory in Europe Day", false},
	{time.July, 14, "Fête nationale", "Bastille Day", false},
	{time.August, 15, "Assomption", "Assumption Day", false},
	{time.November, 1, "Toussaint", "All Saints' Day", false},
	{time.November, 11, "Armistice 1918", "Armistice Day", false},
	{time.December, 25, "Noël", "Christmas Day", false},
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

// localFixed lists the fixed-date local holidays of each region (C. trav.
// L3134-13 for Alsace-Moselle; L3422-2 and décret n° 83-1003 for the
// abolition days). Saint-Martin's day was 27 May in the consolidated décret
// of 1983 and is 28 May since 2018 by circulars and a later décret that
// could not be read: both are kept unverified, so neither moves a deadline.
var localFixed = [numRegions][]fixedHoliday{
	AlsaceMoselle:   {{time.December, 26, "Saint-Étienne", "St Stephen's Day", false}},
	Guadeloupe:      {{time.May, 27, abolitionFR, abolitionEN, false}},
	Martinique:      {{time.May, 22, abolitionFR, abolitionEN, false}},
	Guyane:          {{time.June, 10, abolitionFR, abolitionEN, false}},
	Reunion:         {{time.December, 20, abolitionFR, abolitionEN, false}},
	Mayotte:         {{time.April, 27, abolitionFR, abolitionEN, false}},
	SaintMartin:     {{time.May, 27, abolitionFR + " (date non vérifiée)", abolitionEN + " (date not verified)", true}, {time.May, 28, abolitionFR + " (date non vérifiée)", abolitionEN + " (date not verified)", true}},
	SaintBarthelemy: {{time.October, 9, abolitionFR, abolitionEN, false}},
}

// Holidays returns the public holidays of year y for region r, in date
// order: the 11 national ones, plus the region's local days.
func Holidays(y int, r Region) []Holiday {
	var hs []Holiday
	for _, f := range nationalFixed {
		hs = append(hs, Holiday{Date: Date{y, f.month, f.day}, NameFR: f.fr, NameEN: f.en})
	}
	easter := Easter(y)
	for _, e := range nationalEaster {
		hs = append(hs, Holiday{Date: easter.AddDays(e.offset), NameFR: e.fr, NameEN: e.en})
	}
	if r == AlsaceMoselle {
		hs = append(hs, Holiday{Date: easter.AddDays(goodFriday.offset), NameFR: goodFriday.fr, NameEN: goodFriday.en, Local: true})
	}
	if r < numRegions {
		for _, f := range localFixed[r] {
			hs = append(hs, Holiday{Date: Date{y, f.month, f.day}, NameFR: f.fr, NameEN: f.en, Local: true, Unverified: f.unverified})
		}
	}
	slices.SortStableFunc(hs, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return hs
}

// HolidayOn returns the public holiday falling on d in region r, if any.
// When two coincide (Ascension on 8 May, as in 2024) the national one is
// returned. A local day whose date is not verified is not a holiday here
// (it never moves a deadline); unverifiedHolidayOn finds it.
func HolidayOn(d Date, r Region) (Holiday, bool) {
	for _, f := range nationalFixed {
		if d.Month == f.month && d.Day == f.day {
			return Holiday{Date: d, NameFR: f.fr, NameEN: f.en}, true
		}
	}
	if d.Month >= time.March && d.Month <= time.June {
		since := d.Sub(Easter(d.Year))
		for _, e := range nationalEaster {
			if since == e.offset {
				return Holiday{Date: d, NameFR: e.fr, NameEN: e.en}, true
			}
		}
		if r == AlsaceMoselle && since == goodFriday.offset {
			return Holiday{Date: d, NameFR: goodFriday.fr, NameEN: goodFriday.en, Local: true}, true
		}
	}
	if r < numRegions {
		for _, f := range localFixed[r] {
			if d.Month == f.month && d.Day == f.day && !f.unverified {
				return Holiday{Date: d, NameFR: f.fr, NameEN: f.en, Local: true}, true
			}
		}
	}
	return Holiday{}, false
}

// unverifiedHolidayOn returns the local day of region r falling on d whose
// date is not verified, if any.
func unverifiedHolidayOn(d Date, r Region) (Holiday, bool) {
	if r >= numRegions {
		return Holiday{}, false
	}
	for _, f := range localFixed[r] {
		if d.Month == f.month && d.Day == f.day && f.unverified {
			return Holiday{Date: d, NameFR: f.fr, NameEN: f.en, Local: true, Unverified: true}, true
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
