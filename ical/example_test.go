package ical_test

import (
	"fmt"
	"strings"
	"time"

	"casefile/ical"
)

func ExampleCalendar_Encode() {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	cal := ical.Calendar{
		ProdID: "-//Casefile//Example//EN",
		Stamp:  time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC),
		Events: []ical.Event{{UID: "0193-example@casefile", Summary: "2026-AB-0001 — appeal, 1 month", AllDay: true, Start: day}},
	}
	fmt.Print(strings.ReplaceAll(string(cal.Encode()), "\r\n", "\n"))
	// Output:
	// BEGIN:VCALENDAR
	// VERSION:2.0
	// PRODID:-//Casefile//Example//EN
	// CALSCALE:GREGORIAN
	// METHOD:PUBLISH
	// BEGIN:VEVENT
	// UID:0193-example@casefile
	// DTSTAMP:20261128T090000Z
	// DTSTART;VALUE=DATE:20261201
	// DTEND;VALUE=DATE:20261202
	// TRANSP:TRANSPARENT
	// SUMMARY:2026-AB-0001 — appeal\, 1 month
	// END:VEVENT
	// END:VCALENDAR
}
