package i18n

import (
	"time"

	"casefile/internal/version"
	"casefile/model"
)

// RulesAge says how old the rules a build carries are, from their
// law-as-of date, offline: "Rules: law as of 01/11/2026." while they are
// recent, "…: the rules are 8 months old — check for an update." once
// version.RulesStale. "" when the date is unknown (zero).
func RulesAge(lawAsOf, today model.Date) string {
	if lawAsOf.IsZero() {
		return ""
	}
	months := version.RulesAge(lawAsOf.Time(time.UTC), today.Time(time.UTC))
	data := map[string]any{"Date": Date(lawAsOf), "N": months}
	if version.RulesStale(months) {
		return T("version.rules_stale", data)
	}
	return T("version.rules", data)
}
