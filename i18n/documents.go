package i18n

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"casefile/model"
	"casefile/store"
)

// Size writes a byte count the way a file manager does ("1.5 MiB").
func Size(n int64) string {
	switch {
	case n < 1<<10:
		return strconv.FormatInt(n, 10) + " " + T("documents.unit.bytes")
	case n < 1<<20:
		return fmt.Sprintf("%.0f %s", float64(n)/(1<<10), T("documents.unit.kib"))
	}
	s := fmt.Sprintf("%.1f", float64(n)/(1<<20))
	if Lang() == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + T("documents.unit.mib")
}

// HistoryField names a changed field for people: "Person › Given names".
func HistoryField(entity, field string) string {
	return T("history.entity."+entity) + " › " + T("field."+field)
}

// HistoryChange writes "old → new", values as text, long ones cut; "→ new"
// when the field had no value before.
func HistoryChange(old, new json.RawMessage) string {
	if len(old) == 0 || store.IsZeroValue(old) {
		return "→ " + HistoryValue(new)
	}
	return HistoryValue(old) + " → " + HistoryValue(new)
}

// HistoryValue is a logged JSON value as a person reads it: strings
// unquoted, yes/no, lists joined, "∅" for nothing; cut at 80 characters.
func HistoryValue(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		var b bool
		var list []string
		switch {
		case json.Unmarshal(raw, &b) == nil:
			s = T("documents.bool." + strconv.FormatBool(b))
		case json.Unmarshal(raw, &list) == nil:
			s = strings.Join(list, ", ")
		default:
			s = string(raw)
		}
	}
	if s == "" || s == "null" {
		return "∅"
	}
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:79]) + "…"
	}
	return s
}

// Vulnerabilities lists the flags' labels, comma-separated.
func Vulnerabilities(list []model.Vulnerability) string {
	labels := make([]string, len(list))
	for i, v := range list {
		labels[i] = T("vulnerability." + string(v))
	}
	return strings.Join(labels, ", ")
}

// ChecklistProgress is "3 of 7" for the case's procedure checklist, or ""
// when nothing is ticked.
func ChecklistProgress(c model.Case) string {
	items := model.Checklist(c.Procedure)
	n := 0
	for _, it := range items {
		if c.Ticked(it.ID) {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return T("documents.checklist_progress", map[string]int{"Done": n, "Total": len(items)})
}
