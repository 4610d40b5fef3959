package version

import (
	"testing"
	"time"
)

func date(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestRulesAge(t *testing.T) {
	tests := []struct {
		lawAsOf, today string
		months         int
		stale          bool
	}{
		{"2026-01-01", "2026-01-31", 0, false},
		{"2026-01-15", "2026-02-14", 0, false}, // not yet a whole month
		{"2026-01-15", "2026-02-15", 1, false},
		{"2026-01-31", "2026-07-30", 5, false},
		{"2026-01-31", "2026-07-31", 6, true},
		{"2025-11-01", "2027-02-01", 15, true},
		{"2026-06-01", "2026-01-01", 0, false}, // a clock set in the past
	}
	for _, tt := range tests {
		got := RulesAge(date(tt.lawAsOf), date(tt.today))
		if got != tt.months || RulesStale(got) != tt.stale {
			t.Errorf("law as of %s, today %s: %d months (stale %v), want %d (%v)",
				tt.lawAsOf, tt.today, got, RulesStale(got), tt.months, tt.stale)
		}
	}
}

func TestGetReadsTheStamp(t *testing.T) {
	defer func(v, d string) { Version, BuildDate = v, d }(Version, BuildDate)
	Version, BuildDate = "0.2.0", "2026-12-07"
	info := Get()
	if info.Version != "0.2.0" || !info.Built.Equal(date("2026-12-07")) {
		t.Errorf("stamped 0.2.0 of 2026-12-07, got %+v", info)
	}
	if info.Go == "" {
		t.Error("no Go version recorded")
	}
}
