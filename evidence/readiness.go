package evidence

import (
	"strconv"
	"strings"
	"time"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// Assess measures a case's readiness for a référé from its evidence log
// and deadline views, as of now in loc.
func Assess(entries []model.Evidence, views []store.DeadlineView, now time.Time, loc *time.Location) model.Readiness {
	ds := make([]model.Deadline, len(views))
	for i, dv := range views {
		ds[i] = dv.Deadline
	}
	return model.AssessReadiness(entries, ds, model.Today(now, loc), loc)
}

// ReadinessLines is the readiness panel as translated lines, shared by the
// CLI and the app: the verdict, the counts against the thresholds, the
// span, the latest attempt (with the staleness warning) and the open
// deadlines described as the deadlines screen does.
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
		out = append(out, i18n.T("evidence.readiness.span", map[string]string{
			"First": i18n.Date(model.DateOf(r.First.In(loc))), "Latest": i18n.Date(model.DateOf(r.Latest.In(loc))),
			"Days": strconv.Itoa(r.SpanDays)}),
			i18n.T("evidence.readiness.latest", map[string]string{"Days": strconv.Itoa(r.DaysSinceLatest)}))
	}
	if r.Stale {
		out = append(out, i18n.T("evidence.readiness.stale", map[string]string{"Days": strconv.Itoa(model.ReadinessStaleDays)}))
	}
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
		out = append(out, i18n.T("evidence.readiness.no_urgent"))
	} else {
		out = append(out, i18n.T("evidence.readiness.urgent", map[string]string{"List": strings.Join(urgent, " ; ")}))
	}
	return out
}
