package deadline

import (
	"strings"
	"testing"
)

func TestExplainEveryRule(t *testing.T) {
	t.Parallel()
	for _, r := range Rules() {
		for _, trig := range []Date{{2026, 1, 30}, {2026, 5, 1}, {2026, 12, 24}} {
			res := mustCompute(t, Input{Rule: r, Trigger: trig, At: Clock{18, 0}, LegalAidRequested: &Date{2026, 12, 25}})
			for _, lang := range []string{"fr", "en"} {
				lines := res.Explain(lang)
				if len(lines) < 5 {
					t.Errorf("%s %s: %d lines", r.ID, lang, len(lines))
				}
				for _, l := range lines {
					if l == "" || strings.Contains(l, "%!") || strings.Contains(l, "  ") {
						t.Errorf("%s %s: bad line %q", r.ID, lang, l)
					}
				}
				all := strings.Join(lines, "\n")
				if want := map[string]string{"fr": "Base légale : ", "en": "Legal basis: "}[lang]; !strings.Contains(all, want+r.Basis) {
					t.Errorf("%s %s: basis missing", r.ID, lang)
				}
				if !strings.Contains(all, r.ID) {
					t.Errorf("%s %s: rule id missing", r.ID, lang)
				}
			}
		}
	}
}

func explainContains(t *testing.T, res Result, lang string, wants ...string) {
	t.Helper()
	all := strings.Join(res.Explain(lang), "\n")
	for _, w := range wants {
		if !strings.Contains(all, w) {
			t.Errorf("%s explanation lacks %q:\n%s", lang, w, all)
		}
	}
}

func TestExplainNamesBothReadings(t *testing.T) {
	t.Parallel()
	// oqtf-1m notified 30 Jan 2026: reading A 1 Mar, reading B 28 Feb (Sat),
	// moved over the weekend to Mon 2 Mar.
	res := mustCompute(t, Input{Rule: mustRule(t, "oqtf-1m"), Trigger: Date{2026, 1, 30}})
	explainContains(t, res, "fr", "Lecture A", "Lecture B", "samedi 28/02/2026, est retenue", "dimanche 01/03/2026",
		"(samedi)", "(dimanche)", "lundi 02/03/2026", "source secondaire", "réception")
	explainContains(t, res, "en", "Reading A", "Reading B", "Sat 28 Feb 2026, is used", "Sun 1 Mar 2026", "Mon 2 Mar 2026")
	if len(res.Readings) != 2 || res.Readings[0].Final != (Date{2026, 3, 2}) || res.Readings[1].Last != (Date{2026, 2, 28}) {
		t.Errorf("readings %+v", res.Readings)
	}
}

func TestExplainSkippedHolidays(t *testing.T) {
	t.Parallel()
	// contentieux-2m notified 2 Feb 2026 ends on Good Friday 3 Apr.
	res := mustCompute(t, Input{Rule: mustRule(t, "contentieux-2m"), Trigger: Date{2026, 2, 2}, Region: AlsaceMoselle})
	explainContains(t, res, "fr", "Vendredi saint", "férié local", "non vérifié", "Lundi de Pâques", "mardi 07/04/2026")
	explainContains(t, res, "en", "Good Friday", "local holiday", "Easter Monday", "Tue 7 Apr 2026")
}

func TestExplainNotMovedAndUnsettled(t *testing.T) {
	t.Parallel()
	res := mustCompute(t, Input{Rule: mustRule(t, "recours-gracieux-2m"), Trigger: Date{2026, 6, 15}})
	explainContains(t, res, "fr", "recours administratif", "la date la plus tôt est retenue", "Assomption", "pas de report")
	explainContains(t, res, "en", "administrative recourse", "the earlier date is used", "Assumption Day", "not moved")
	res = mustCompute(t, Input{Rule: mustRule(t, "silence-4m"), Trigger: Date{2026, 1, 2}})
	explainContains(t, res, "fr", "Décision implicite née le samedi 02/05/2026", "la décision implicite naît quand même")
	res = mustCompute(t, Input{Rule: mustRule(t, "naturalisation-recours-silence-4m"), Trigger: Date{2026, 1, 31}})
	explainContains(t, res, "fr", "NON VÉRIFIÉ")
	explainContains(t, res, "en", "NOT VERIFIED")
	res = mustCompute(t, Input{Rule: mustRule(t, "oqtf-ancien-15j"), Trigger: Date{2024, 4, 11}})
	explainContains(t, res, "fr", "n'est pas prorogé", "insusceptible de prorogation")
}

