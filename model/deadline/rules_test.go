package deadline

import (
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestRequiredRulesExist(t *testing.T) {
	t.Parallel()
	for _, id := range []string{
		"oqtf-1m", "oqtf-7d", "oqtf-48h", "oqtf-ancien-30j", "oqtf-ancien-15j", "oqtf-ancien-48h", "depart-volontaire-30j",
		"contentieux-2m", "silence-4m", "silence-90j", "silence-60j", "contentieux-implicite-2m", "gracieux-silence-2m", "czabaj-1an",
		"cnda-1m", "cnda-aj-15d", "rapo-visa-30d",
		"renouvellement-ouverture", "renouvellement-cloture", "renouvellement-ouverture-prefecture",
		"titre-expiration", "recepisse-expiration", "api-expiration",
		"naturalisation-18m", "naturalisation-12m", "naturalisation-recours-2m", "regroupement-6m",
		"appel-caa-1m", "appel-caa-2m", "cassation-2m",
	} {
		if _, ok := Lookup(id); !ok {
			t.Errorf("missing rule %s", id)
		}
	}
}

// The policy of the issue, checked over the whole table: court appeals are
// franc and extend (except where a text forbids any extension, noted);
// administrative recourses and unsettled points are neither; implicit
// decisions, backward rules, expiries and hour rules never move.
// sourceID matches a bare source id such as [S45] or S45.
var sourceID = regexp.MustCompile(`\[?\bS[0-9]+[a-z]?\b\]?`)

func TestRulePolicy(t *testing.T) {
	t.Parallel()
	noExtension := map[string]bool{"oqtf-ancien-15j": true} // R776-5 CJA ancien: "aucune prorogation"
	for _, r := range Rules() {
		if err := r.Validate(); err != nil {
			t.Errorf("%s: %v", r.ID, err)
		}
		if r.LabelFR == "" || r.LabelEN == "" || r.Basis == "" || r.NoteFR == "" || r.NoteEN == "" || len(r.Sources) == 0 || r.Trigger == "" {
			t.Errorf("%s: label, basis, note, trigger or sources missing", r.ID)
		}
		if r.Trigger.Label("fr") == string(r.Trigger) {
			t.Errorf("%s: trigger %s has no label", r.ID, r.Trigger)
		}
		all := r.Sources
		if r.Alt != nil {
			all = append(slices.Clone(all), r.Alt.Sources...)
		}
		for _, s := range all {
			if s.Cite == "" || sourceID.MatchString(s.Cite) || strings.Contains(s.Cite, "DOMAIN") {
				t.Errorf("%s: source %q is not a readable citation", r.ID, s.Cite)
			}
		}
		for _, text := range []string{r.LabelFR, r.LabelEN, r.NoteFR, r.NoteEN, r.Basis, r.ReadingFR, r.ReadingEN} {
			if sourceID.MatchString(text) || strings.Contains(text, "DOMAIN") {
				t.Errorf("%s: %q cites a source id or a file outside the repository", r.ID, text)
			}
		}
		switch {
		case r.Duration.Unit == Hours:
			if r.Franc || r.Extends {
				t.Errorf("%s: hour rule franc or extended", r.ID)
			}
		case r.Kind == KindCourtAppeal && r.Alt != nil:
			// Two readings: the rule's own is the stricter, the other is
			// the franc and extended one of court deadlines.
			if r.Franc || r.Extends || !r.Alt.Franc || !r.Alt.Extends {
				t.Errorf("%s: readings franc=%v/%v extends=%v/%v, want the stricter first", r.ID, r.Franc, r.Alt.Franc, r.Extends, r.Alt.Extends)
			}
		case r.Kind == KindCourtAppeal:
			if !r.Franc || r.Extends == noExtension[r.ID] {
				t.Errorf("%s: court appeal franc=%v extends=%v", r.ID, r.Franc, r.Extends)
			}
		default:
			if r.Franc || r.Extends {
				t.Errorf("%s (kind %d): franc=%v extends=%v, want neither", r.ID, r.Kind, r.Franc, r.Extends)
			}
		}
		if r.Duration.N < 0 && r.Kind != KindFilingWindow {
			t.Errorf("%s: counted backwards but not a filing window", r.ID)
		}
		if r.Kind == KindAdminRecourse && r.LegalAid != LegalAidNone {
			t.Errorf("%s: legal aid on an administrative recourse", r.ID)
		}
	}
	for id, aid := range map[string]LegalAid{"oqtf-7d": LegalAidUnverified, "oqtf-48h": LegalAidUnverified,
		"cnda-1m": LegalAidSuspends, "oqtf-1m": LegalAidInterrupts, "oqtf-ancien-30j": LegalAidInterrupts,
		"oqtf-ancien-15j": LegalAidNone, "oqtf-ancien-48h": LegalAidNone} {
		if r := mustRule(t, id); r.LegalAid != aid {
			t.Errorf("%s: legal aid %v, want %v", id, r.LegalAid, aid)
		}
	}
	if r := mustRule(t, "cnda-1m"); r.Filing != FilingSent {
		t.Errorf("cnda-1m filing %v, want sent", r.Filing)
	}
	if r := mustRule(t, "naturalisation-recours-silence-4m"); r.Status != Unverified {
		t.Errorf("the ⚠ rule is %v", r.Status)
	}
}

func TestRulesAreCopies(t *testing.T) {
	t.Parallel()
	rs := Rules()
	rs[0].Sources[0].Cite = "tampered"
	rs[0].ID = "tampered"
	r := mustRule(t, "oqtf-1m")
	r.Sources[0].Cite = "tampered"
	if again := mustRule(t, "oqtf-1m"); again.Sources[0].Cite == "tampered" || Rules()[0].ID != "oqtf-1m" {
		t.Error("callers can modify the rule table")
	}
	ids := make([]string, 0, len(rs))
	for _, r := range Rules() {
		ids = append(ids, r.ID)
	}
	if len(slices.Compact(slices.Sorted(slices.Values(ids)))) != len(ids) {
		t.Error("duplicate ids")
	}
}

func TestRegime(t *testing.T) {
	t.Parallel()
	newR, oldR := mustRule(t, "oqtf-1m"), mustRule(t, "oqtf-ancien-30j")
	cases := []struct {
		name     string
		in       Input
		wantErr  bool
		wantStep StepKind
	}{
		{"new regime, decided on its first day", Input{Rule: newR, Trigger: Date{2024, 7, 16}, DecisionDate: &Date{2024, 7, 15}}, false, StepRegime},
		{"new regime, decided the day before", Input{Rule: newR, Trigger: Date{2024, 7, 16}, DecisionDate: &Date{2024, 7, 14}}, true, 0},
		{"new regime, notified before it started", Input{Rule: newR, Trigger: Date{2024, 7, 10}}, true, 0},
		{"new regime, decision date unknown", Input{Rule: newR, Trigger: Date{2024, 8, 1}}, false, StepRegimeUnchecked},
		{"old regime, decided on its last day", Input{Rule: oldR, Trigger: Date{2024, 7, 20}, DecisionDate: &Date{2024, 7, 14}}, false, StepRegime},
		{"old regime, decided under the new one", Input{Rule: oldR, Trigger: Date{2024, 7, 20}, DecisionDate: &Date{2024, 7, 15}}, true, 0},
		{"old regime, notified later, decision unknown", Input{Rule: oldR, Trigger: Date{2024, 7, 20}}, false, StepRegimeUnchecked},
		{"RAPO regime starts 1 Jan 2023", Input{Rule: mustRule(t, "rapo-visa-30d"), Trigger: Date{2022, 12, 15}}, true, 0},
	}
	for _, c := range cases {
		res, err := Compute(c.in)
		if c.wantErr {
			if !errors.Is(err, ErrOutsideRegime) {
				t.Errorf("%s: err %v, want ErrOutsideRegime", c.name, err)
			}
			continue
		}
		if err != nil || !hasStep(res, c.wantStep) {
			t.Errorf("%s: err %v, regime step %v: %v", c.name, err, c.wantStep, hasStep(res, c.wantStep))
		}
	}
}

func TestInvalidInputsAndRules(t *testing.T) {
	t.Parallel()
	r := mustRule(t, "oqtf-1m")
	for name, in := range map[string]Input{
		"no trigger":      {Rule: r},
		"31 February":     {Rule: r, Trigger: Date{2026, 2, 31}},
		"25:00":           {Rule: mustRule(t, "oqtf-48h"), Trigger: Date{2026, 2, 3}, At: Clock{25, 0}},
		"unknown region":  {Rule: r, Trigger: Date{2026, 2, 3}, Region: Region(200)},
		"decision 30 Feb": {Rule: r, Trigger: Date{2026, 2, 3}, DecisionDate: &Date{2026, 2, 30}},
	} {
		if _, err := Compute(in); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: err %v, want ErrInvalidInput", name, err)
		}
	}
	bad := []Rule{
		{},
		{ID: "x"},
		{ID: "x", Duration: Duration{48, Hours}, Franc: true},
		{ID: "x", Duration: Duration{-2, Months}, Extends: true},
		{ID: "x", Duration: Duration{48, Hours}, LegalAid: LegalAidInterrupts},
		{ID: "x", Duration: Duration{1, Months}, LegalAid: LegalAidSuspends},
		{ID: "x", Duration: Duration{1, Months}, LegalAid: LegalAidSuspends, LegalAidWindow: "nope"},
		{ID: "x", Trigger: EventDecisionNotified, Duration: Duration{1, Months}, LegalAid: LegalAidSuspends, LegalAidWindow: "cnda-aj-15d"},
	}
	for _, rule := range bad {
		if _, err := Compute(Input{Rule: rule, Trigger: Date{2026, 1, 1}}); !errors.Is(err, ErrInvalidRule) {
			t.Errorf("rule %+v: err %v, want ErrInvalidRule", rule, err)
		}
	}
}

