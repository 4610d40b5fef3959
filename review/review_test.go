package review

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"casefile/fakeclinic"
	"casefile/i18n"
	"casefile/ical"
	"casefile/internal/pdf"
	"casefile/model"
	"casefile/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func setLang(t *testing.T, lang string) {
	t.Helper()
	t.Cleanup(i18n.Reload) // after LANG is restored
	t.Setenv("LANG", lang)
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	i18n.Reload()
}

func day(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// sampleReview is 2026-W49 of a fictional clinic: an overdue day rule, a
// timed hour rule (winter time), a manual deadline whose label needs
// escaping, a hearing, next week, an idle case and an unowned deadline.
func sampleReview(t *testing.T) *store.Review {
	t.Helper()
	g := fakeclinic.New(7)
	today := day("2026-11-28")
	people := make([]string, 4)
	for i := range people {
		f := g.CaseFile(today)
		people[i] = f.Person.DisplayName()
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	w, _ := model.ParseISOWeek("2026-W49")
	r := &store.Review{Week: w}
	r.Overdue = []store.ReviewRow{{DeadlineID: "0193a1b2-0000-7000-8000-000000000001", CaseID: "c1", CaseRef: "2026-AB-0001",
		Person: people[0], Lawyer: "Me Fontaine", Kind: model.DeadlineComputed, RuleID: "oqtf-1m",
		Due: day("2026-11-27"), Owner: "Me Fontaine", Status: model.DeadlineOpen}}
	r.Days[1] = []store.ReviewRow{{DeadlineID: "0193a1b2-0000-7000-8000-000000000002", CaseID: "c2", CaseRef: "2026-AB-0002",
		Person: people[1], Lawyer: "Me Fontaine", Kind: model.DeadlineComputed, RuleID: "oqtf-48h",
		Due: day("2026-12-01"), DueAt: time.Date(2026, 12, 1, 10, 0, 0, 0, paris), Owner: "Me Fontaine", Status: model.DeadlineOpen}}
	r.Days[3] = []store.ReviewRow{{DeadlineID: "0193a1b2-0000-7000-8000-000000000003", CaseID: "c3", CaseRef: "2026-AB-0003",
		Person: people[2], Kind: model.DeadlineManual, Label: "Pièces; justificatifs, à déposer \\ préfecture\nappeler avant",
		Due: day("2026-12-03"), Status: model.DeadlineOpen}}
	r.NextWeek = []store.ReviewRow{{DeadlineID: "0193a1b2-0000-7000-8000-000000000004", CaseID: "c1", CaseRef: "2026-AB-0001",
		Person: people[0], Kind: model.DeadlineHearing, Label: "TA Montreuil",
		Due: day("2026-12-09"), DueAt: time.Date(2026, 12, 9, 14, 30, 0, 0, paris), Owner: "Me Diouf", Status: model.DeadlineOpen}}
	r.Unowned = []store.ReviewRow{r.Days[3][0]}
	r.Idle = []store.IdleCase{{CaseID: "c4", CaseRef: "2026-AB-0004", Person: people[3], Lawyer: "Me Diouf"}}
	return r
}

var stamp = time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)

func TestICSGolden(t *testing.T) {
	setLang(t, "en_GB.UTF-8")
	got := ICS(sampleReview(t), ICSOptions{Stamp: stamp})
	golden := filepath.Join("testdata", "week.ics")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("ICS differs from %s (run with -update after checking):\n%s", golden, got)
	}
}

