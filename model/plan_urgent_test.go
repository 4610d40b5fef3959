package model

import (
	"slices"
	"strings"
	"testing"

	"casefile/model/deadline"
)

// The urgent procedures and the rules of issue 16 (docs/deadlines.md),
// counted by hand: 7 days of L921-1 not franc and not extended (CAA Lyon,
// 19 Dec 2024, n° 24LY03013); hour rules hour to hour in Europe/Paris.
func TestDeadlinesForUrgentProcedures(t *testing.T) {
	free := CaseFacts{Procedure: ProcRemovalOrder}
	mayotte := CaseFacts{Procedure: ProcRemovalOrder, Region: deadline.Mayotte, Place: deadline.Mayotte}
	tests := []struct {
		name   string
		facts  CaseFacts
		events []Event
		want   []string
	}{
		{
			name: "Dublin transfer in rétention: 48 hours", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionDublinTransfer, at("18:00"), in(SituationRetention))},
			want:   []string{"dublin-transfert-48h 2026-01-09→2026-01-11T18:00"},
		},
		{
			name: "Dublin transfer, free: 7 days", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionDublinTransfer, in(SituationFree))},
			want:   []string{"dublin-transfert-7j 2026-01-09→2026-01-16"},
		},
		{
			name: "Dublin transfer without the situation: 48 hours from 00:00, and said", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionDublinTransfer)},
			want:   []string{"dublin-transfert-48h 2026-01-09→2026-01-11T00:00 [situation_unknown,time_unknown]"},
		},
		{
			name: "house arrest: 7 days", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionHouseArrest, in(SituationHouseArrest))},
			want:   []string{"assignation-7j 2026-01-09→2026-01-16"},
		},
		{
			name: "house arrest without the situation: 48 hours, and said", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionHouseArrest, at("09:15"))},
			want:   []string{"oqtf-48h 2026-01-09→2026-01-11T09:15 [situation_unknown]"},
		},
		{
			name: "ban on return in rétention: 48 hours", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionIRTF, at("10:00"), in(SituationRetention))},
			want:   []string{"oqtf-48h 2026-01-09→2026-01-11T10:00"},
		},
		{
			name: "ban on return under house arrest: 7 days", facts: free,
			events: []Event{notified("e1", "2026-01-09", DecisionIRTF, in(SituationHouseArrest))},
			want:   []string{"irtf 2026-01-09→2026-01-16"},
		},
		{
			// 96 h; 30, 60, 75 days; 90 days crosses the spring clock change
			// of 29 Mar 2026: the wall clock (15:05 CEST) is earlier than the
			// elapsed 2160 h (16:05 CEST).
			name: "placement in rétention: the challenge and the course of the rétention", facts: free,
			events: []Event{notified("r1", "2026-01-09", DecisionRetentionPlacement, at("15:05"))},
			want: []string{"retention-contestation 2026-01-09→2026-01-13T15:05", "retention-fin-4j 2026-01-09→2026-01-13T15:05",
				"retention-fin-30j 2026-01-09→2026-02-08T15:05", "retention-fin-60j 2026-01-09→2026-03-10T15:05",
				"retention-fin-75j 2026-01-09→2026-03-25T15:05", "retention-fin-90j 2026-01-09→2026-04-09T15:05"},
		},
		{
			name: "the judge's order on a rétention: 24 hours from its pronouncement", facts: free,
			events: []Event{ev("j1", EventJudgmentNotified, "2026-01-10", judged(JudgmentRetentionOrder), at("11:00"))},
			want:   []string{"retention-appel 2026-01-10→2026-01-11T11:00"},
		},
		{
			// 09/01 + 15 = Sat 24/01, not franc and not moved (the earlier).
			name: "référé-liberté order: 15 days to the Conseil d'État", facts: free,
			events: []Event{ev("j1", EventJudgmentNotified, "2026-01-09", judged(JudgmentRefereLiberte))},
			want:   []string{"refere-liberte-appel-15j 2026-01-09→2026-01-24"},
		},
		{
			name: "short-stay visa judgment of TA Nantes: cassation, never an appeal", facts: CaseFacts{Procedure: ProcVisa},
			events: []Event{ev("j1", EventJudgmentNotified, "2026-01-09", judged(JudgmentTAShortStayVisa))},
			want:   []string{"cassation-2m 2026-01-09→2026-03-10 [short_stay_visa]"},
		},
		{
			name: "asylum attestation: 21 days to file at OFPRA", facts: CaseFacts{Procedure: ProcAsylum},
			events: []Event{ev("a1", EventAsylumRegistered, "2026-01-09")},
			want:   []string{"ofpra-21j 2026-01-09→2026-01-30"},
		},
		{
			name: "full legal aid: nothing to challenge", facts: free,
			events: []Event{ev("a1", EventLegalAidDecided, "2026-01-09", judged(AidGranted))},
			want:   []string{},
		},
		{
			name: "overseas: the removal order's appeal carries the non-suspensive alert", facts: mayotte,
			events: []Event{notified("e1", "2026-01-09", DecisionRemovalOrder, in(SituationFree))},
			want:   []string{"depart-volontaire-30j 2026-01-09→2026-02-08", "oqtf-1m 2026-01-09→2026-02-10 [overseas_non_suspensive]"},
		},
		{
			// Silence 60 days → 10/03; appeal until 11/05; reasons asked
			// 01/04 (in time): the administration has until 01/05; the
			// appeal is prorogued, the earlier date kept and said.
			name: "reasons requested, not yet communicated", facts: CaseFacts{Procedure: ProcOther},
			events: []Event{ev("a1", EventApplicationComplete, "2026-01-09"), ev("m1", EventReasonsRequested, "2026-04-01")},
			want: []string{"silence-60j 2026-01-09→2026-03-10 [needs_title]", "motifs-reponse-1m 2026-04-01→2026-05-01",
				"motifs-implicite 2026-03-10→2026-05-10 [chained]", "contentieux-implicite-2m 2026-03-10→2026-05-11 [chained,reasons_requested]"},
		},
		{
			// Communicated 20/04: two months franc → 21/06 (Sun) → Mon 22/06.
			name: "reasons communicated: the appeal runs from the communication", facts: CaseFacts{Procedure: ProcOther},
			events: []Event{ev("a1", EventApplicationComplete, "2026-01-09"), ev("m1", EventReasonsRequested, "2026-04-01"),
				ev("m2", EventReasonsCommunicated, "2026-04-20")},
			want: []string{"silence-60j 2026-01-09→2026-03-10 [needs_title]", "motifs-reponse-1m 2026-04-01→2026-05-01",
				"motifs-implicite 2026-03-10→2026-05-10 [chained]", "contentieux-motifs-2m 2026-04-20→2026-06-22 [chained,reasons_chain]"},
		},
		{
			name: "reasons requested after the appeal delay: no prorogation", facts: CaseFacts{Procedure: ProcOther},
			events: []Event{ev("a1", EventApplicationComplete, "2026-01-09"), ev("m1", EventReasonsRequested, "2026-05-20")},
			want: []string{"silence-60j 2026-01-09→2026-03-10 [needs_title]", "motifs-implicite 2026-03-10→2026-05-10 [chained]",
				"contentieux-implicite-2m 2026-03-10→2026-05-11 [chained]", "motifs-reponse-1m 2026-05-20→2026-06-20"},
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

// A removal order, a transfer or a house arrest recorded without the
// person's situation is flagged so that every face asks for it; once the
// situation is recorded, the flag goes and the delay is the situation's.
func TestSituationPromptFlag(t *testing.T) {
	for _, k := range []DecisionKind{DecisionRemovalOrder, DecisionRemovalOrderNoDeparture, DecisionDublinTransfer, DecisionHouseArrest, DecisionIRTF} {
		if !k.NeedsSituation() {
			t.Errorf("%s does not ask for the situation", k)
		}
		plan, err := DeadlinesFor(CaseFacts{}, []Event{notified("e1", "2026-01-09", k)})
		if err != nil || len(plan) != 1 || !plan[0].NeedsSituation() || plan[0].Result.Rule.Duration != (deadline.Duration{N: 48, Unit: deadline.Hours}) {
			t.Fatalf("%s without situation: %v %v", k, summary(plan), err)
		}
		plan, err = DeadlinesFor(CaseFacts{}, []Event{notified("e1", "2026-01-09", k, in(SituationHouseArrest))})
		if err != nil || len(plan) == 0 || plan[0].NeedsSituation() {
			t.Fatalf("%s with situation: %v %v", k, summary(plan), err)
		}
	}
	for _, k := range []DecisionKind{DecisionRefusal, DecisionVisaRefusal, DecisionRetentionPlacement} {
		if k.NeedsSituation() {
			t.Errorf("%s asks for a situation it does not need", k)
		}
	}
}

// Where the case is decides the overseas alert, whatever the holiday
// setting: the prefecture of Mayotte suggests it even with local holidays
// off.
func TestOverseasPlace(t *testing.T) {
	for _, tc := range []struct {
		prefecture string
		want       bool
	}{{"Mamoudzou", true}, {"Cayenne", true}, {"Basse-Terre", true}, {"Fort-de-France", false}, {"Bobigny", false}} {
		f := FactsFor(Case{Prefecture: tc.prefecture}, nil, HolidayPolicy{})
		if got := NonSuspensiveAppeal(f.Place); got != tc.want {
			t.Errorf("%s: place %v, non-suspensive %v, want %v", tc.prefecture, f.Place, got, tc.want)
		}
		plan, err := DeadlinesFor(f, []Event{notified("e1", "2026-01-09", DecisionRemovalOrder, in(SituationFree))})
		if err != nil {
			t.Fatal(err)
		}
		alert := slices.ContainsFunc(plan, func(p Planned) bool { return p.Overseas() })
		if alert != tc.want {
			t.Errorf("%s: alert %v, want %v: %v", tc.prefecture, alert, tc.want, summary(plan))
		}
	}
}
