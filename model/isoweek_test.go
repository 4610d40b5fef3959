package model

import (
	"errors"
	"testing"
)

func TestParseISOWeek(t *testing.T) {
	tests := []struct {
		in     string
		want   ISOWeek
		monday string
		bad    bool
	}{
		{in: "2026-W49", want: ISOWeek{2026, 49}, monday: "2026-11-30"},
		{in: "2026w01", want: ISOWeek{2026, 1}, monday: "2025-12-29"},
		{in: "2026-W53", want: ISOWeek{2026, 53}, monday: "2026-12-28"},
		{in: "2020-W53", want: ISOWeek{2020, 53}, monday: "2020-12-28"},
		{in: "2027-W01", want: ISOWeek{2027, 1}, monday: "2027-01-04"},
		{in: "2027-W53", bad: true}, // 2027 has 52 weeks
		{in: "2026-W00", bad: true},
		{in: "2026-W4x", bad: true},
		{in: "2026-49", bad: true},
		{in: "", bad: true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseISOWeek(tt.in)
			if tt.bad {
				if !errors.Is(err, ErrInvalidWeek) {
					t.Fatalf("ParseISOWeek(%q) = %v, %v; want ErrInvalidWeek", tt.in, got, err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("ParseISOWeek(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
			}
			if m := got.Monday().String(); m != tt.monday {
				t.Errorf("%v.Monday() = %s, want %s", got, m, tt.monday)
			}
			if back := WeekOf(got.Monday()); back != got {
				t.Errorf("WeekOf(Monday) = %v", back)
			}
			if back := WeekOf(got.Sunday()); back != got {
				t.Errorf("WeekOf(Sunday) = %v", back)
			}
			if got.String() != tt.in && tt.in == "2026-W49" {
				t.Errorf("String() = %q", got.String())
			}
		})
	}
}

func TestISOWeekYearBoundaries(t *testing.T) {
	d, _ := ParseDate("2027-01-01") // a Friday, in 2026-W53
	if w := WeekOf(d); w != (ISOWeek{2026, 53}) {
		t.Errorf("WeekOf(2027-01-01) = %v", w)
	}
	if n := (ISOWeek{2026, 53}).Next(); n != (ISOWeek{2027, 1}) {
		t.Errorf("2026-W53 next = %v", n)
	}
	if p := (ISOWeek{2027, 1}).Prev(); p != (ISOWeek{2026, 53}) {
		t.Errorf("2027-W01 prev = %v", p)
	}
	if n := (ISOWeek{2025, 52}).Next(); n != (ISOWeek{2026, 1}) {
		t.Errorf("2025-W52 next = %v", n)
	}
	for y, want := range map[int]int{2015: 53, 2020: 53, 2025: 52, 2026: 53, 2027: 52, 2032: 53} {
		if got := WeeksIn(y); got != want {
			t.Errorf("WeeksIn(%d) = %d, want %d", y, got, want)
		}
	}
}

// Whatever a user types, a week that parses prints back as it was read
// and its days fall in it.
func FuzzParseISOWeek(f *testing.F) {
	for _, s := range []string{"2026-W49", "2026w01", "2020-W53", "2027-W53", "0000-W01", "9999-W52", "2026-W4x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		w, err := ParseISOWeek(s)
		if err != nil {
			return
		}
		back, err := ParseISOWeek(w.String())
		if err != nil || back != w {
			t.Fatalf("%q -> %v -> %q -> %v, %v", s, w, w.String(), back, err)
		}
		if WeekOf(w.Monday()) != w || WeekOf(w.Sunday()) != w {
			t.Fatalf("%v: Monday %v, Sunday %v", w, w.Monday(), w.Sunday())
		}
	})
}
