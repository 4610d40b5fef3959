package model

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

// Dates are formatted by hand: the same text as fmt and encoding/json.
func TestDateFormatMatchesFmt(t *testing.T) {
	dates := []Date{{}, {Year: 2026, Month: 11, Day: 28}, {Year: 1, Month: 1, Day: 1}, {Year: 0, Month: 1, Day: 0},
		{Year: 9999, Month: 12, Day: 31}, {Year: 10000, Month: 1, Day: 1}, {Year: -5, Month: 3, Day: 4},
		{Year: 2026, Month: 0, Day: 0}, {Year: 2026, Month: 100, Day: 7}, {Year: 2026, Month: 2, Day: 123}}
	for d := (Date{Year: 1899, Month: 12, Day: 25}); d.Year < 2101; d = DateOf(d.Time(time.UTC).AddDate(0, 0, 17)) {
		dates = append(dates, d)
	}
	for _, d := range dates {
		want := ""
		if !d.IsZero() {
			want = fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
		}
		if got := d.String(); got != want {
			t.Fatalf("%#v: String %q, want %q", d, got, want)
		}
		wantJSON, _ := json.Marshal(want)
		if got, err := d.MarshalJSON(); err != nil || string(got) != string(wantJSON) {
			t.Fatalf("%#v: MarshalJSON %s %v, want %s", d, got, err, wantJSON)
		}
	}
}
