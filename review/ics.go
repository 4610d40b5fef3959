package review

import (
	"time"

	"casefile/i18n"
	"casefile/ical"
	"casefile/model"
	"casefile/store"
)

// eventLength is the length of a timed event: a hearing starts at its
// time; an hour rule's event ends at the instant the time runs out.
const eventLength = 30 * time.Minute

// ICSOptions are the choices of an iCalendar export.
type ICSOptions struct {
	// WithNames puts the person's name in each event. Off by default: a
	// calendar is synced to servers and phones the clinic does not control,
	// so events name the case reference and the rule only. The face warns
	// before turning it on.
	WithNames bool
	// Stamp is the DTSTAMP, the time of the export.
	Stamp time.Time
}

// ICS writes the review's dated rows (overdue, the week, next week) as an
// iCalendar file: one event per deadline, UID <deadline-id>@casefile, an
// all-day event for a day deadline, a timed one in Europe/Paris for an
// hour rule or a hearing with a time.
func ICS(r *store.Review, opt ICSOptions) []byte {
	cal := ical.Calendar{ProdID: "-//Casefile//Weekly review//" + upper(i18n.Lang()),
		Name: "Casefile " + r.Week.String(), Stamp: opt.Stamp}
	for _, row := range r.Rows() {
		summary := row.CaseRef + " — " + What(row)
		if opt.WithNames && row.Person != "" {
			summary = row.CaseRef + " " + row.Person + " — " + What(row)
		}
		if row.Unverified {
			summary += " ⚠"
		}
		e := ical.Event{UID: row.DeadlineID + "@casefile", Summary: summary,
			Description: i18n.T("review.ics.owner", map[string]string{"Owner": Owner(row)})}
		if row.DueAt.IsZero() {
			e.AllDay, e.Start = true, row.Due.Time(time.UTC)
		} else if row.Kind == model.DeadlineHearing {
			e.Start, e.Duration = row.DueAt, eventLength // starts at the hearing's time
		} else {
			e.Start, e.Duration = row.DueAt.Add(-eventLength), eventLength // ends when time runs out
		}
		cal.Events = append(cal.Events, e)
	}
	return cal.Encode()
}

func upper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}
