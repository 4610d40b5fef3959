package app

import (
	"encoding/json"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/model/deadline"
	"casefile/store"
)

// historyTab is a case's history from the change log, newest first: when
// (Paris time), who, which field of which record, old → new, in words:
// field labels, codes as their labels, dates and times as the language
// writes them, people and events by name rather than by id. A case can
// have hundreds of changes, so rows are a widget.List over the slice read
// once.
func (a *App) historyTab(caseID string) fyne.CanvasObject {
	var rows []store.FieldChange
	var names historyNames
	if v := a.Vault(); v != nil {
		h, err := v.CaseHistory(caseID)
		if err != nil {
			a.showError(err)
		}
		names = loadHistoryNames(v, caseID)
		// Newest change first; a change's fields keep their order.
		for end := len(h); end > 0; {
			start := end - 1
			for start > 0 && h[start-1].HLC == h[end-1].HLC && h[start-1].Device == h[end-1].Device {
				start--
			}
			for _, c := range h[start:end] {
				if i18n.HistoryShown(c) {
					rows = append(rows, c)
				}
			}
			end = start
		}
	}
	if len(rows) == 0 {
		return container.NewVBox(widget.NewLabel(i18n.T("app.history.none")))
	}
	list := widget.NewList(
		func() int { return len(rows) },
		func() fyne.CanvasObject {
			when := widget.NewLabel("00/00/0000 00:00")
			who := widget.NewLabel("Me Xxxxxxxxxx Xxxxxx")
			who.Truncation = fyne.TextTruncateEllipsis
			what := widget.NewLabel("")
			what.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil,
				container.NewHBox(container.New(&fixedWidth{width: 150}, when), container.New(&fixedWidth{width: 190}, who)),
				nil, what)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := rows[i]
			b := o.(*fyne.Container)
			left := b.Objects[1].(*fyne.Container)
			left.Objects[0].(*fyne.Container).Objects[0].(*widget.Label).SetText(historyTime(c.Time))
			left.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(c.Author)
			b.Objects[0].(*widget.Label).SetText(historyLine(c, names))
		})
	return container.NewBorder(widget.NewLabel(i18n.TPlural("app.history.count", len(rows))), nil, nil, nil, list)
}

// historyTime is a moment as the rest of the app writes it: the date as
// the language does, the time in Paris.
func historyTime(t time.Time) string {
	p := t.In(model.Paris())
	return i18n.Date(model.DateOf(p)) + " " + p.Format("15:04")
}

// historyLine is one change in words: "Case › Prefecture: Rhône (Lyon) →
// Isère (Grenoble)".
func historyLine(c store.FieldChange, names historyNames) string {
	return historyLabel(c.Entity, c.Field) + i18n.T("punct.colon") + historyChange(c, names)
}

// historyLabel names a field for people: "Evidence › Category".
func historyLabel(entity, field string) string {
	key := "field." + field
	if entityLabels[entity+"."+field] {
		key = "field." + entity + "." + field
	}
	return i18n.T("history.entity."+entity) + " › " + i18n.T(key)
}

// entityLabels are the fields whose label depends on the record kind
// (field.<kind>.<name>: an evidence's channel is not a case's).
var entityLabels = map[string]bool{}

func init() {
	for kind, fields := range map[string]string{
		store.KindDeadline: "case_id due kind label owner reason rule_id source status",
		store.KindEvent:    "article case_id concerns court date decided decision_kind expiry first_presentation kind note number rule situation time",
		store.KindEvidence: "at category channel what withdrawn_reason",
		store.KindPerson:   "merged_into",
	} {
		for _, f := range strings.Fields(fields) {
			entityLabels[kind+"."+f] = true
		}
	}
}

// historyChange is "old → new", "new" for a field set for the first
// time, "old → (cleared)" for one emptied.
func historyChange(c store.FieldChange, names historyNames) string {
	nv := historyValue(c.Entity, c.Field, c.New, names)
	if nv == "" {
		nv = i18n.T("history.cleared")
	}
	if len(c.Old) == 0 || store.IsZeroValue(c.Old) {
		return nv
	}
	return historyValue(c.Entity, c.Field, c.Old, names) + " → " + nv
}

