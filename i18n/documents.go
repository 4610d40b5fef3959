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

// HistoryChange writes "old → new" for a field, values as a person reads
// them (HistoryValue); "→ new" when the field had no value before.
func HistoryChange(field string, old, new json.RawMessage) string {
	if len(old) == 0 || store.IsZeroValue(old) {
		return "→ " + HistoryValue(field, new)
	}
	return HistoryValue(field, old) + " → " + HistoryValue(field, new)
}

// valueLabels: fields whose values are codes, and the prefix of their labels.
var valueLabels = map[string]string{
	"channel": "channel.", "anef_state": "anef_state.", "procedure": "procedure.", "status": "status.",
	"vulnerabilities": "vulnerability.", "checklist": "checklist.", "checklist_item": "checklist.",
	"category": "malfunction.",
}

// HistoryValue is a logged JSON value as a person reads it: codes as their
// labels, dates as the language writes them, yes/no, lists joined, the
// categories of malfunctions, "∅" for nothing; cut at 80 characters.
func HistoryValue(field string, raw json.RawMessage) string {
	label := func(v string) string {
		if prefix, ok := valueLabels[field]; ok && v != "" {
			return T(prefix + v)
		}
		if d, err := model.ParseDate(v); err == nil && len(v) == 10 {
			return Date(d)
		}
		return v
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		s = label(s)
	} else {
		var b bool
		var list []string
		var malf []model.Malfunction
		switch {
		case json.Unmarshal(raw, &b) == nil:
			s = T("documents.bool." + strconv.FormatBool(b))
		case json.Unmarshal(raw, &list) == nil:
			for i := range list {
				list[i] = label(list[i])
			}
			s = strings.Join(list, ", ")
		case field == "malfunctions" && json.Unmarshal(raw, &malf) == nil:
			parts := make([]string, len(malf))
			for i, m := range malf {
				parts[i] = Date(m.Date) + " " + T("malfunction."+string(m.Category))
			}
			s = strings.Join(parts, ", ")
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

// HistoryShown reports whether a change is worth a line in the history a
// person reads: links between records (case_id) and a document's
// technical fields (chunks, hash, type, size, when and by whom it was
// added, which the line's own date and author already say) are left out of
// the text; `history --json` keeps everything.
func HistoryShown(c store.FieldChange) bool {
	if c.Field == "case_id" || c.Field == "person_id" {
		return false
	}
	if c.Entity == store.KindDocument {
		switch c.Field {
		case "chunks", "sha256", "mime", "size", "added_at", "added_by":
			return false
		}
	}
	return true
}
