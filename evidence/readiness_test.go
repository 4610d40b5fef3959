package evidence

import (
	"strings"
	"testing"
	"time"

	"casefile/i18n"
	"casefile/model"
)

// The latest attempt reads "aujourd’hui", "il y a 1 jour", "il y a 3 jours",
// never "il y a 0 jour(s)"; the span agrees with its number too.
func TestReadinessLinesSayDaysInWords(t *testing.T) {
	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
	at := time.Date(2026, 11, 2, 9, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		since, span int
		want        []string
	}{
		{0, 0, []string{"Dernière tentative aujourd’hui", "(0 jour)"}},
		{1, 1, []string{"Dernière tentative il y a 1 jour", "(1 jour)"}},
		{3, 14, []string{"Dernière tentative il y a 3 jours", "(14 jours)"}},
	} {
		r := model.Readiness{Applies: true, Attempts: 2, First: at, Latest: at, SpanDays: c.span, DaysSinceLatest: c.since}
		got := strings.Join(ReadinessLines(r, nil, time.UTC), "\n")
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%d days: lacks %q:\n%s", c.since, w, got)
			}
		}
		if strings.Contains(got, "(s)") {
			t.Errorf("pseudo-plural:\n%s", got)
		}
	}
}