// TestICSParsesBack reads the export as a calendar program would: CRLF,
// unfolded lines of at most 75 octets, one VEVENT per deadline with a
// stable UID, all-day or timed in Europe/Paris, no person named.
func TestICSParsesBack(t *testing.T) {
	setLang(t, "en_GB.UTF-8")
	r := sampleReview(t)
	raw := ICS(r, ICSOptions{Stamp: stamp})
	if bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\n")) {
		t.Fatal("a line ends without CR")
	}
	for _, l := range bytes.Split(raw, []byte("\r\n")) {
		if len(l) > 75 {
			t.Errorf("line of %d octets: %q", len(l), l)
		}
	}
	lines := ical.Unfold(raw)
	if lines[0] != "BEGIN:VCALENDAR" || lines[len(lines)-1] != "END:VCALENDAR" {
		t.Fatalf("not a calendar: %q … %q", lines[0], lines[len(lines)-1])
	}
	type vevent map[string]string
	var events []vevent
	var cur vevent
	for _, l := range lines {
		switch {
		case l == "BEGIN:VEVENT":
			cur = vevent{}
		case l == "END:VEVENT":
			events = append(events, cur)
			cur = nil
		case cur != nil:
			name, value, ok := strings.Cut(l, ":")
			if !ok {
				t.Fatalf("content line without a value: %q", l)
			}
			cur[name] = value
		}
	}
	rows := r.Rows()
	if len(events) != len(rows) {
		t.Fatalf("%d events for %d rows", len(events), len(rows))
	}
	for i, e := range events {
		row := rows[i]
		if e["UID"] != row.DeadlineID+"@casefile" || e["DTSTAMP"] != "20261128T090000Z" {
			t.Errorf("event %d: UID %q DTSTAMP %q", i, e["UID"], e["DTSTAMP"])
		}
		summary := ical.Unescape(e["SUMMARY"])
		if !strings.HasPrefix(summary, row.CaseRef+" — ") || !strings.Contains(summary, What(row)) {
			t.Errorf("event %d: summary %q", i, summary)
		}
		for _, p := range []string{rows[0].Person, rows[1].Person, rows[2].Person} {
			if strings.Contains(summary, p) {
				t.Errorf("event %d names a person by default: %q", i, summary)
			}
		}
		if row.DueAt.IsZero() {
			if e["DTSTART;VALUE=DATE"] != strings.ReplaceAll(row.Due.String(), "-", "") || e["DTEND;VALUE=DATE"] == "" {
				t.Errorf("event %d: all-day dates %v", i, e)
			}
		} else if e["DTSTART;TZID=Europe/Paris"] == "" || e["DTEND;TZID=Europe/Paris"] == "" {
			t.Errorf("event %d: timed dates %v", i, e)
		}
	}
	if got := events[1]["DTEND;TZID=Europe/Paris"]; got != "20261201T100000" {
		t.Errorf("hour rule ends %q, want 10:00 Paris time", got)
	}
	if got := events[0]["DTEND;VALUE=DATE"]; got != "20261128" {
		t.Errorf("all-day event ends %q, want the next day", got)
	}
	if got := ical.Unescape(events[2]["SUMMARY"]); !strings.Contains(got, "Pièces; justificatifs, à déposer \\ préfecture\nappeler avant") {
		t.Errorf("escaped label does not read back: %q", got)
	}
	if !regexp.MustCompile(`(?m)^BEGIN:VTIMEZONE\r$`).Match(raw) {
		t.Error("no VTIMEZONE for timed events")
	}
}

func TestICSWithNamesOptIn(t *testing.T) {
	setLang(t, "en_GB.UTF-8")
	r := sampleReview(t)
	lines := strings.Join(ical.Unfold(ICS(r, ICSOptions{Stamp: stamp, WithNames: true})), "\n")
	if !strings.Contains(lines, "SUMMARY:"+r.Overdue[0].CaseRef+" "+ical.Escape(r.Overdue[0].Person)) {
		t.Errorf("names asked for but missing:\n%s", lines)
	}
}

// pdfText returns the text of a PDF's content streams, as the strings the
// writer put there (WinAnsi octal escapes decoded).
func pdfText(b []byte) string {
	b = pdf.Uncompressed(b)
	var out strings.Builder
	for _, m := range regexp.MustCompile(`\(((?:[^()\\]|\\.)*)\) Tj`).FindAllSubmatch(b, -1) {
		s := m[1]
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c == '\\' && i+1 < len(s) {
				if i+3 < len(s) && s[i+1] >= '0' && s[i+1] <= '7' {
					v := (s[i+1]-'0')*64 + (s[i+2]-'0')*8 + (s[i+3] - '0')
					out.WriteRune(winAnsiRune(v))
					i += 3
					continue
				}
				i++
				c = s[i]
			}
			out.WriteRune(winAnsiRune(c))
		}
		out.WriteByte('\n')
	}
	return out.String()
}

func winAnsiRune(c byte) rune {
	switch c {
	case 0x97:
		return '—'
	case 0x85:
		return '…'
	case 0x92:
		return '’'
	}
	return rune(c) // Latin-1 for the rest
}