func TestExplainHours(t *testing.T) {
	t.Parallel()
	res := mustCompute(t, Input{Rule: mustRule(t, "oqtf-48h"), Trigger: Date{2026, 3, 27}, At: Clock{18, 0}})
	explainContains(t, res, "fr", "vendredi 27/03/2026 18:00 CET", "dimanche 29/03/2026 19:00 CEST", "la plus tôt, dimanche 29/03/2026 18:00 CEST", "ni franc ni prorogé")
	explainContains(t, res, "en", "Fri 27 Mar 2026 18:00 CET", "the earlier, Sun 29 Mar 2026 18:00 CEST")
	res = mustCompute(t, Input{Rule: mustRule(t, "oqtf-48h"), Trigger: Date{2026, 3, 29}, At: Clock{2, 30}})
	explainContains(t, res, "fr", "n'existe pas", "sens le plus tôt")
	res = mustCompute(t, Input{Rule: mustRule(t, "oqtf-48h"), Trigger: Date{2026, 3, 27}, At: Clock{2, 15}})
	explainContains(t, res, "en", "the clock jumps straight to Sun 29 Mar 2026 03:00 CEST", "it would be Sun 29 Mar 2026 01:15 CET", "the other would give Sun 29 Mar 2026 03:15 CEST")
	res = mustCompute(t, Input{Rule: mustRule(t, "oqtf-48h"), Trigger: Date{2026, 10, 25}, At: Clock{2, 30}})
	explainContains(t, res, "en", "occurs twice", "the first is used")
}

func TestExplainLegalAid(t *testing.T) {
	t.Parallel()
	res := mustCompute(t, Input{Rule: mustRule(t, "cnda-1m"), Trigger: Date{2026, 3, 2}, LegalAidRequested: &Date{2026, 3, 10}, LegalAidDecided: &Date{2026, 5, 4}})
	explainContains(t, res, "fr", "suspendu", "il restait 24 jours", "un jour de plus", "jeudi 28/05/2026")
	res = mustCompute(t, Input{Rule: mustRule(t, "oqtf-1m"), Trigger: Date{2026, 1, 5}, LegalAidRequested: &Date{2026, 1, 20}})
	explainContains(t, res, "fr", "interrompu", "pas encore notifiée")
	res = mustCompute(t, Input{Rule: mustRule(t, "oqtf-7d"), Trigger: Date{2026, 1, 5}, LegalAidRequested: &Date{2026, 1, 6}})
	explainContains(t, res, "fr", "n'est pas vérifié", "aucun effet")
	explainContains(t, res, "en", "not verified", "no effect is applied")
}

func TestExplainOtherLanguageIsFrench(t *testing.T) {
	t.Parallel()
	res := mustCompute(t, Input{Rule: mustRule(t, "oqtf-7d"), Trigger: Date{2026, 1, 5}})
	if got, want := strings.Join(res.Explain("de"), "\n"), strings.Join(res.Explain("fr"), "\n"); got != want {
		t.Error("an unknown language does not fall back to French")
	}
	if got, want := strings.Join(res.Explain("en-GB"), "\n"), strings.Join(res.Explain("en"), "\n"); got != want {
		t.Error("en-GB is not English")
	}
}

