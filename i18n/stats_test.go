package i18n

import (
	"strings"
	"testing"

	"casefile/model"
	"casefile/stats"
)

func TestStatsLabels(t *testing.T) {
	for _, c := range []struct {
		lang, table, axis, key, want string
	}{
		{"fr_FR.UTF-8", stats.TableByMonth, "row", "2025-03", "mars 2025"},
		{"en_US.UTF-8", stats.TableByMonth, "row", "2025-03", "Mar 2025"},
		{"fr_FR.UTF-8", stats.TableByCategory, "row", "no_appointment", T("malfunction.no_appointment")},
		{"en_US.UTF-8", stats.TableOutcomes, "col", "no_action", "Closed without action"},
		{"en_US.UTF-8", stats.TableOutcomes, "row", "renewal", "Permit renewal"},
		{"fr_FR.UTF-8", stats.TableByPrefecture, "row", stats.KeyOtherPrefectures, "Autres préfectures (moins de 5 personnes chacune)"},
		{"en_US.UTF-8", stats.TableByPrefecture, "row", "Rhône (Lyon)", "Rhône (Lyon)"},
		{"en_US.UTF-8", stats.DelayDecision, "", "", "Days from filing to decision"},
	} {
		t.Setenv("LANG", c.lang)
		Reload()
		got := StatsLabel(c.table, c.axis, c.key)
		if c.table == stats.TableByCategory {
			c.want = T("malfunction.no_appointment")
		}
		if got != c.want || strings.HasPrefix(got, "stats.") {
			t.Errorf("%s %s/%s/%s: %q, want %q", c.lang, c.table, c.axis, c.key, got, c.want)
		}
	}
	t.Setenv("LANG", "fr_FR.UTF-8")
	Reload()
	sub := StatsSubtitle(stats.Filter{From: model.Date{Year: 2025, Month: 1, Day: 1}, Procedure: model.ProcAsylum})
	if sub != "Période : depuis le 01/01/2025 · Procédure : Asile" {
		t.Errorf("subtitle %q", sub)
	}
}
