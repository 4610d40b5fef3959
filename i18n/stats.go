package i18n

import (
	"strings"

	"casefile/model"
	"casefile/stats"
	"casefile/stats/render"
)

// StatsLabel names a figure (axis ""), or one of its rows or columns
// (axis "row" or "col"), for people to read: categories, procedures and
// outcomes by their labels, months as the language writes them,
// prefectures as typed. It is the stats.Labeler of both faces.
func StatsLabel(table, axis, key string) string {
	switch {
	case axis == "":
		return T("stats.table." + table)
	case strings.HasPrefix(key, "_") || key == stats.KeyPeople:
		return T("stats.key." + key)
	}
	switch table {
	case stats.TableByCategory:
		return T("malfunction." + key)
	case stats.TableByMonth:
		if _, err := model.ParseDate(key + "-01"); err == nil {
			return T("stats.month."+key[5:]) + " " + key[:4]
		}
	case stats.TableOutcomes:
		if axis == "col" {
			return T("stats.outcome." + key)
		}
		return Procedure(model.Procedure(key))
	case stats.DelayAttestation, stats.DelayDecision:
		return Procedure(model.Procedure(key))
	}
	return key
}

// StatsSubtitle says which period and procedure the figures cover.
func StatsSubtitle(f stats.Filter) string {
	var period string
	switch {
	case !f.From.IsZero() && !f.To.IsZero():
		period = T("stats.period", map[string]string{"From": Date(f.From), "To": Date(f.To)})
	case !f.From.IsZero():
		period = T("stats.period_from", map[string]string{"From": Date(f.From)})
	case !f.To.IsZero():
		period = T("stats.period_to", map[string]string{"To": Date(f.To)})
	default:
		period = T("stats.period_all")
	}
	proc := T("stats.procedure_all")
	if f.Procedure != "" {
		proc = T("stats.procedure", map[string]string{"Procedure": Procedure(f.Procedure)})
	}
	return period + " · " + proc
}

// StatsText is the translated text of the charts (render.Text), generated
// on today.
func StatsText(f stats.Filter, today model.Date) render.Text {
	return render.Text{
		Title:    T("stats.title"),
		Subtitle: StatsSubtitle(f) + " · " + T("stats.generated", map[string]string{"Date": Date(today)}),
		Legend:   T("stats.legend"),
		Note:     T("stats.pseudonymised"),
		Days:     T("stats.days"),
		People:   func(n int) string { return TPlural("stats.people_n", n) },
	}
}
