package deadline

import (
	"errors"
	"testing"
)

// Legal-aid examples, computed by hand (python3 datetime for day counts).
var legalAidExamples = []struct {
	name              string
	rule              string
	trigger, req, dec string
	want              string
	pending           bool
}{
	{"oqtf-1m interrupted: new month from the decision 16 Mar -> 17 Apr", "oqtf-1m", "2026-01-05", "2026-01-20", "2026-03-16", "2026-04-17", false},
	{"oqtf-1m interrupted, decision pending: the date without legal aid", "oqtf-1m", "2026-01-05", "2026-01-20", "", "2026-02-06", true},
	{"request after expiry (6 Feb) has no effect", "oqtf-1m", "2026-01-05", "2026-02-07", "2026-03-16", "2026-02-06", false},
	{"request on the extended last day interrupts; new end moved past a weekend", "contentieux-2m", "2026-02-05", "2026-04-07", "2026-05-04", "2026-07-06", false},
	{"new two months from 31 Mar -> 1 Jun", "contentieux-2m", "2026-02-02", "2026-02-10", "2026-03-31", "2026-06-01", false},
	{"appel-caa-2m interrupted -> 1 Dec", "appel-caa-2m", "2026-06-15", "2026-08-17", "2026-09-30", "2026-12-01", false},
	{"contentieux-implicite-2m interrupted, reading B later -> 31 Aug", "contentieux-implicite-2m", "2026-05-02", "2026-05-20", "2026-06-30", "2026-08-31", false},
	{"oqtf-ancien-30j interrupted -> 1 Aug 2024", "oqtf-ancien-30j", "2024-06-03", "2024-06-10", "2024-07-01", "2024-08-01", false},
	{"request before the trigger: no effect", "oqtf-1m", "2026-01-05", "2026-01-02", "2026-03-16", "2026-02-06", false},
	{"cnda-1m suspended: 24 days left from 10 Mar resume 4 May -> 28 May", "cnda-1m", "2026-03-02", "2026-03-10", "2026-05-04", "2026-05-28", false},
	{"cnda-1m suspended on day 15: 17 days -> Sat 23 May, Whit Monday -> 26 May", "cnda-1m", "2026-03-02", "2026-03-17", "2026-05-06", "2026-05-26", false},
	{"cnda-1m request on the notification day: 32 days -> Sun 3 May -> 4 May", "cnda-1m", "2026-03-02", "2026-03-02", "2026-04-01", "2026-05-04", false},
	{"cnda-1m request on day 16: outside the window, no suspension", "cnda-1m", "2026-03-02", "2026-03-18", "2026-05-06", "2026-04-03", false},
	{"cnda-1m suspended, decision pending", "cnda-1m", "2026-03-02", "2026-03-10", "", "2026-04-03", true},
	{"oqtf-7d: effect unverified, nothing changes", "oqtf-7d", "2026-01-05", "2026-01-06", "2026-01-20", "2026-01-12", false},
	{"oqtf-ancien-15j: legal aid does not interrupt", "oqtf-ancien-15j", "2024-05-01", "2024-05-02", "2024-05-10", "2024-05-17", false},
	{"czabaj-1an: new length unsettled, nothing changes", "czabaj-1an", "2026-01-05", "2026-06-01", "2026-07-01", "2027-01-05", false},
	{"rapo-visa-30d: an administrative recourse, legal aid has no effect", "rapo-visa-30d", "2026-03-02", "2026-03-05", "2026-03-20", "2026-04-01", false},
}

func TestLegalAidExamples(t *testing.T) {
	t.Parallel()
	for _, ex := range legalAidExamples {
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			got := mustCompute(t, Input{
				Rule: mustRule(t, ex.rule), Trigger: mustDate(t, ex.trigger),
				LegalAidRequested: datePtr(t, ex.req), LegalAidDecided: datePtr(t, ex.dec),
			})
			if got.Due.String() != ex.want || got.LegalAidPending != ex.pending {
				t.Errorf("due %v pending %v, want %s pending %v\n%s", got.Due, got.LegalAidPending, ex.want, ex.pending, explainText(got))
			}
		})
	}
}

func TestLegalAidHourRuleUnverified(t *testing.T) {
	t.Parallel()
	in := Input{Rule: mustRule(t, "oqtf-48h"), Trigger: Date{2026, 1, 9}, At: Clock{18, 0}}
	plain := mustCompute(t, in)
	in.LegalAidRequested, in.LegalAidDecided = &Date{2026, 1, 10}, &Date{2026, 1, 12}
	with := mustCompute(t, in)
	if !with.DueAt.Equal(plain.DueAt) {
		t.Errorf("legal aid moved an hour rule: %v, want %v", with.DueAt, plain.DueAt)
	}
	if !hasStep(with, StepLegalAidUnverified) {
		t.Error("explanation does not say the effect is unverified")
	}
}

func TestLegalAidInputErrors(t *testing.T) {
	t.Parallel()
	r := mustRule(t, "oqtf-1m")
	for name, in := range map[string]Input{
		"decided without request":  {Rule: r, Trigger: Date{2026, 1, 5}, LegalAidDecided: &Date{2026, 2, 1}},
		"decided before request":   {Rule: r, Trigger: Date{2026, 1, 5}, LegalAidRequested: &Date{2026, 1, 20}, LegalAidDecided: &Date{2026, 1, 19}},
		"request date inexistent":  {Rule: r, Trigger: Date{2026, 1, 5}, LegalAidRequested: &Date{2026, 2, 30}},
		"decision date inexistent": {Rule: r, Trigger: Date{2026, 1, 5}, LegalAidRequested: &Date{2026, 1, 20}, LegalAidDecided: &Date{2026, 13, 1}},
	} {
		if _, err := Compute(in); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: err %v, want ErrInvalidInput", name, err)
		}
	}
}

func hasStep(r Result, k StepKind) bool {
	for _, s := range r.Steps {
		if s.Kind == k {
			return true
		}
	}
	return false
}
