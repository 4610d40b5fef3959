package deadline

import (
	"errors"
	"testing"
	"time"
)

func TestDateArithmeticMatchesTimePackage(t *testing.T) {
	t.Parallel()
	start := time.Date(1899, 12, 25, 0, 0, 0, 0, time.UTC)
	epoch := Date{1970, time.January, 1}
	for i := 0; i < 200*366; i++ {
		tm := start.AddDate(0, 0, i)
		d := DateOf(tm)
		if got := dateFromDays(d.days()); got != d {
			t.Fatalf("round trip %v -> %v", d, got)
		}
		if d.Weekday() != tm.Weekday() {
			t.Fatalf("%v weekday %v, want %v", d, d.Weekday(), tm.Weekday())
		}
		if want := int(tm.Sub(time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24); d.Sub(epoch) != want {
			t.Fatalf("%v is %d days from epoch, want %d", d, d.Sub(epoch), want)
		}
		if next := DateOf(tm.AddDate(0, 0, 1)); d.AddDays(1) != next {
			t.Fatalf("%v + 1 = %v, want %v", d, d.AddDays(1), next)
		}
	}
}

func TestAddMonthsClampsToMonthEnd(t *testing.T) {
	t.Parallel()
	cases := []struct {
		from Date
		n    int
		want Date
	}{
		{Date{2026, 1, 31}, 1, Date{2026, 2, 28}},
		{Date{2028, 1, 31}, 1, Date{2028, 2, 29}},
		{Date{2026, 3, 31}, 1, Date{2026, 4, 30}},
		{Date{2026, 8, 31}, 1, Date{2026, 9, 30}},
		{Date{2026, 12, 31}, 2, Date{2027, 2, 28}},
		{Date{2026, 1, 15}, 12, Date{2027, 1, 15}},
		{Date{2026, 8, 31}, 18, Date{2028, 2, 29}},
		{Date{2028, 2, 29}, 12, Date{2029, 2, 28}},
		{Date{2026, 5, 31}, -2, Date{2026, 3, 31}},
		{Date{2028, 4, 30}, -2, Date{2028, 2, 29}},
		{Date{2026, 1, 31}, -2, Date{2025, 11, 30}},
		{Date{2100, 1, 29}, 1, Date{2100, 2, 28}}, // 2100 is not a leap year
		{Date{2000, 1, 30}, 1, Date{2000, 2, 29}}, // 2000 is
	}
	for _, c := range cases {
		if got := c.from.AddMonths(c.n); got != c.want {
			t.Errorf("%v + %d months = %v, want %v", c.from, c.n, got, c.want)
		}
	}
}

func TestParse(t *testing.T) {
	t.Parallel()
	if d, err := ParseDate("2026-03-04"); err != nil || d != (Date{2026, 3, 4}) {
		t.Errorf("ParseDate = %v, %v", d, err)
	}
	for _, s := range []string{"2026-02-30", "04/03/2026", "", "2026-3-4"} {
		if _, err := ParseDate(s); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("ParseDate(%q) err %v", s, err)
		}
	}
	d, c, err := ParseDateTime("2026-01-09T18:05")
	if err != nil || d != (Date{2026, 1, 9}) || c != (Clock{18, 5}) {
		t.Errorf("ParseDateTime = %v %v %v", d, c, err)
	}
	if _, _, err := ParseDateTime("2026-01-09T24:00"); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("ParseDateTime 24:00 err %v", err)
	}
	if s := (Date{2026, 1, 9}).String(); s != "2026-01-09" {
		t.Errorf("String %q", s)
	}
	if s := (Date{}).String(); s != "" {
		t.Errorf("zero String %q", s)
	}
}

func TestFormatDate(t *testing.T) {
	t.Parallel()
	d := Date{2026, 1, 2}
	if got := FormatDate(d, "fr"); got != "vendredi 02/01/2026" {
		t.Errorf("fr %q", got)
	}
	if got := FormatDate(d, "en"); got != "Fri 2 Jan 2026" {
		t.Errorf("en %q", got)
	}
}