func TestSilenceRuleFor(t *testing.T) {
	t.Parallel()
	cases := []struct {
		article string
		want    string
		known   bool
	}{
		{"R421-43", "silence-90j", true},
		{" r426-17 ", "silence-90j", true},
		{"R421-26", "silence-60j", true},
		{"art. R423-1", "silence-4m", true},
		{"", "silence-60j", false},
		{"R421-23", "silence-60j", false},
		{"R421-37-7", "silence-60j", false},
		{"L423-23", "silence-60j", false},
		{"R4xx", "silence-60j", false},
		{"R421-", "silence-60j", false},
	}
	for _, c := range cases {
		r, ok := SilenceRuleFor(c.article)
		if r.ID != c.want || ok != c.known {
			t.Errorf("SilenceRuleFor(%q) = %s, %v; want %s, %v", c.article, r.ID, ok, c.want, c.known)
		}
	}
}

func TestDefaultReminder(t *testing.T) {
	t.Parallel()
	// oqtf-7d notified Sun 29 Mar 2026: due Tue 7 Apr (after Easter Monday);
	// two working days before is Thu 2 Apr.
	res := mustCompute(t, Input{Rule: mustRule(t, "oqtf-7d"), Trigger: Date{2026, 3, 29}})
	if got := DefaultReminder(res); got.Date != (Date{2026, 4, 2}) || !got.At.IsZero() {
		t.Errorf("reminder %+v, want 2026-04-02", got)
	}
	// A same-day expiry on Mon 2 Nov 2026: two working days before is Thu 29 Oct.
	res = mustCompute(t, Input{Rule: mustRule(t, "titre-expiration"), Trigger: Date{2026, 11, 2}})
	if got := DefaultReminder(res); got.Date != (Date{2026, 10, 29}) {
		t.Errorf("expiry reminder %v, want 2026-10-29", got.Date)
	}
	// Never before the trigger: 7 days from Fri 24 Apr 2026 ends Mon 4 May;
	// the reminder (Wed 29 Apr) is after the trigger and stays.
	res = mustCompute(t, Input{Rule: mustRule(t, "oqtf-7d"), Trigger: Date{2026, 4, 24}})
	if got := DefaultReminder(res); got.Date != (Date{2026, 4, 29}) {
		t.Errorf("reminder %v, want 2026-04-29", got.Date)
	}
	// Hour rules: at notification.
	res = mustCompute(t, Input{Rule: mustRule(t, "oqtf-48h"), Trigger: Date{2026, 1, 9}, At: Clock{18, 0}})
	if got := DefaultReminder(res); !got.At.Equal(res.TriggerAt) || got.Date != (Date{2026, 1, 9}) {
		t.Errorf("hour reminder %+v, want the trigger %v", got, res.TriggerAt)
	}
	// A short custom rule where two working days before the due day precede
	// the trigger: the reminder is the trigger day.
	short := Rule{ID: "x", Trigger: EventDecisionNotified, Duration: Duration{1, Days}, Kind: KindOther}
	res = mustCompute(t, Input{Rule: short, Trigger: Date{2026, 1, 6}})
	if got := DefaultReminder(res); got.Date != (Date{2026, 1, 6}) {
		t.Errorf("short reminder %v, want the trigger day", got.Date)
	}
}
