package deadline

import (
	"testing"
	"time"
)

// The Easter-based table of docs/deadlines.md.
func TestEasterTableFromDomain(t *testing.T) {
	t.Parallel()
	table := []struct {
		year                                      int
		goodFriday, easterMonday, ascension, whit Date
	}{
		{2025, Date{2025, 4, 18}, Date{2025, 4, 21}, Date{2025, 5, 29}, Date{2025, 6, 9}},
		{2026, Date{2026, 4, 3}, Date{2026, 4, 6}, Date{2026, 5, 14}, Date{2026, 5, 25}},
		{2027, Date{2027, 3, 26}, Date{2027, 3, 29}, Date{2027, 5, 6}, Date{2027, 5, 17}},
		{2028, Date{2028, 4, 14}, Date{2028, 4, 17}, Date{2028, 5, 25}, Date{2028, 6, 5}},
		{2029, Date{2029, 3, 30}, Date{2029, 4, 2}, Date{2029, 5, 10}, Date{2029, 5, 21}},
		{2030, Date{2030, 4, 19}, Date{2030, 4, 22}, Date{2030, 5, 30}, Date{2030, 6, 10}},
	}
	for _, row := range table {
		check := func(d Date, r Region, name string) {
			h, ok := HolidayOn(d, r)
			if !ok || h.NameFR != name {
				t.Errorf("%d: %v in %v: %q %v, want %q", row.year, d, r, h.NameFR, ok, name)
			}
		}
		check(row.easterMonday, Metropole, "Lundi de Pâques")
		check(row.ascension, Metropole, "Ascension")
		check(row.whit, Metropole, "Lundi de Pentecôte")
		check(row.goodFriday, AlsaceMoselle, "Vendredi saint")
		if _, ok := HolidayOn(row.goodFriday, Metropole); ok {
			t.Errorf("%d: Good Friday is a holiday in metropole", row.year)
		}
	}
}

func TestEasterKnownYears(t *testing.T) {
	t.Parallel()
	for _, want := range []Date{
		{1818, 3, 22}, {1943, 4, 25}, {2000, 4, 23}, {2024, 3, 31}, {2038, 4, 25}, {2285, 3, 22},
	} {
		if got := Easter(want.Year); got != want {
			t.Errorf("Easter(%d) = %v, want %v", want.Year, got, want)
		}
	}
}

func TestHolidaysPerRegion(t *testing.T) {
	t.Parallel()
	counts := map[Region]int{Metropole: 11, AlsaceMoselle: 13, Guadeloupe: 12, Martinique: 12, Guyane: 12,
		Reunion: 12, Mayotte: 12, SaintMartin: 13, SaintBarthelemy: 12}
	for r, n := range counts {
		if got := len(Holidays(2026, r)); got != n {
			t.Errorf("%v: %d holidays, want %d", r, got, n)
		}
	}
	local := map[Region]Date{Guadeloupe: {2026, 5, 27}, Martinique: {2026, 5, 22}, Guyane: {2026, 6, 10},
		Reunion: {2026, 12, 20}, Mayotte: {2026, 4, 27}, SaintBarthelemy: {2026, 10, 9},
		AlsaceMoselle: {2026, 12, 26}}
	for r, d := range local {
		if h, ok := HolidayOn(d, r); !ok || !h.Local {
			t.Errorf("%v: %v not a local holiday", r, d)
		}
		if _, ok := HolidayOn(d, Metropole); ok {
			t.Errorf("%v is a holiday in metropole", d)
		}
	}
	// Saint-Martin's abolition day is 27 or 28 May: the text that fixes it
	// could not be read, so neither day moves a deadline.
	for _, d := range []Date{{2026, 5, 27}, {2026, 5, 28}} {
		if _, ok := HolidayOn(d, SaintMartin); ok {
			t.Errorf("saint-martin: %v moves deadlines though its date is not verified", d)
		}
		if h, ok := unverifiedHolidayOn(d, SaintMartin); !ok || !h.Unverified {
			t.Errorf("saint-martin: %v not listed as an unverified local day", d)
		}
	}
}

// HolidayOn and Holidays are two views of the same calendar.
func TestHolidayOnAgreesWithHolidays(t *testing.T) {
	t.Parallel()
	for _, r := range Regions() {
		for y := 1990; y <= 2100; y++ {
			want := map[Date]bool{}
			for _, h := range Holidays(y, r) {
				want[h.Date] = want[h.Date] || !h.Unverified
			}
			for d := (Date{y, 1, 1}); d.Year == y; d = d.AddDays(1) {
				if _, ok := HolidayOn(d, r); ok != want[d] {
					t.Fatalf("%v %v: HolidayOn %v, Holidays %v", r, d, ok, want[d])
				}
			}
		}
	}
}

func TestWorkingDays(t *testing.T) {
	t.Parallel()
	if IsWorkingDay(Date{2026, 4, 4}, Metropole) || IsWorkingDay(Date{2026, 4, 5}, Metropole) || IsWorkingDay(Date{2026, 4, 6}, Metropole) {
		t.Error("Easter weekend 2026 has working days")
	}
	if got := NextWorkingDay(Date{2026, 4, 3}, AlsaceMoselle); got != (Date{2026, 4, 7}) {
		t.Errorf("next working day after Good Friday in Alsace-Moselle: %v", got)
	}
	// 2 working days before Tue 7 Apr 2026, skipping Easter Monday and the weekend: Thu 2 Apr.
	if got := WorkingDaysBefore(Date{2026, 4, 7}, 2, Metropole); got != (Date{2026, 4, 2}) {
		t.Errorf("WorkingDaysBefore = %v, want 2026-04-02", got)
	}
	if got := WorkingDaysBefore(Date{2026, 4, 7}, 2, AlsaceMoselle); got != (Date{2026, 4, 1}) {
		t.Errorf("WorkingDaysBefore (Alsace-Moselle) = %v, want 2026-04-01", got)
	}
	if (Date{2026, 1, 3}).Weekday() != time.Saturday {
		t.Error("3 Jan 2026 is a Saturday")
	}
}
