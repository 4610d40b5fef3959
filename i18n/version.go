package i18n

import (
	"strings"
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

// VersionLines say which Casefile this is, as `casefile version` prints
// them and the About screen shows them: the version, the build date (and
// commit), the vault format the build writes, the age of its rules on
// today (RulesAge), and the Go toolchain.
func VersionLines(info version.Info, vaultFormat int, lawAsOf, today model.Date) []string {
	lines := []string{T("version.name", map[string]string{"Version": info.Version})}
	built := T("version.unknown_date")
	if !info.Built.IsZero() {
		built = Date(model.DateOf(info.Built))
	}
	if info.Commit != "" {
		commit := info.Commit
		if info.Modified {
			commit += "+"
		}
		lines = append(lines, T("version.built_commit", map[string]string{"Date": built, "Commit": commit}))
	} else {
		lines = append(lines, T("version.built", map[string]string{"Date": built}))
	}
	lines = append(lines, T("version.vault_format", map[string]int{"N": vaultFormat}))
	if r := RulesAge(lawAsOf, today); r != "" {
		lines = append(lines, r)
	}
	if info.Go != "" {
		lines = append(lines, T("version.go", map[string]string{"Go": strings.TrimPrefix(info.Go, "go")}))
	}
	return lines
}
