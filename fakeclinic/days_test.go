package fakeclinic

import (
	"testing"
	"time"

	"casefile/model"
)

func TestDayArithmeticMatchesTimePackage(t *testing.T) {
	start := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 200*366; i += 7 {
		tm := start.AddDate(0, 0, i)
		d := model.DateOf(tm)
		n := dayOf(d)
		if want := day(tm.Unix() / 86400); n != want {
			t.Fatalf("dayOf(%v) = %d, want %d", d, n, want)
		}
		if n.date() != d {
			t.Fatalf("%d.date() = %v, want %v", n, n.date(), d)
		}
		if n.weekday() != tm.Weekday() {
			t.Fatalf("weekday of %v = %v, want %v", d, n.weekday(), tm.Weekday())
		}
	}
}

func TestWorkingDays(t *testing.T) {
	tests := []struct {
		date    string
		working bool
	}{
		{"2026-03-16", true},  // Monday
		{"2026-03-14", false}, // Saturday
		{"2026-03-15", false}, // Sunday
		{"2026-04-06", false}, // lundi de Pâques
		{"2026-05-14", false}, // Ascension
		{"2026-05-25", false}, // lundi de Pentecôte
		{"2025-04-21", false}, // lundi de Pâques
		{"2027-05-06", false}, // Ascension
		{"2030-06-10", false}, // lundi de Pentecôte
		{"2026-07-14", false},
		{"2026-07-15", true},
		{"2026-11-11", false},
		{"2026-12-25", false},
		{"2026-12-24", true},
	}
	for _, tt := range tests {
		d, err := model.ParseDate(tt.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := dayOf(d).working(); got != tt.working {
			t.Errorf("%s working = %v, want %v", tt.date, got, tt.working)
		}
	}
}
