package model

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"casefile/model/deadline"
)

func d(s string) Date {
	v, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return v
}

// summary writes a plan as "rule trigger→due", one per deadline, and the
// caveat codes of each in brackets.
func summary(plan []Planned) []string {
	out := make([]string, len(plan))
	for i, p := range plan {
		name := p.RuleID
		if p.Kind == DeadlineHearing {
			name = "hearing"
		}
		due := p.Due.String()
		if !p.DueAt.IsZero() {
			due = p.DueAt.Format("2006-01-02T15:04")
		}
		s := fmt.Sprintf("%s %s→%s", name, p.Trigger, due)
		var codes []string
		for _, c := range p.Caveats {
			codes = append(codes, c.Code)
		}
		if len(codes) > 0 {
			s += " [" + strings.Join(codes, ",") + "]"
		}
		out[i] = s
	}
	return out
}

func notified(id, date string, k DecisionKind, more ...func(*Event)) Event {
	e := Event{ID: id, CaseID: "c", Kind: EventDecisionNotified, Date: d(date), Decision: k}
	for _, m := range more {
		m(&e)
	}
	return e
}

func at(hhmm string) func(*Event)       { return func(e *Event) { e.Time = hhmm } }
func in(s Situation) func(*Event)       { return func(e *Event) { e.Situation = s } }
func decidedOn(s string) func(*Event)   { return func(e *Event) { e.Decided = d(s) } }
func presented(s string) func(*Event)   { return func(e *Event) { e.FirstPresentation = d(s) } }
func chose(rule string) func(*Event)    { return func(e *Event) { e.Rule = rule } }
func concerning(id string) func(*Event) { return func(e *Event) { e.Concerns = id } }
func noAppealInfo() func(*Event)        { return func(e *Event) { e.NoAppealInfo = true } }
func ev(id string, k EventKind, date string, more ...func(*Event)) Event {
	e := Event{ID: id, CaseID: "c", Kind: k, Date: d(date)}
	for _, m := range more {
		m(&e)
	}
	return e
}
func situation(id, date string, s Situation) Event {
	return ev(id, EventSituationChanged, date, in(s))
}
func expiring(s string) func(*Event) { return func(e *Event) { e.Expiry = d(s) } }
func article(a string) func(*Event)  { return func(e *Event) { e.Article = a } }
func court(c string) func(*Event)    { return func(e *Event) { e.Court = c } }
func judged(k DecisionKind) func(*Event) {
	return func(e *Event) { e.Decision = k }
}

