package ical

import (
	"strings"
	"testing"
	"time"
)

func TestEscapeRoundTrip(t *testing.T) {
	for _, s := range []string{"plain", `a\b`, "a;b,c", "two\nlines", "Préfecture, 93; \\ fin"} {
		if got := Unescape(Escape(s)); got != s {
			t.Errorf("Unescape(Escape(%q)) = %q", s, got)
		}
	}
	if got := Escape("a,b;c\\d\ne"); got != `a\,b\;c\\d\ne` {
		t.Errorf("Escape = %q", got)
	}
}

func TestFoldKeepsOctetLimitAndRunes(t *testing.T) {
	long := "SUMMARY:" + strings.Repeat("é", 100) // 2 octets each
	folded := fold(long)
	for _, l := range strings.Split(folded, "\r\n") {
		if len(l) > 75 {
			t.Errorf("line of %d octets", len(l))
		}
		if !strings.HasPrefix(l, "SUMMARY") && !strings.HasPrefix(l, " ") {
			t.Errorf("continuation without a space: %q", l)
		}
	}
	if got := Unfold([]byte(folded + "\r\n")); len(got) != 1 || got[0] != long {
		t.Errorf("Unfold(fold(s)) = %q", got)
	}
}

func TestEncodeTimedUsesParisZone(t *testing.T) {
	start := time.Date(2026, 7, 1, 8, 0, 0, 0, time.UTC) // 10:00 in Paris, summer time
	c := Calendar{ProdID: "-//t//t//EN", Stamp: start, Events: []Event{{UID: "x@t", Summary: "s", Start: start}}}
	out := string(c.Encode())
	for _, want := range []string{"BEGIN:VTIMEZONE\r\n", "DTSTART;TZID=Europe/Paris:20260701T100000\r\n",
		"DTEND;TZID=Europe/Paris:20260701T103000\r\n", "DTSTAMP:20260701T080000Z\r\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
	allDay := Calendar{ProdID: "p", Events: []Event{{UID: "y", AllDay: true, Start: start}}}
	if strings.Contains(string(allDay.Encode()), "VTIMEZONE") {
		t.Error("a calendar of all-day events carries a VTIMEZONE")
	}
}
