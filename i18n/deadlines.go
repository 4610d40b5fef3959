package i18n

import (
	"casefile/model"
	"casefile/model/deadline"
	"casefile/store"
	"strings"
)

// DeadlineText is a deadline in words, in the current language.
type DeadlineText struct {
	What         string   // rule label, hearing and court, or the manual label
	RuleStatus   string   // verified, secondary, unverified (computed only)
	Unverified   bool     // the rule is not verified: show it as such
	Explanation  []string // why this date (computed only)
	Caveats      []string
	Alternatives []string // other rules the lawyer may choose
}

// DescribeDeadline puts a deadline and its plan entry into words.
func DescribeDeadline(dv store.DeadlineView) DeadlineText {
	d := dv.Deadline
	lang := Lang()
	var t DeadlineText
	switch d.Kind {
	case model.DeadlineComputed:
		if rule, ok := deadline.Lookup(d.RuleID); ok {
			t.What, t.RuleStatus = rule.Label(lang), rule.Status.String()
			t.Unverified = rule.Status == deadline.Unverified
		}
	case model.DeadlineHearing:
		t.What = T("event.kind.hearing") + " — " + d.Label
	default:
		t.What = d.Label
	}
	if p := dv.Plan; p != nil {
		t.Explanation = p.Result.Explain(lang)
		for _, c := range p.Caveats {
			t.Caveats = append(t.Caveats, Caveat(c))
		}
		t.Alternatives = p.Alternatives
	}
	return t
}

// Caveat is one translated caveat of a planned deadline.
func Caveat(c model.Caveat) string {
	date := ""
	if !c.Date.IsZero() {
		date = Date(c.Date)
	}
	return T("deadline.caveat."+c.Code, map[string]string{"Date": date, "Rule": c.Rule, "Other": c.Other})
}

// EventDetails is what distinguishes an event beyond its kind and date
// (decision, situation, dates, article, court and number, rule), in words.
func EventDetails(e model.Event) string {
	var parts []string
	add := func(s string) {
		if s != "" {
			parts = append(parts, s)
		}
	}
	if e.Decision != "" {
		add(T("event.decision." + string(e.Decision)))
	}
	if e.Situation != "" {
		add(T("event.situation." + string(e.Situation)))
	}
	if !e.Decided.IsZero() {
		add(T("field.event.decided") + " " + Date(e.Decided))
	}
	if !e.FirstPresentation.IsZero() {
		add(T("field.event.first_presentation") + " " + Date(e.FirstPresentation))
	}
	if !e.Expiry.IsZero() {
		add(T("field.event.expiry") + " " + Date(e.Expiry))
	}
	add(e.Article)
	add(strings.TrimSpace(e.Court + " " + e.Number))
	add(e.Rule)
	return strings.Join(parts, " · ")
}