// The event → rules mapping, as a specification. Due dates of the removal
// orders and legal aid were counted by hand (docs/deadlines.md); the others
// follow from the engine's own worked examples.
func TestDeadlinesFor(t *testing.T) {
	free := CaseFacts{Procedure: ProcRemovalOrder}
	tests := []struct {
		name   string
		facts  CaseFacts
		events []Event
		want   []string
	}{
		{
			// 1 month franc: A 09/02 + 1 = Tue 10/02; B from 10/01: 10/02.
			name: "OQTF with departure period, free, 2024 regime", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionRemovalOrder, in(SituationFree))},
			want:   []string{"depart-volontaire-30j 2026-01-09→2026-02-08", "oqtf-1m 2026-01-09→2026-02-10"},
		},
		{
			// Never the longer delay of a free person: the 48 hours of
			// rétention from 00:00 until the situation is recorded.
			name: "situation not recorded: the earliest delay, 48 hours, and said", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionRemovalOrder)},
			want:   []string{"oqtf-48h 2026-01-09→2026-01-11T00:00 [situation_unknown,time_unknown]"},
		},
		{
			// 09/01 + 7 = Fri 16/01 (CAA Lyon: not franc, not extended).
			name: "house arrest: 7 days", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionRemovalOrder, in(SituationHouseArrest))},
			want:   []string{"oqtf-7d 2026-01-09→2026-01-16"},
		},
		{
			name: "detention recorded earlier: 7 days", facts: free,
			events: []Event{situation("s1", "2025-11-02", SituationDetention), notified("e1", "2026-01-09", DecisionRemovalOrder)},
			want:   []string{"oqtf-7d 2026-01-09→2026-01-16"},
		},
		{
			// Friday 18:00 → Sunday 18:00, never moved.
			name: "rétention: 48 hours from the time of notification", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionRemovalOrder, at("18:00"), in(SituationRetention))},
			want:   []string{"oqtf-48h 2026-01-09→2026-01-11T18:00"},
		},
		{
			name: "rétention without a time: 00:00, the earliest", facts: free,
			events: []Event{situation("s1", "2026-01-09", SituationRetention), notified("e1", "2026-01-09", DecisionRemovalOrderNoDeparture)},
			want:   []string{"oqtf-48h 2026-01-09→2026-01-11T00:00 [time_unknown]"},
		},
		{
			// The 7 days from the notification (09/01 → 16/01) are earlier
			// than from the house arrest (20/01 + 7 + 1 = 28/01).
			name: "house arrest during the month: 7 days from the notification", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionRemovalOrder, in(SituationFree)), situation("s1", "2026-01-20", SituationHouseArrest)},
			want: []string{"oqtf-7d 2026-01-09→2026-01-16 [restriction_during_delay]",
				"depart-volontaire-30j 2026-01-09→2026-02-08"},
		},
		{
			name: "house arrest after the month ran out: no change", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionRemovalOrder, in(SituationFree)), situation("s1", "2026-03-01", SituationHouseArrest)},
			want:   []string{"depart-volontaire-30j 2026-01-09→2026-02-08", "oqtf-1m 2026-01-09→2026-02-10"},
		},
		{
			name: "no departure period, free: the earlier 7-day reading", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionRemovalOrderNoDeparture, in(SituationFree))},
			want:   []string{"oqtf-7d 2026-01-09→2026-01-16 [no_departure_reading]"},
		},
		{
			name: "no departure period, the lawyer chose one month", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionRemovalOrderNoDeparture, in(SituationFree), chose("oqtf-1m"))},
			want:   []string{"oqtf-1m 2026-01-09→2026-02-10"},
		},
		{
			// Decided 1 July 2024, notified after the reform: former regime.
			// 20/07 + 15 = 04/08, franc 05/08 (Mon), not extended.
			name: "former regime by decision date: 15 days", facts: free,
			events: []Event{notified("e1", "2024-07-20", DecisionRemovalOrder, in(SituationFree), decidedOn("2024-07-01"))},
			want: []string{"oqtf-ancien-15j 2024-07-20→2024-08-05 [former_regime_15_or_30]",
				"depart-volontaire-30j 2024-07-20→2024-08-19"},
		},
		{
			name: "former regime from a decision_taken event; 30 days chosen", facts: free,
			events: []Event{ev("t1", EventDecisionTaken, "2024-07-10", judged(DecisionRemovalOrder)),
				notified("e1", "2024-07-20", DecisionRemovalOrder, in(SituationFree), chose("oqtf-ancien-30j"))},
			want: []string{"depart-volontaire-30j 2024-07-20→2024-08-19", "oqtf-ancien-30j 2024-07-20→2024-08-20"},
		},
		{
			name: "former regime, notified before the reform, rétention: 48 hours", facts: free,
			events: []Event{notified("e1", "2024-03-01", DecisionRemovalOrder, at("10:30"), in(SituationRetention))},
			want:   []string{"oqtf-ancien-48h 2024-03-01→2024-03-03T10:30"},
		},
		{
			// First presented 05/01: 05/02 + 1 = Fri 06/02.
			name: "registered letter not collected: from its first presentation", facts: free,
			events: []Event{notified("e1", "2026-01-20", DecisionRemovalOrder, in(SituationFree), presented("2026-01-05"))},
			want: []string{"depart-volontaire-30j 2026-01-05→2026-02-04 [first_presentation]",
				"oqtf-1m 2026-01-05→2026-02-06 [first_presentation]"},
		},
		{
			// Requested 20/01 (in time); decided 02/03: a new month, franc:
			// 02/04 + 1 = Fri 03/04 (Good Friday, not a holiday in metropole).
			name: "legal aid interrupts the month", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionRemovalOrder, in(SituationFree)),
				ev("a1", EventLegalAidRequested, "2026-01-20"), ev("a2", EventLegalAidDecided, "2026-03-02")},
			want: []string{"depart-volontaire-30j 2026-01-09→2026-02-08", "aj-contestation 2026-03-02→2026-03-17", "oqtf-1m 2026-01-09→2026-04-03"},
		},
		{
			// Good Friday, Saturday, Sunday, Easter Monday: Tue 07/04.
			name: "the same in Alsace-Moselle", facts: CaseFacts{Procedure: ProcRemovalOrder, Region: deadline.AlsaceMoselle},
			events: []Event{notified("e1", "2026-01-09", DecisionRemovalOrder, in(SituationFree)),
				ev("a1", EventLegalAidRequested, "2026-01-20"), ev("a2", EventLegalAidDecided, "2026-03-02")},
			want: []string{"depart-volontaire-30j 2026-01-09→2026-02-08", "aj-contestation 2026-03-02→2026-03-17", "oqtf-1m 2026-01-09→2026-04-07"},
		},
		{
			name: "legal aid not linked while two decisions exist: no effect, said", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionRefusal), notified("e2", "2026-01-12", DecisionExpulsion),
				ev("a1", EventLegalAidRequested, "2026-01-20"), ev("a2", EventLegalAidDecided, "2026-03-02")},
			want: []string{"recours-gracieux-2m 2026-01-09→2026-03-09", "contentieux-2m 2026-01-09→2026-03-10 [legal_aid_unlinked]",
				"recours-gracieux-2m 2026-01-12→2026-03-12", "contentieux-2m 2026-01-12→2026-03-13 [legal_aid_unlinked]",
				"aj-contestation 2026-03-02→2026-03-17"},
		},
		{
			name: "legal aid linked to one of two decisions", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionRefusal), notified("e2", "2026-01-12", DecisionExpulsion),
				ev("a1", EventLegalAidRequested, "2026-01-20", concerning("e2")), ev("a2", EventLegalAidDecided, "2026-03-02", concerning("e2"))},
			want: []string{"recours-gracieux-2m 2026-01-09→2026-03-09", "contentieux-2m 2026-01-09→2026-03-10",
				"recours-gracieux-2m 2026-01-12→2026-03-12", "aj-contestation 2026-03-02→2026-03-17", "contentieux-2m 2026-01-12→2026-05-04"},
		},
		{
			name: "refusal without appeal information: also the one-year reasonable time", facts: CaseFacts{Procedure: ProcRenewal},
			events: []Event{notified("e1", "2026-01-09", DecisionRefusal, noAppealInfo())},
			want: []string{"recours-gracieux-2m 2026-01-09→2026-03-09", "contentieux-2m 2026-01-09→2026-03-10",
				"czabaj-1an 2026-01-09→2027-01-09"},
		},
		{
			name: "another decision: two months, and a warning", facts: CaseFacts{Procedure: ProcOther},
			events: []Event{notified("e1", "2026-01-09", DecisionOther)},
			want:   []string{"recours-gracieux-2m 2026-01-09→2026-03-09", "contentieux-2m 2026-01-09→2026-03-10 [other_decision]"},
		},
		{
			name: "naturalisation refusal: the mandatory recourse", facts: CaseFacts{Procedure: ProcNaturalise},
			events: []Event{notified("e1", "2026-01-09", DecisionNaturalisationRefusal), ev("m1", EventMinisterRecourseSent, "2026-02-02")},
			want: []string{"naturalisation-recours-2m 2026-01-09→2026-03-09", "naturalisation-recours-silence-4m 2026-02-02→2026-06-02",
				"motifs-implicite 2026-06-02→2026-08-02 [chained]",
				"contentieux-implicite-2m 2026-06-02→2026-08-03 [chained]"},
		},
		{
			name: "visa refusal, then the RAPO", facts: CaseFacts{Procedure: ProcVisa},
			events: []Event{notified("e1", "2026-01-09", DecisionVisaRefusal), ev("r1", EventRAPOSent, "2026-01-30")},
			want: []string{"rapo-visa-30d 2026-01-09→2026-02-08", "rapo-visa-silence-2m 2026-01-30→2026-03-30",
				"motifs-implicite 2026-03-30→2026-05-30 [chained]",
				"contentieux-implicite-2m 2026-03-30→2026-06-01 [chained]"},
		},
		{
			name: "complete application, title unknown: the shortest silence", facts: CaseFacts{Procedure: ProcFirstPermit},
			events: []Event{ev("e1", EventApplicationComplete, "2026-01-09")},
			want: []string{"silence-60j 2026-01-09→2026-03-10 [needs_title]",
				"motifs-implicite 2026-03-10→2026-05-10 [chained]",
				"contentieux-implicite-2m 2026-03-10→2026-05-11 [chained]"},
		},
		{
			name: "complete application, title of R421-43: 90 days", facts: CaseFacts{Procedure: ProcFirstPermit},
			events: []Event{ev("e1", EventApplicationComplete, "2026-01-09"), ev("t1", EventTitleRequested, "2026-01-02", article("R421-43"))},
			want: []string{"silence-90j 2026-01-09→2026-04-09",
				"motifs-implicite 2026-04-09→2026-06-09 [chained]",
				"contentieux-implicite-2m 2026-04-09→2026-06-10 [chained]"},
		},
		{
			name: "complete application, any other R4 title: 4 months", facts: CaseFacts{Procedure: ProcRenewal},
			events: []Event{ev("e1", EventApplicationComplete, "2026-01-09"), ev("t1", EventTitleRequested, "2026-01-09", article("R423-1"))},
			want: []string{"silence-4m 2026-01-09→2026-05-09",
				"motifs-implicite 2026-05-09→2026-07-09 [chained]",
				"contentieux-implicite-2m 2026-05-09→2026-07-10 [chained]"},
		},
		{
			name: "naturalisation application: 12 months unless 18 are chosen", facts: CaseFacts{Procedure: ProcNaturalise},
			events: []Event{ev("e1", EventApplicationComplete, "2026-01-09"), ev("e2", EventApplicationComplete, "2026-02-09", chose("naturalisation-18m"))},
			want: []string{"naturalisation-12m 2026-01-09→2027-01-09 [naturalisation_residence]",
				"naturalisation-18m 2026-02-09→2027-08-09"},
		},
		{
			name: "family reunification application", facts: CaseFacts{Procedure: ProcFamilyReunion},
			events: []Event{ev("e1", EventApplicationComplete, "2026-01-09")},
			want: []string{"regroupement-6m 2026-01-09→2026-07-09",
				"motifs-implicite 2026-07-09→2026-09-09 [chained]",
				"contentieux-implicite-2m 2026-07-09→2026-09-10 [chained]"},
		},
		{
			name: "asylum application: nothing computed", facts: CaseFacts{Procedure: ProcAsylum},
			events: []Event{ev("e1", EventApplicationComplete, "2026-01-09")},
			want:   nil,
		},
		{
			name: "permit issued: expiry and the ANEF renewal window", facts: CaseFacts{Procedure: ProcRenewal},
			events: []Event{ev("e1", EventPermitIssued, "2026-01-09", expiring("2027-06-30"))},
			want: []string{"renouvellement-ouverture 2027-06-30→2027-03-02", "renouvellement-cloture 2027-06-30→2027-05-01",
				"titre-expiration 2027-06-30→2027-06-30"},
		},
		{
			name: "permit issued, prefecture window chosen", facts: CaseFacts{Procedure: ProcRenewal},
			events: []Event{ev("e1", EventPermitIssued, "2026-01-09", expiring("2027-06-30"), chose("renouvellement-ouverture-prefecture"))},
			want:   []string{"renouvellement-ouverture-prefecture 2027-06-30→2027-04-30", "titre-expiration 2027-06-30→2027-06-30"},
		},
		{
			name: "a renewed récépissé replaces the previous one", facts: CaseFacts{Procedure: ProcFirstPermit},
			events: []Event{ev("r1", EventRecepisseIssued, "2026-01-09", expiring("2026-04-08")),
				ev("r2", EventRecepisseIssued, "2026-04-01", expiring("2026-07-07")), ev("a1", EventAPIIssued, "2026-02-01", expiring("2026-05-01"))},
			want: []string{"api-expiration 2026-05-01→2026-05-01", "recepisse-expiration 2026-07-07→2026-07-07"},
		},
		{
			name: "recours gracieux: its silence, then the court appeal", facts: CaseFacts{Procedure: ProcRenewal},
			events: []Event{ev("g1", EventRecoursGracieuxSent, "2026-02-02")},
			want: []string{"gracieux-silence-2m 2026-02-02→2026-04-02",
				"motifs-implicite 2026-04-02→2026-06-02 [chained]",
				"contentieux-implicite-2m 2026-04-02→2026-06-03 [chained]"},
		},
		{
			// The month ends 10/02 (franc); requested 14/01, within the 15
			// days: 27 days remained; they run again from 02/03: Sun 29/03,
			// extended to Mon 30/03.
			name: "OFPRA decision with legal aid in the window", facts: CaseFacts{Procedure: ProcAsylum},
			events: []Event{ev("o1", EventOFPRADecisionNotified, "2026-01-09"),
				ev("a1", EventLegalAidRequested, "2026-01-14"), ev("a2", EventLegalAidDecided, "2026-03-02")},
			want: []string{"cnda-aj-15d 2026-01-09→2026-01-24", "aj-contestation-cnda 2026-03-02→2026-03-10", "cnda-1m 2026-01-09→2026-03-30"},
		},
		{
			name: "judgments", facts: free,
			events: []Event{ev("j1", EventJudgmentNotified, "2026-01-09", judged(JudgmentTARemoval)),
				ev("j2", EventJudgmentNotified, "2026-01-09", judged(JudgmentTA)),
				ev("j3", EventJudgmentNotified, "2026-01-09", judged(JudgmentCNDA))},
			want: []string{"appel-caa-1m 2026-01-09→2026-02-10", "appel-caa-2m 2026-01-09→2026-03-10", "cassation-2m 2026-01-09→2026-03-10"},
		},
		{
			name: "hearing, with its time in the case's zone", facts: CaseFacts{Procedure: ProcRemovalOrder, Zone: time.UTC},
			events: []Event{ev("h1", EventHearing, "2026-03-05", at("09:30"), court("TA de Montreuil")),
				ev("c1", EventCourtSeized, "2026-01-15", court("TA de Montreuil"))},
			want: []string{"hearing 2026-03-05→2026-03-05T09:30"},
		},
		{
			name: "a choice that is not an alternative is ignored, and said", facts: CaseFacts{Procedure: ProcNaturalise},
			events: []Event{ev("e1", EventApplicationComplete, "2026-01-09", chose("oqtf-1m"))},
			want:   []string{"naturalisation-12m 2026-01-09→2027-01-09 [rule_choice_ignored,naturalisation_residence]"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := DeadlinesFor(tt.facts, tt.events)
			if err != nil {
				t.Fatal(err)
			}
			if got := summary(plan); !slices.Equal(got, tt.want) {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// A plan is a function of its inputs: the order events are given in does
// not matter, and keys are unique within a case.
func TestDeadlinesForIsDeterministic(t *testing.T) {
	events := []Event{
		notified("e1", "2026-01-09", DecisionRemovalOrder, in(SituationFree)),
		situation("s1", "2026-01-20", SituationRetention),
		ev("h1", EventHearing, "2026-03-05", court("TA de Paris")),
		ev("p1", EventPermitIssued, "2025-01-09", expiring("2026-01-08")),
		ev("a1", EventLegalAidRequested, "2026-01-10"),
	}
	facts := CaseFacts{Procedure: ProcRemovalOrder}
	first, err := DeadlinesFor(facts, events)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, p := range first {
		if keys[p.Key()] {
			t.Fatalf("duplicate key %s", p.Key())
		}
		keys[p.Key()] = true
	}
	reversed := slices.Clone(events)
	slices.Reverse(reversed)
	second, err := DeadlinesFor(facts, reversed)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(summary(first), summary(second)) {
		t.Fatalf("order matters:\n%v\n%v", summary(first), summary(second))
	}
}

// The restriction caveat names the other reading's end.
func TestRestrictionCaveatNamesOtherReading(t *testing.T) {
	plan, err := DeadlinesFor(CaseFacts{Procedure: ProcRemovalOrder}, []Event{
		notified("e1", "2026-01-09", DecisionRemovalOrder, in(SituationFree), at("11:00")),
		ev("s1", EventSituationChanged, "2026-01-20", in(SituationRetention), at("08:15")),
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan {
		if p.RuleID != "oqtf-48h" {
			continue
		}
		if got := p.DueAt.Format("2006-01-02T15:04"); got != "2026-01-11T11:00" {
			t.Fatalf("due %s", got)
		}
		for _, c := range p.Caveats {
			if c.Code == CaveatRestrictionDuringDelay && c.Other == "2026-01-22T08:15" && c.Date == d("2026-01-20") && c.Rule == "oqtf-1m" {
				return
			}
		}
		t.Fatalf("caveats %+v", p.Caveats)
	}
	t.Fatalf("no oqtf-48h in %v", summary(plan))
}

// The region is the case's own, else the suggested one when the vault's
// policy turns local holidays on; the zone is the place's in any case.
func TestFactsFor(t *testing.T) {
	off, on := HolidayPolicy{}, HolidayPolicy{LocalHolidays: true}
	tests := []struct {
		prefecture string
		settings   *DeadlineSettings
		policy     HolidayPolicy
		region     deadline.Region
		zone       string
	}{
		{"Seine-Saint-Denis (Bobigny)", nil, on, deadline.Metropole, "Europe/Paris"},
		{"La Réunion (Saint-Denis)", nil, off, deadline.Metropole, "Indian/Reunion"},
		{"La Réunion (Saint-Denis)", nil, on, deadline.Reunion, "Indian/Reunion"},
		{"Bas-Rhin (Strasbourg)", nil, off, deadline.Metropole, "Europe/Paris"},
		{"Bas-Rhin (Strasbourg)", nil, on, deadline.AlsaceMoselle, "Europe/Paris"},
		{"Bas-Rhin (Strasbourg)", &DeadlineSettings{Region: deadline.Metropole}, on, deadline.Metropole, "Europe/Paris"},
		{"Guyane (Cayenne)", &DeadlineSettings{Region: deadline.Guyane}, off, deadline.Guyane, "America/Cayenne"},
		{"", &DeadlineSettings{Region: deadline.Mayotte}, off, deadline.Mayotte, "Indian/Mayotte"},
	}
	for _, tt := range tests {
		f := FactsFor(Case{Procedure: ProcRenewal, Prefecture: tt.prefecture}, tt.settings, tt.policy)
		if f.Region != tt.region || f.zone().String() != tt.zone {
			t.Errorf("%q %+v %+v: region %v zone %v", tt.prefecture, tt.settings, tt.policy, f.Region, f.zone())
		}
	}
}

// A rule outside its regime is an error, and the other events still plan.
func TestDeadlinesForJoinsErrors(t *testing.T) {
	plan, err := DeadlinesFor(CaseFacts{Procedure: ProcRemovalOrder}, []Event{
		notified("e1", "2026-01-09", DecisionRemovalOrder, in(SituationFree), chose("oqtf-1m")),
		// A record another version wrote: a rule the engine refuses.
		{ID: "x", CaseID: "c", Kind: EventApplicationComplete, Date: Date{2026, 2, 30}},
	})
	if !errors.Is(err, deadline.ErrInvalidInput) {
		t.Fatalf("err = %v", err)
	}
	if len(plan) != 2 {
		t.Fatalf("plan %v", summary(plan))
	}
}

func TestEventValidate(t *testing.T) {
	tests := []struct {
		name string
		e    Event
		want map[string]string
	}{
		{"valid", notified("e", "2026-01-09", DecisionRemovalOrder, at("18:05")), nil},
		{"nothing", Event{}, map[string]string{"event.case_id": ProblemRequired, "event.kind": ProblemRequired, "event.date": ProblemRequired}},
		{"unknown kind", Event{CaseID: "c", Kind: "party", Date: d("2026-01-01")}, map[string]string{"event.kind": ProblemUnknown}},
		{"decision kind needed", ev("e", EventDecisionNotified, "2026-01-09"), map[string]string{"event.decision_kind": ProblemRequired}},
		{"judgment kind on a decision", notified("e", "2026-01-09", JudgmentTA), map[string]string{"event.decision_kind": ProblemUnknown}},
		{"bad time", notified("e", "2026-01-09", DecisionRefusal, at("24:00")), map[string]string{"event.time": ProblemInvalidTime}},
		{"decided after notified", notified("e", "2026-01-09", DecisionRefusal, decidedOn("2026-01-10")), map[string]string{"event.decided": ProblemAfterEvent}},
		{"presented after notified", notified("e", "2026-01-09", DecisionRefusal, presented("2026-01-10")), map[string]string{"event.first_presentation": ProblemAfterEvent}},
		{"expiry needed", ev("e", EventPermitIssued, "2026-01-09"), map[string]string{"event.expiry": ProblemRequired}},
		{"expiry before issue", ev("e", EventAPIIssued, "2026-01-09", expiring("2026-01-01")), map[string]string{"event.expiry": ProblemBeforeEvent}},
		{"situation needed", ev("e", EventSituationChanged, "2026-01-09"), map[string]string{"event.situation": ProblemRequired}},
		{"unknown situation", ev("e", EventSituationChanged, "2026-01-09", in("jail")), map[string]string{"event.situation": ProblemUnknown}},
		{"article needed", ev("e", EventTitleRequested, "2026-01-09"), map[string]string{"event.article": ProblemRequired}},
		{"court needed", ev("e", EventHearing, "2026-01-09"), map[string]string{"event.court": ProblemRequired}},
		{"control character", ev("e", EventHearing, "2026-01-09", court("TA\x1fParis")), map[string]string{"event.court": ProblemControlChar}},
		{"unknown rule", ev("e", EventApplicationComplete, "2026-01-09", chose("silence-5m")), map[string]string{"event.rule": ProblemUnknown}},
		{"impossible date", Event{CaseID: "c", Kind: EventHearing, Court: "TA", Date: Date{2026, 2, 30}}, map[string]string{"event.date": ProblemInvalidDate}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.e.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("err = %v", err)
			}
			got := map[string]string{}
			for _, p := range ve.Problems {
				got[p.Field] = p.Code
			}
			for f, c := range tt.want {
				if got[f] != c {
					t.Errorf("%s: got %q, want %q (all: %v)", f, got[f], c, got)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("problems %v, want %v", got, tt.want)
			}
		})
	}
}

func TestDeadlineValidate(t *testing.T) {
	ok := Deadline{CaseID: "c", Kind: DeadlineManual, Label: "Send the documents", Due: d("2026-03-02"), Status: DeadlineOpen}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := ok
	bad.Label, bad.Status = " ", DeadlineCancelled
	var ve *ValidationError
	if err := bad.Validate(); !errors.As(err, &ve) || ve.For("deadline.label") != ProblemRequired || ve.For("deadline.reason") != ProblemRequired {
		t.Fatalf("err = %v", err)
	}
	computed := Deadline{CaseID: "c", Kind: DeadlineComputed, RuleID: "nope", Due: d("2026-03-02"), Status: "late"}
	if err := computed.Validate(); !errors.As(err, &ve) || ve.For("deadline.rule_id") != ProblemUnknown ||
		ve.For("deadline.source") != ProblemRequired || ve.For("deadline.status") != ProblemUnknown {
		t.Fatalf("err = %v", err)
	}
}
