package i18n

import (
	"strings"

	"casefile/model"
	"casefile/stats"
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
