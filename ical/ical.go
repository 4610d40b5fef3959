// Package ical writes iCalendar files (RFC 5545): a calendar of all-day and
// timed events, the timed ones in Europe/Paris with its VTIMEZONE, so that
// Outlook, Thunderbird and Google Calendar import them alike. It knows
// nothing of cases or people: what goes in a summary is the caller's
// decision (see docs/review.md).
package ical

import (
	"bytes"
	"casefile/model"
	"strings"
	"time"
	"unicode/utf8"
)

// TZID is the zone of every timed event.
const TZID = "Europe/Paris"

// Event is one VEVENT.
type Event struct {
	// UID must be stable for the same thing across exports, so that a
	// calendar updates an event instead of adding a copy.
	UID         string
	Summary     string
	Description string
	// AllDay events last the day Start falls on (in Start's location);
	// others start at Start and last Duration (30 minutes when zero).
	AllDay   bool
	Start    time.Time
	Duration time.Duration
}

// Calendar is a VCALENDAR.
type Calendar struct {
	ProdID string // e.g. "-//Casefile//Weekly review//EN"
	Name   string // X-WR-CALNAME, shown by Google and Thunderbird
	// Stamp is the DTSTAMP of every event: when the file was made.
	Stamp  time.Time
	Events []Event
}

// paris is the zone every event is written in (model.Paris).
var paris = model.Paris()

// vtimezone is Europe/Paris since 1996: CET, CEST from the last Sunday of
// March to the last Sunday of October.
const vtimezone = `BEGIN:VTIMEZONE
TZID:Europe/Paris
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE`

// Encode writes the calendar: CRLF line endings, lines folded at 75
// octets, text escaped.
func (c Calendar) Encode() []byte {
	var b bytes.Buffer
	line := func(s string) {
		b.WriteString(fold(s))
		b.WriteString("\r\n")
	}
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:" + c.ProdID)
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME:" + Escape(c.Name))
	}
	timed := false
	for _, e := range c.Events {
		timed = timed || !e.AllDay
	}
	if timed {
		for _, l := range strings.Split(vtimezone, "\n") {
			line(l)
		}
	}
	stamp := c.Stamp.UTC().Format("20060102T150405Z")
	for _, e := range c.Events {
		line("BEGIN:VEVENT")
		line("UID:" + e.UID)
		line("DTSTAMP:" + stamp)
		if e.AllDay {
			y, m, d := e.Start.Date()
			day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			line("DTSTART;VALUE=DATE:" + day.Format("20060102"))
			line("DTEND;VALUE=DATE:" + day.AddDate(0, 0, 1).Format("20060102"))
			line("TRANSP:TRANSPARENT")
		} else {
			dur := e.Duration
			if dur <= 0 {
				dur = 30 * time.Minute
			}
			start := e.Start.In(paris)
			line("DTSTART;TZID=" + TZID + ":" + start.Format("20060102T150405"))
			line("DTEND;TZID=" + TZID + ":" + start.Add(dur).Format("20060102T150405"))
		}
		line("SUMMARY:" + Escape(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION:" + Escape(e.Description))
		}
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return b.Bytes()
}

// Escape escapes a TEXT value: backslash, semicolon, comma and newlines.
func Escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// fold splits a content line into lines of at most 75 octets, each
// continuation starting with a space, never inside a UTF-8 sequence.
func fold(s string) string {
	if len(s) <= 75 {
		return s
	}
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		if cut == 0 { // no rune starts in the line: invalid UTF-8, cut anywhere
			cut = limit
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	return b.String()
}

// Unfold reverses folding and splits a file into its content lines.
func Unfold(data []byte) []string {
	s := strings.ReplaceAll(string(data), "\r\n ", "")
	s = strings.ReplaceAll(s, "\r\n\t", "")
	lines := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	return lines
}

// Unescape reverses Escape.
func Unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
