package i18n

import (
	"strings"
	"time"

	"casefile/model"
	"casefile/model/deadline"
	"casefile/store"
)

// DeadlineText is a deadline in words, in the current language.
type DeadlineText struct {
	What         string   // rule label, hearing and court, or the manual label
	RuleStatus   string   // verified, secondary, unverified (computed only)
	Unverified   bool     // the rule is not verified: show it as such
	Explanation  []string // why this date (computed only)
	Caveats      []string
	Alternatives []string // other rules the lawyer may choose
	// NeedsSituation: planned without the person's situation (48 hours
	// assumed); every face shows a prompt to record it.
	NeedsSituation bool
	// Overseas: the appeal does not suspend the removal here; the faces
	// show the alert beside the deadline.
	Overseas bool
	// Readings, when the rule admits two: the one whose date is shown and
	// the other, each named with its support, and both dates.
	Readings []ReadingText
	// Sources and OtherSources are the rule's and the other reading's, as
	// a reader cites them.
	Sources, OtherSources []deadline.Source
	// LawAsOf is the day up to which the rules reflect the law, written as
	// the language writes dates.
	LawAsOf string
}

// ReadingText is one reading of a deadline: whose it is and its date.
type ReadingText struct {
	Name  string
	Date  string
	Shown bool
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
		t.NeedsSituation, t.Overseas = p.NeedsSituation(), p.Overseas()
		describeReadings(&t, p.Result, lang)
	}
	return t
}

// describeReadings fills the readings and sources of a computed deadline.
func describeReadings(t *DeadlineText, res deadline.Result, lang string) {
	rule := res.Rule
	t.Sources = rule.Sources
	t.LawAsOf = Date(model.Date(deadline.LawAsOf))
	if rule.Alt == nil || res.AltDue.IsZero() {
		return
	}
	t.OtherSources = rule.Alt.Sources
	own := dueWords(res.Due, res.DueAt)
	other := dueWords(res.AltDue, res.AltDueAt)
	for _, st := range res.Steps {
		if st.Kind == deadline.StepAltReading {
			own = dueWords(st.Date, st.At)
			if !res.IsHours {
				own = dueWords(st.Date, time.Time{})
			}
		}
	}
	t.Readings = []ReadingText{
		{Name: rule.ReadingName(lang), Date: own, Shown: !res.AltKept},
		{Name: rule.Alt.Name(lang), Date: other, Shown: res.AltKept},
	}
}

// dueWords is a due day, with its time when it has one.
func dueWords(d deadline.Date, at time.Time) string {
	s := Date(model.Date(d))
	if !at.IsZero() {
		zone, _ := at.Zone()
		s += " " + at.Format("15:04") + " " + zone
	}
	return s
}

// Caveat is one translated caveat of a planned deadline.
func Caveat(c model.Caveat) string {
	date := ""
	if !c.Date.IsZero() {
		date = Date(c.Date)
	}
	rule := c.Rule
	if r, ok := deadline.Lookup(c.Rule); ok {
		// A rule by its name, never a bare id.
		rule = r.Label(Lang()) + " (" + r.ID + ")"
	}
	return T("deadline.caveat."+c.Code, map[string]string{"Date": date, "Rule": rule, "Other": c.Other})
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