// oqtf-7d notified Friday 7 March 2025: CAA Lyon's reading ends Friday
// 14 March and is shown; CAA Toulouse's franc and extended reading would
// end Monday 17 March, and the explanation names it with its decision.
func TestExplainOQTF7dBothReadings(t *testing.T) {
	t.Parallel()
	res := mustCompute(t, Input{Rule: mustRule(t, "oqtf-7d"), Trigger: Date{2025, 3, 7}})
	if res.Due != (Date{2025, 3, 14}) || res.AltDue != (Date{2025, 3, 17}) || res.AltKept {
		t.Fatalf("due %v, other %v, kept %v", res.Due, res.AltDue, res.AltKept)
	}
	explainContains(t, res, "fr", "Deux lectures", "24LY03013", "vendredi 14/03/2025", "24TL02643", "lundi 17/03/2025",
		"La plus tôt, vendredi 14/03/2025, est retenue", "CETATEXT000050829858", "Droit pris en compte jusqu'au")
	explainContains(t, res, "en", "Two readings", "Fri 14 Mar 2025", "Mon 17 Mar 2025", "The earlier, Fri 14 Mar 2025, is used", "Law taken into account up to")
	for _, lang := range []string{"fr", "en"} {
		for _, line := range res.Explain(lang) {
			if sourceID.MatchString(line) {
				t.Errorf("%s: a bare source id in %q", lang, line)
			}
		}
	}
}

// An hour rule with a day reading: the 24 hours of R743-10 are shown, the
// CPC reading (end of the next day, extended) is named.
func TestExplainRetentionAppealReadings(t *testing.T) {
	t.Parallel()
	res := mustCompute(t, Input{Rule: mustRule(t, "retention-appel"), Trigger: Date{2026, 1, 9}, At: Clock{17, 0}})
	if res.DueString() != "2026-01-10T17:00" || res.AltDue != (Date{2026, 1, 12}) || res.AltKept {
		t.Fatalf("due %s, other %v", res.DueString(), res.AltDue)
	}
	explainContains(t, res, "fr", "samedi 10/01/2026 17:00", "lundi 12/01/2026 (fin de journée)", "NON VÉRIFIÉ")
}

// After legal aid, the engine restarts the delay from the notification of
// the decision (earlier) and names CE 10 June 2020 n° 422471's reading,
// from 15 days later.
func TestExplainLegalAidRestartNamesCE422471(t *testing.T) {
	t.Parallel()
	req, dec := Date{2026, 1, 20}, Date{2026, 3, 16}
	res := mustCompute(t, Input{Rule: mustRule(t, "oqtf-1m"), Trigger: Date{2026, 1, 5}, LegalAidRequested: &req, LegalAidDecided: &dec})
	if res.Due != (Date{2026, 4, 17}) {
		t.Fatalf("due %v", res.Due)
	}
	// From 31 Mar: A 30 Apr + 1 = Fri 1 May (holiday) → Mon 4 May; B from
	// 1 Apr: Fri 1 May → Mon 4 May.
	explainContains(t, res, "fr", "n° 422471", "mardi 31/03/2026", "lundi 04/05/2026", "Non retenue")
	explainContains(t, res, "en", "no. 422471", "Tue 31 Mar 2026", "Mon 4 May 2026")
}

// Saint-Martin's abolition day is not verified: a deadline ending on it is
// not moved, and the explanation says so.
func TestExplainUnverifiedHoliday(t *testing.T) {
	t.Parallel()
	// contentieux-2m notified 27 Mar 2026: A 27 May + 1 = Thu 28 May; B
	// from 28 Mar: 28 May. 28 May is not moved in Saint-Martin.
	res := mustCompute(t, Input{Rule: mustRule(t, "contentieux-2m"), Trigger: Date{2026, 3, 27}, Region: SaintMartin})
	if res.Due != (Date{2026, 5, 28}) {
		t.Fatalf("due %v", res.Due)
	}
	explainContains(t, res, "fr", "peut-être un jour férié local", "date non vérifiée", "pas de report")
	explainContains(t, res, "en", "may be a local holiday", "not moved")
}
