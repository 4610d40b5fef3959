package evidence

import (
	"strconv"
	"strings"
	"time"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// Assess measures a case's readiness for a référé from its evidence log,
// events and deadline views, as of now in loc.
func Assess(f *model.CaseFile, events []model.Event, entries []model.Evidence, views []store.DeadlineView, now time.Time, loc *time.Location) model.Readiness {
	ds := make([]model.Deadline, len(views))
	for i, dv := range views {
		ds[i] = dv.Deadline
	}
	c := model.ReadinessCase{Procedure: f.Procedure, Channel: f.Channel, ANEFState: f.ANEFState, Events: events}
	return model.AssessCaseReadiness(c, entries, ds, model.Today(now, loc), loc)
}

// AssessCase reads what Assess needs from the vault.
func AssessCase(v *store.Vault, f *model.CaseFile, now time.Time, loc *time.Location) (model.Readiness, []model.Evidence, []store.DeadlineView, error) {
	log, err := v.EvidenceLog(f.ID)
	if err != nil {
		return model.Readiness{}, nil, nil, err
	}
	events, err := v.Events(f.ID)
	if err != nil {
		return model.Readiness{}, nil, nil, err
	}
	views, err := v.DeadlineViews(f.ID)
	if err != nil {
		return model.Readiness{}, nil, nil, err
	}
	return Assess(f, events, log, views, now, loc), log, views, nil
}

// ReadinessLines is the attempts part of the readiness panel as
// translated lines, shared by the CLI and the app: the verdict, the counts
// against the thresholds, the span, the latest attempt (with the
// staleness warning) and the open deadlines described as the deadlines
// screen does.
func ReadinessLines(r model.Readiness, views []store.DeadlineView, loc *time.Location) []string {
	n := func(key string, v, min int) string {
		return i18n.T(key, map[string]string{"N": strconv.Itoa(v), "Min": strconv.Itoa(min)})
	}
	var out []string
	if r.Ready {
		out = append(out, i18n.T("evidence.readiness.ready"))
	} else {
		out = append(out, i18n.T("evidence.readiness.not_ready"))
	}
	out = append(out, n("evidence.readiness.attempts", r.Attempts, model.ReadinessMinAttempts),
		n("evidence.readiness.weeks", len(r.Weeks), model.ReadinessMinWeeks))
	if r.Attempts > 0 {
		latest := i18n.T("evidence.readiness.latest_today")
		if r.DaysSinceLatest > 0 {
			latest = i18n.TPlural("evidence.readiness.latest", r.DaysSinceLatest)
		}
		out = append(out, i18n.TCounts("evidence.readiness.span", map[string]int{"Days": r.SpanDays}, map[string]any{
			"First": i18n.Date(model.DateOf(r.First.In(loc))), "Latest": i18n.Date(model.DateOf(r.Latest.In(loc)))}),
			latest)
	}
	if r.Stale {
		out = append(out, StaleLine())
	}
	out = append(out, UrgentLine(r, views))
	return out
}

// StaleLine is the warning that the latest attempt is too old.
func StaleLine() string {
	return i18n.T("evidence.readiness.stale", map[string]string{"Days": strconv.Itoa(model.ReadinessStaleDays)})
}

// UrgentLine lists the case's open deadlines, described as the deadlines
// screen does.
func UrgentLine(r model.Readiness, views []store.DeadlineView) string {
	byID := map[string]store.DeadlineView{}
	for _, dv := range views {
		byID[dv.Deadline.ID] = dv
	}
	var urgent []string
	for _, d := range r.Urgent {
		what := d.Label
		if dv, ok := byID[d.ID]; ok {
			what = i18n.DescribeDeadline(dv).What
		}
		line := i18n.Date(d.Due) + " " + what
		if d.Due.Before(r.Today) {
			line += " (" + i18n.T("evidence.readiness.overdue") + ")"
		}
		urgent = append(urgent, line)
	}
	if len(urgent) == 0 {
		return i18n.T("evidence.readiness.no_urgent")
	}
	return i18n.T("evidence.readiness.urgent", map[string]string{"List": strings.Join(urgent, " ; ")})
}

// RemedyTitle is a remedy's heading with its verdict.
func RemedyTitle(rr model.RemedyReadiness) string {
	verdict := i18n.T("evidence.remedy.not_ready")
	if rr.Ready {
		verdict = i18n.T("evidence.remedy.ready")
	}
	return i18n.T("evidence.remedy."+string(rr.Remedy)) + " — " + verdict
}

// CheckLine is one check in words: what the judge looks at, whether it is
// required or advised, and how far it is met.
func CheckLine(c model.Check) string {
	state := i18n.T("evidence.state."+string(c.State), map[string]string{
		"Count": strconv.Itoa(c.Count), "Date": i18n.Date(c.Until)})
	need := i18n.T("evidence.check.advised")
	if c.Required {
		need = i18n.T("evidence.check.required")
	}
	return i18n.T("evidence.check."+string(c.ID)) + " (" + need + ")" + i18n.T("punct.colon") + state
}

// CheckMark is the mark the CLI prints before a check: [x] met, [~]
// presumed, [.] pending, [?] for the lawyer to establish, [ ] missing.
func CheckMark(c model.Check) string {
	switch c.State {
	case model.CheckMet:
		return "[x]"
	case model.CheckPresumed:
		return "[~]"
	case model.CheckPending:
		return "[.]"
	case model.CheckToAssess:
		return "[?]"
	}
	return "[ ]"
}

// SourcesLine lists a remedy's sources.
func SourcesLine(m model.Remedy) string {
	return i18n.T("evidence.remedy.sources", map[string]string{"List": strings.Join(model.RemedySources[m], i18n.T("evidence.sources_sep"))})
}

// NotApplicable says why a case has no readiness panel.
func NotApplicable() string { return i18n.T("evidence.readiness.not_applicable") }

// When is an entry's time as the faces show it: the date and the time,
// or the date alone when the time is not known.
func When(e model.Evidence, loc *time.Location) string {
	at := e.At.In(loc)
	if e.DateOnly {
		return i18n.Date(model.DateOf(at))
	}
	return i18n.Date(model.DateOf(at)) + " " + at.Format("15:04")
}

// Describe is an entry's heading: when, the channel, the kind when it is
// not an attempt (with a request's deadline or an urgency's source), the
// malfunction's category.
func Describe(e model.Evidence, loc *time.Location) string {
	head := When(e, loc) + " — " + i18n.T("evidence.channel."+string(e.Channel))
	switch e.KindOrAttempt() {
	case model.EvidenceFiling:
		head += " — " + i18n.T("evidence.kind.filing")
	case model.EvidenceRequest:
		head += " — " + i18n.T("evidence.kind.request") + " " +
			i18n.T("evidence.respond_by_line", map[string]string{"Date": i18n.Date(e.RespondBy)})
	case model.EvidenceUrgency:
		head += " — " + i18n.T("evidence.kind.urgency")
		if e.Urgency != "" {
			head += " (" + i18n.T("evidence.urgency."+string(e.Urgency)) + ")"
		}
	}
	if e.Category != "" {
		head += " — " + i18n.T("malfunction."+string(e.Category))
	}
	return head
}