func TestAgendaPDF(t *testing.T) {
	tests := []struct {
		lang string
		want []string
	}{
		{"en_GB.UTF-8", []string{"Weekly deadline review", "Week 2026-W49 — 30 Nov 2026 to 6 Dec 2026",
			"This week has not been signed off.", "Overdue (1)", "Tuesday 1 Dec 2026", "1 Dec 2026 10:00",
			"2026-AB-0002", "Next week", "Open cases with no open deadline (1)", "2026-AB-0004", "(no owner)"}},
		{"fr_FR.UTF-8", []string{"Revue hebdomadaire des délais", "Semaine 2026-W49 — du 30/11/2026 au 06/12/2026",
			"En retard (1)", "Mardi 01/12/2026", "01/12/2026 10:00", "Recours contre une OQTF (rétention)",
			"Délais sans responsable (1)", "Revue par Me Test le 30/11/2026 à 10:15"}},
	}
	for _, tt := range tests {
		t.Run(tt.lang, func(t *testing.T) {
			setLang(t, tt.lang)
			r := sampleReview(t)
			if strings.HasPrefix(tt.lang, "fr") {
				r.SignOff = &model.SignOff{ID: "2026-W49", By: "Me Test", At: time.Date(2026, 11, 30, 9, 15, 0, 0, time.UTC)}
			}
			b := AgendaPDF(r)
			if !bytes.HasPrefix(b, []byte("%PDF-1.4")) {
				t.Fatal("not a PDF")
			}
			text := pdfText(b)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("agenda lacks %q:\n%s", w, text)
				}
			}
			if !strings.Contains(text, r.Overdue[0].Person) {
				t.Errorf("agenda rows lack the person")
			}
		})
	}
}

func TestCaseSummaryPDF(t *testing.T) {
	setLang(t, "fr_FR.UTF-8")
	g := fakeclinic.New(11)
	f := g.CaseFile(day("2026-11-28"))
	f.Ref = "2026-AB-0042"
	paris, _ := time.LoadLocation("Europe/Paris")
	s := CaseSummary{
		File: f,
		Events: []model.Event{{Kind: model.EventDecisionNotified, Date: day("2026-11-02"),
			Decision: model.DecisionRemovalOrder, Situation: model.SituationFree}},
		Deadlines: []store.DeadlineView{{Deadline: model.Deadline{Kind: model.DeadlineComputed, RuleID: "oqtf-1m",
			Due: day("2026-12-02"), Status: model.DeadlineOpen}}},
		Printed: time.Date(2026, 11, 28, 10, 0, 0, 0, paris),
	}
	for i := 0; i < 7; i++ {
		s.Notes = append(s.Notes, model.Note{Author: "Me Test", Time: time.Date(2026, 11, 1+i, 9, 0, 0, 0, paris),
			Text: "note numéro " + string(rune('A'+i))})
	}
	text := pdfText(CaseSummaryPDF(s))
	for _, w := range []string{"Dossier 2026-AB-0042 — synthèse", f.Person.FamilyName, "Procédure",
		"02/11/2026", "02/12/2026 — Recours contre une OQTF (personne libre)", "note numéro G", "note numéro C"} {
		if !strings.Contains(text, w) {
			t.Errorf("summary lacks %q:\n%s", w, text)
		}
	}
	if strings.Contains(text, "note numéro B") {
		t.Errorf("summary prints more than the %d latest notes", MaxSummaryNotes)
	}
}

// A time in another zone than Paris's says its offset.
func TestDueNamesAnotherZone(t *testing.T) {
	cayenne := time.FixedZone("", -3*3600)
	paris, _ := time.LoadLocation("Europe/Paris")
	r := store.ReviewRow{Due: model.Date{Year: 2026, Month: 12, Day: 8}, DueAt: time.Date(2026, 12, 8, 11, 40, 0, 0, cayenne)}
	if got := Due(r); !strings.HasSuffix(got, " 11:40 UTC-03:00") {
		t.Errorf("Cayenne: %q", got)
	}
	r.DueAt = time.Date(2026, 12, 8, 15, 40, 0, 0, paris)
	if got := Due(r); !strings.HasSuffix(got, " 15:40") {
		t.Errorf("Paris: %q", got)
	}
}
