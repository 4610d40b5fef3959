package feeds

import (
	"testing"
	"time"

	"casefile/model"
)

func TestPackDateSortsAsTheDate(t *testing.T) {
	dates := []model.Date{{}, {Year: 0, Month: 1, Day: 1}, {Year: 1999, Month: 12, Day: 31}, {Year: 2026, Month: 1, Day: 1},
		{Year: 2026, Month: 1, Day: 2}, {Year: 2026, Month: 2, Day: 1}, {Year: 9999, Month: 12, Day: 31}}
	for i, d := range dates {
		if got := unpackDate(packDate(d)); got != d {
			t.Errorf("%v comes back as %v", d, got)
		}
		if i > 0 && packDate(dates[i-1]) >= packDate(d) {
			t.Errorf("%v does not sort before %v", dates[i-1], d)
		}
	}
}

// dayEndKey, computed from the civil date, is the key time.Date gives the
// midnight that ends the day, on every day from 1900 to 2100 and beyond.
func TestDayEndKey(t *testing.T) {
	for d := time.Date(1899, 12, 20, 0, 0, 0, 0, time.UTC); d.Year() < 2101; d = d.AddDate(0, 0, 1) {
		day := model.DateOf(d)
		if got, want := dayEndKey(day), wallKey(day.Year, day.Month, day.Day+1, 0, 0); got != want {
			t.Fatalf("%s: %d, want %d", day, got, want)
		}
	}
	for _, s := range []string{"9999-12-31", "2400-02-29", "2100-02-28"} {
		day, err := model.ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := dayEndKey(day), wallKey(day.Year, day.Month, day.Day+1, 0, 0); got != want {
			t.Errorf("%s: %d, want %d", day, got, want)
		}
	}
}