// enumLabels: fields holding codes, and the prefix of their labels.
var enumLabels = map[string]string{
	"case.procedure": "procedure.", "case.status": "status.", "case.channel": "channel.",
	"case.anef_state": "anef_state.", "case.checklist": "checklist.",
	"person.vulnerabilities": "vulnerability.",
	"event.kind":             "event.kind.", "event.decision_kind": "event.decision.", "event.situation": "event.situation.",
	"deadline.kind": "deadline.kind.", "deadline.status": "deadline.state.",
	"evidence.channel": "evidence.channel.", "evidence.category": "malfunction.",
	"document.checklist_item": "checklist.",
}

// historyNames are the case's people and events by id, read once, for the
// fields that hold an id.
type historyNames struct {
	people, events map[string]string
}

func loadHistoryNames(v *store.Vault, caseID string) historyNames {
	n := historyNames{people: map[string]string{}, events: map[string]string{}}
	if f, err := v.Case(caseID); err == nil {
		ids := []string{f.PersonID}
		for _, r := range f.Related {
			ids = append(ids, r.PersonID)
		}
		for _, id := range ids {
			if p, err := v.Person(id); err == nil {
				n.people[id] = ltrSpaces(strings.TrimSpace(strings.ToUpper(p.FamilyName) + " " + p.GivenNames))
			}
		}
	}
	if evs, err := v.Events(caseID); err == nil {
		for _, e := range evs {
			n.events[e.ID] = i18n.T("event.kind."+string(e.Kind)) + " " + i18n.Date(e.Date)
		}
	}
	return n
}

// historyValue is a logged value in words; "" for nothing.
func historyValue(entity, field string, raw json.RawMessage, names historyNames) string {
	if len(raw) == 0 || store.IsZeroValue(raw) {
		return ""
	}
	var s string
	isString := json.Unmarshal(raw, &s) == nil
	switch k := entity + "." + field; {
	case k == "deadline.rule_id" || k == "event.rule":
		if r, ok := deadline.Lookup(s); ok && isString {
			return cut(r.Label(i18n.Lang()))
		}
	case k == "deadline.source" || k == "event.concerns":
		if n, ok := names.events[s]; ok && isString {
			return n
		}
		return i18n.T("history.entity.event")
	case k == "deadline.reason" && isString:
		switch s {
		case model.ReasonTriggerCorrected, model.ReasonSuperseded:
			return i18n.T("deadline.reason." + strings.ReplaceAll(s, " ", "_"))
		}
	case k == "case.related":
		var rel []model.Related
		if json.Unmarshal(raw, &rel) == nil {
			parts := make([]string, len(rel))
			for i, r := range rel {
				parts[i] = strings.TrimSpace(i18n.Role(r.Role) + " " + names.people[r.PersonID])
			}
			return cut(strings.Join(parts, ", "))
		}
	case k == "evidence.proofs":
		var proofs []model.EvidenceProof
		if json.Unmarshal(raw, &proofs) == nil {
			parts := make([]string, len(proofs))
			for i, p := range proofs {
				parts[i] = p.Name
			}
			return cut(strings.Join(parts, ", "))
		}
	case enumLabels[k] != "":
		var list []string
		switch {
		case isString:
			return i18n.T(enumLabels[k] + s)
		case json.Unmarshal(raw, &list) == nil:
			for i := range list {
				list[i] = i18n.T(enumLabels[k] + list[i])
			}
			return cut(strings.Join(list, ", "))
		}
	}
	if isString && len(s) > 10 && strings.Contains(s, "T") {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return historyTime(t)
		}
	}
	out := i18n.HistoryValue(field, raw)
	if out == "∅" {
		return ""
	}
	if strings.HasPrefix(out, "{") || strings.HasPrefix(out, "[{") {
		return i18n.T("history.details") // a structure no one reads as is
	}
	return out
}

// cut keeps a value to one readable line.
func cut(s string) string {
	s = strings.ReplaceAll(s, "\n", " ")
	if r := []rune(s); len(r) > 80 {
		return string(r[:79]) + "…"
	}
	return s
}
