package review

import (
	"strconv"
	"strings"

	"casefile/i18n"
	"casefile/model"
	"casefile/model/deadline"
	"casefile/store"
)

// What names a row's deadline in the current language: the rule's label,
// a hearing and its court, or a manual deadline's label. It never names
// the person.
func What(r store.ReviewRow) string {
	switch r.Kind {
	case model.DeadlineComputed:
		if rule, ok := deadline.Lookup(r.RuleID); ok {
			return rule.Label(i18n.Lang())
		}
		return r.RuleID
	case model.DeadlineHearing:
		if r.Label == "" {
			return i18n.T("event.kind.hearing")
		}
		return i18n.T("event.kind.hearing") + " — " + r.Label
	}
	return r.Label
}

// Due writes a row's due day, with the time for hour rules and hearings:
// the case's own time, with its offset from UTC when it is not Paris's
// (Zone), so that rows ordered by instant read right.
func Due(r store.ReviewRow) string {
	if z := Zone(r); z != "" {
		return DueTime(r) + " " + z
	}
	return DueTime(r)
}

// DueTime is Due without the offset.
func DueTime(r store.ReviewRow) string {
	s := i18n.Date(r.Due)
	if !r.DueAt.IsZero() {
		s += " " + r.DueAt.Format("15:04")
	}
	return s
}

// Zone is a row's offset from UTC when its time is in another zone than
// Paris's ("UTC-03:00" for a case in Cayenne), else "".
func Zone(r store.ReviewRow) string {
	if r.DueAt.IsZero() {
		return ""
	}
	_, off := r.DueAt.Zone()
	if _, p := r.DueAt.In(model.Paris()).Zone(); off == p {
		return ""
	}
	return "UTC" + r.DueAt.Format("-07:00")
}

// Weekday names day i of a week, Monday being 0.
func Weekday(i int) string { return i18n.T("review.weekday." + string(rune('0'+i))) }

// WeekTitle is "Week 2026-W49 — 30/11/2026 to 06/12/2026".
func WeekTitle(w model.ISOWeek) string {
	return i18n.T("review.week_title", map[string]string{"Week": w.String(),
		"From": i18n.Date(w.Monday()), "To": i18n.Date(w.Sunday())})
}

// SignedLine is "Reviewed by … on …", or that the week is not signed off.
func SignedLine(so *model.SignOff) string {
	if so == nil {
		return i18n.T("review.not_signed")
	}
	at := so.At.In(model.Paris())
	return i18n.T("review.signed", map[string]string{"By": so.By,
		"Date": i18n.Date(model.DateOf(at)), "Time": at.Format("15:04")})
}

// Owner is a row's owner, or a mark that it has none.
func Owner(r store.ReviewRow) string {
	if strings.TrimSpace(r.Owner) == "" {
		return i18n.T("review.no_owner")
	}
	return r.Owner
}

// EventLine is one event in words: kind, date and what it records.
func EventLine(e model.Event) string {
	parts := []string{strings.TrimSpace(i18n.Date(e.Date) + " " + e.Time), i18n.T("event.kind." + string(e.Kind))}
	add := func(s string) {
		if s = strings.TrimSpace(s); s != "" {
			parts = append(parts, s)
		}
	}
	if e.Decision != "" {
		add(i18n.T("event.decision." + string(e.Decision)))
	}
	if e.Situation != "" {
		add(i18n.T("event.situation." + string(e.Situation)))
	}
	add(e.Article)
	add(e.Court + " " + e.Number)
	return strings.Join(parts, " · ")
}

// Count is " (n)" after a list's title, " (n+)" when the list was cut at
// store.ReviewLimit.
func Count(n int, more bool) string {
	if more {
		return " (" + strconv.Itoa(n) + "+)"
	}
	return " (" + strconv.Itoa(n) + ")"
}

// Marks names, in words, what sets a row apart: a rule counted in hours,
// a case in rétention, a closed or archived case.
func Marks(r store.ReviewRow) []string {
	var out []string
	if r.Hours {
		out = append(out, i18n.T("urgency.mark.hours"))
	}
	if r.Retention {
		out = append(out, i18n.T("urgency.mark.retention"))
	}
	switch r.CaseStatus {
	case model.StatusClosed:
		out = append(out, i18n.T("urgency.mark.closed"))
	case model.StatusArchived:
		out = append(out, i18n.T("urgency.mark.archived"))
	}
	return out
}

// Marked is What with the row's marks before it, in brackets, and ⚠ for
// an unverified rule: "[counted in hours · in rétention] Appeal…".
func Marked(r store.ReviewRow, unverified string) string {
	what := What(r)
	if r.Unverified {
		what = unverified + " " + what
	}
	if m := Marks(r); len(m) > 0 {
		what = "[" + strings.Join(m, " · ") + "] " + what
	}
	return what
}

// LawyerSignedLine is "<lawyer>'s deadlines reviewed by … on …", or that
// they are not signed off.
func LawyerSignedLine(lawyer string, so *model.SignOff) string {
	if so == nil {
		return i18n.T("urgency.lawyer_not_signed", map[string]string{"Lawyer": lawyer})
	}
	at := so.At.In(model.Paris())
	return i18n.T("urgency.lawyer_signed", map[string]string{"Lawyer": lawyer, "By": so.By,
		"Date": i18n.Date(model.DateOf(at)), "Time": at.Format("15:04")})
}
