package ical

import (
	"strings"
	"testing"
	"time"
)

// FuzzEncode: a calendar's texts come from case files, which other
// devices and bundles wrote (a summary names a case, a description its
// deadline). Whatever they hold, the file is lines of at most 75 octets
// ending in CRLF, with no CR or LF of a value's own, so that no text can
// start a property or an event of its own; unfolded, it has the lines
// Encode writes, and each text reads back as given (its line breaks as
// LF, invalid UTF-8 as it was).
func FuzzEncode(f *testing.F) {
	f.Add("Audience TA Montreuil, 2025-P4-0001", "Délai de recours; 48 h\r\nBEGIN:VEVENT\nSUMMARY:faux", "Revue; hebdomadaire", true)
	f.Add(strings.Repeat("é", 60), strings.Repeat("\\,;", 40), "", false)
	f.Add(strings.Repeat("\x80", 80), "\xe9t\xe9", "\r", false)
	f.Fuzz(func(t *testing.T, summary, description, name string, allDay bool) {
		start := time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC)
		c := Calendar{ProdID: "-//Casefile//Fuzz//EN", Name: name, Stamp: start,
			Events: []Event{{UID: "fuzz@casefile", Summary: summary, Description: description, AllDay: allDay, Start: start}}}
		out := string(c.Encode())
		if !strings.HasSuffix(out, "\r\n") {
			t.Fatal("the file does not end with CRLF")
		}
		for _, l := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
			if len(l) > 75 {
				t.Fatalf("line of %d octets", len(l))
			}
			if strings.ContainsAny(l, "\r\n") {
				t.Fatalf("a bare line break in %q", l)
			}
		}
		lines := Unfold([]byte(out))
		got := map[string]string{}
		var props []string
		for _, l := range lines {
			k, v, _ := strings.Cut(l, ":")
			if k == "SUMMARY" || k == "DESCRIPTION" || k == "X-WR-CALNAME" {
				if _, twice := got[k]; twice {
					t.Fatalf("%s twice", k)
				}
				got[k] = Unescape(v)
			}
			props = append(props, k)
		}
		events := 0
		for _, l := range lines {
			if l == "BEGIN:VEVENT" || l == "END:VEVENT" {
				events++
			}
		}
		if events != 2 {
			t.Fatalf("%d event lines, not one event", events)
		}
		asText := func(s string) string { return strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s) }
		for k, want := range map[string]string{"SUMMARY": summary, "DESCRIPTION": description, "X-WR-CALNAME": name} {
			if v, ok := got[k]; (ok || want != "" || k == "SUMMARY") && v != asText(want) {
				t.Fatalf("%s reads back %q, was %q", k, v, want)
			}
		}
		if props[0] != "BEGIN" || props[len(props)-1] != "END" {
			t.Fatalf("the calendar is not one block: %v", props)
		}
	})
}
