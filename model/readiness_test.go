package model

import (
	"testing"
	"time"
)

func paris(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func attempt(loc *time.Location, s string) Evidence {
	at, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
	if err != nil {
		panic(err)
	}
	return Evidence{At: at, Channel: EvidenceAppointment, What: "no slot"}
}

func day(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

func TestReadinessWeekBoundaries(t *testing.T) {
	loc := paris(t)
	cases := []struct {
		name     string
		at       []string
		weeks    int
		span     int
		wantWeek []ISOWeek
	}{
		// 2026-11-29 is a Sunday (W48), the 30th a Monday (W49).
		{"sunday then monday", []string{"2026-11-29 22:00", "2026-11-30 08:00"}, 2, 1, []ISOWeek{{2026, 48}, {2026, 49}}},
		{"monday to sunday, one week", []string{"2026-11-23 00:05", "2026-11-29 23:55"}, 1, 6, []ISOWeek{{2026, 48}}},
		// 2026 has 53 ISO weeks: 31 Dec 2026 and 1-3 Jan 2027 are 2026-W53.
		{"week 53 across the year change", []string{"2026-12-31 10:00", "2027-01-03 18:00"}, 1, 3, []ISOWeek{{2026, 53}}},
		{"week 53 then week 1", []string{"2027-01-03 18:00", "2027-01-04 09:00"}, 2, 1, []ISOWeek{{2026, 53}, {2027, 1}}},
		// 2027 has 52: 1 Jan 2028, a Saturday, is still 2027-W52.
		{"year change inside week 52", []string{"2027-12-31 10:00", "2028-01-01 10:00"}, 1, 1, []ISOWeek{{2027, 52}}},
		{"same week a year apart", []string{"2026-11-30 10:00", "2027-11-29 10:00"}, 2, 364, []ISOWeek{{2026, 49}, {2027, 48}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var es []Evidence
			for i := len(c.at) - 1; i >= 0; i-- { // newest first, as the log lists them
				es = append(es, attempt(loc, c.at[i]))
			}
			r := AssessReadiness(es, nil, DateOf(es[0].At.In(loc)), loc)
			if r.Attempts != len(c.at) || len(r.Weeks) != c.weeks || r.SpanDays != c.span {
				t.Fatalf("attempts %d weeks %v span %d; want %d, %d weeks, span %d", r.Attempts, r.Weeks, r.SpanDays, len(c.at), c.weeks, c.span)
			}
			for i, w := range c.wantWeek {
				if r.Weeks[i] != w {
					t.Errorf("week %d = %v, want %v", i, r.Weeks[i], w)
				}
			}
		})
	}
}

// An attempt late on Sunday evening UTC is on Monday in Paris: the week is
// counted where the attempt was made.
func TestReadinessCountsWeeksInTheCaseZone(t *testing.T) {
	loc := paris(t)
	sunUTC := time.Date(2026, 11, 29, 23, 30, 0, 0, time.UTC) // Monday 00:30 in Paris
	r := AssessReadiness([]Evidence{{At: sunUTC, Channel: EvidenceANEF, What: "x"}}, nil, day("2026-11-30"), loc)
	if r.Weeks[0] != (ISOWeek{2026, 49}) {
		t.Fatalf("week %v, want 2026-W49", r.Weeks[0])
	}
	r = AssessReadiness([]Evidence{{At: sunUTC, Channel: EvidenceANEF, What: "x"}}, nil, day("2026-11-30"), time.UTC)
	if r.Weeks[0] != (ISOWeek{2026, 48}) {
		t.Fatalf("week in UTC %v, want 2026-W48", r.Weeks[0])
	}
}

func TestReadinessThresholds(t *testing.T) {
	loc := paris(t)
	three := []Evidence{
		attempt(loc, "2026-11-02 09:00"), attempt(loc, "2026-11-10 09:00"), attempt(loc, "2026-11-18 09:00"),
	}
	r := AssessReadiness(three, nil, day("2026-11-28"), loc)
	if !r.Ready || !r.EnoughAttempts || !r.EnoughWeeks || r.Stale || r.DaysSinceLatest != 10 {
		t.Fatalf("three attempts over three weeks: %+v", r)
	}
	// Three attempts in one week are not enough.
	sameWeek := []Evidence{
		attempt(loc, "2026-11-16 09:00"), attempt(loc, "2026-11-17 09:00"), attempt(loc, "2026-11-18 09:00"),
	}
	r = AssessReadiness(sameWeek, nil, day("2026-11-28"), loc)
	if r.Ready || !r.EnoughAttempts || r.EnoughWeeks {
		t.Fatalf("three attempts in one week: %+v", r)
	}
	// A withdrawn entry does not count.
	withdrawn := append([]Evidence(nil), three...)
	withdrawn[2].Withdrawn, withdrawn[2].WithdrawnReason = true, "wrong case"
	r = AssessReadiness(withdrawn, nil, day("2026-11-28"), loc)
	if r.Ready || r.Attempts != 2 || len(r.Weeks) != 2 {
		t.Fatalf("withdrawn entry counted: %+v", r)
	}
	// Stale: the latest attempt is more than 45 days old.
	r = AssessReadiness(three, nil, day("2026-11-18").addDaysForTest(ReadinessStaleDays+1), loc)
	if r.Ready || !r.Stale {
		t.Fatalf("stale evidence reads ready: %+v", r)
	}
	r = AssessReadiness(three, nil, day("2026-11-18").addDaysForTest(ReadinessStaleDays), loc)
	if !r.Ready || r.Stale {
		t.Fatalf("evidence exactly %d days old reads stale: %+v", ReadinessStaleDays, r)
	}
	// Nothing recorded.
	r = AssessReadiness(nil, nil, day("2026-11-28"), loc)
	if r.Ready || r.Attempts != 0 || r.Stale {
		t.Fatalf("empty log: %+v", r)
	}
}

func TestReadinessListsOpenDeadlinesSoonestFirst(t *testing.T) {
	ds := []Deadline{
		{ID: "b", Due: day("2026-12-20"), Status: DeadlineOpen},
		{ID: "done", Due: day("2026-12-01"), Status: DeadlineDone},
		{ID: "a", Due: day("2026-11-20"), Status: DeadlineOpen}, // overdue, still listed
		{ID: "x", Due: day("2026-11-30"), Status: DeadlineCancelled},
	}
	r := AssessReadiness(nil, ds, day("2026-11-28"), time.UTC)
	if len(r.Urgent) != 2 || r.Urgent[0].ID != "a" || r.Urgent[1].ID != "b" {
		t.Fatalf("urgent = %+v", r.Urgent)
	}
}

func (d Date) addDaysForTest(n int) Date { return DateOf(d.Time(time.UTC).AddDate(0, 0, n)) }

func TestEvidenceValidate(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	ok := Evidence{At: now.Add(-time.Hour), Channel: EvidencePhone, What: "line busy"}
	if err := ok.Validate(now); err != nil {
		t.Fatal(err)
	}
	bad := Evidence{At: now.Add(time.Hour), Channel: "fax", Category: "nope", Withdrawn: true}
	err := bad.Validate(now)
	ve, okv := err.(*ValidationError)
	if !okv {
		t.Fatalf("err = %v", err)
	}
	want := map[string]string{
		"evidence.at": ProblemFuture, "evidence.channel": ProblemUnknown, "evidence.what": ProblemRequired,
		"evidence.category": ProblemUnknown, "evidence.withdrawn_reason": ProblemRequired,
	}
	if len(ve.Problems) != len(want) {
		t.Fatalf("problems %+v", ve.Problems)
	}
	for _, p := range ve.Problems {
		if want[p.Field] != p.Code {
			t.Errorf("%s: %s, want %s", p.Field, p.Code, want[p.Field])
		}
	}
}

// BenchmarkAssessReadiness: a case with 500 attempts, one every 17 hours.
func BenchmarkAssessReadiness(b *testing.B) {
	start := time.Date(2025, 1, 1, 9, 0, 0, 0, time.UTC)
	es := make([]Evidence, 500)
	for i := range es {
		es[i] = Evidence{At: start.Add(time.Duration(i) * 17 * time.Hour), Channel: EvidenceANEF, What: "x"}
	}
	loc, _ := time.LoadLocation("Europe/Paris")
	today := Date{Year: 2026, Month: 1, Day: 1}
	b.ReportAllocs()
	for b.Loop() {
		AssessReadiness(es, nil, today, loc)
	}
}

func checkOf(t *testing.T, r Readiness, m Remedy, id CheckID) Check {
	t.Helper()
	rr, ok := r.Remedy(m)
	if !ok {
		t.Fatalf("no %s", m)
	}
	for _, c := range rr.Checks {
		if c.ID == id {
			return c
		}
	}
	t.Fatalf("%s has no check %s", m, id)
	return Check{}
}

// Each remedy reads what judges check: the attempts, the accompaniment
// (contact centre, access point), a prior request with a deadline, the
// urgency (presumed for a renewal), the proof of filing, and for the
// suspension a decision and an annulment request.
func TestRemedies(t *testing.T) {
	loc := paris(t)
	today := day("2026-11-28")
	attempts := []Evidence{
		attempt(loc, "2026-10-26 09:00"), attempt(loc, "2026-11-03 10:00"), attempt(loc, "2026-11-12 11:00"),
	}
	with := func(extra ...Evidence) []Evidence { return append(append([]Evidence(nil), attempts...), extra...) }
	centre := Evidence{At: attempts[0].At, Channel: EvidenceContactCentre, What: "ticket"}
	point := Evidence{At: attempts[1].At, Channel: EvidenceAccessPoint, What: "agent"}
	filing := Evidence{At: attempts[0].At, Channel: EvidenceANEF, Kind: EvidenceFiling, What: "attestation de dépôt"}
	urgency := Evidence{At: attempts[2].At, Channel: EvidenceEmail, Kind: EvidenceUrgency, Urgency: UrgencyCAF, What: "droits suspendus"}
	request := func(by string) Evidence {
		return Evidence{At: attempts[1].At, Channel: EvidencePost, Kind: EvidenceRequest, RespondBy: day(by), What: "mise en demeure"}
	}
	anef := ReadinessCase{Procedure: ProcFirstPermit, Channel: ChannelANEF}

	// First permit on ANEF: everything but the urgency.
	r := AssessCaseReadiness(anef, with(centre, point, filing), nil, today, loc)
	if mu, _ := r.Remedy(RemedyUsefulMeasures); mu.Ready || checkOf(t, r, RemedyUsefulMeasures, CheckUrgency).State != CheckMissing {
		t.Fatalf("no urgency, yet %+v", mu)
	}
	if r.Attempts != 5 { // the contact centre and the access point are attempts too
		t.Fatalf("attempts %d", r.Attempts)
	}
	// With the urgency: ready, the prior request only advised.
	r = AssessCaseReadiness(anef, with(centre, point, filing, urgency), nil, today, loc)
	if mu, _ := r.Remedy(RemedyUsefulMeasures); !mu.Ready {
		t.Fatalf("mesures utiles not ready: %+v", mu)
	}
	if c := checkOf(t, r, RemedyUsefulMeasures, CheckPriorRequest); c.Required || c.State != CheckMissing {
		t.Fatalf("prior request %+v", c)
	}
	// A withdrawn urgency does not count.
	w := urgency
	w.Withdrawn, w.WithdrawnReason = true, "erreur"
	if c := checkOf(t, AssessCaseReadiness(anef, with(centre, point, filing, w), nil, today, loc), RemedyUsefulMeasures, CheckUrgency); c.Done() {
		t.Fatalf("withdrawn urgency counted: %+v", c)
	}
	// Without the accompaniment: not ready.
	r = AssessCaseReadiness(anef, with(filing, urgency), nil, today, loc)
	if mu, _ := r.Remedy(RemedyUsefulMeasures); mu.Ready || checkOf(t, r, RemedyUsefulMeasures, CheckContactCentre).State != CheckMissing {
		t.Fatalf("ready without the contact centre: %+v", mu)
	}
	// A request whose deadline has not passed is pending until it has.
	r = AssessCaseReadiness(anef, with(request("2026-12-05")), nil, today, loc)
	if c := checkOf(t, r, RemedyUsefulMeasures, CheckPriorRequest); c.State != CheckPending || c.Until != day("2026-12-05") {
		t.Fatalf("pending request %+v", c)
	}
	r = AssessCaseReadiness(anef, with(request("2026-11-27")), nil, today, loc)
	if c := checkOf(t, r, RemedyUsefulMeasures, CheckPriorRequest); c.State != CheckMet {
		t.Fatalf("unanswered request %+v", c)
	}

	// A renewal: urgency presumed for mesures utiles; the suspension needs
	// the refusal and the annulment request, then presumes the urgency.
	renewal := ReadinessCase{Procedure: ProcRenewal, Channel: ChannelANEF, ANEFState: ANEFInstruction}
	r = AssessCaseReadiness(renewal, with(centre, point), nil, today, loc)
	if c := checkOf(t, r, RemedyUsefulMeasures, CheckUrgency); c.State != CheckPresumed {
		t.Fatalf("renewal urgency %+v", c)
	}
	if mu, _ := r.Remedy(RemedyUsefulMeasures); !mu.Ready {
		t.Fatalf("renewal mesures utiles %+v", mu)
	}
	if su, _ := r.Remedy(RemedySuspension); su.Ready || checkOf(t, r, RemedySuspension, CheckUrgency).State != CheckMissing {
		t.Fatalf("suspension without a decision %+v", su)
	}
	renewal.Events = []Event{
		{Kind: EventDecisionNotified, Decision: DecisionRefusal, Date: day("2026-11-10")},
		{Kind: EventCourtSeized, Date: day("2026-11-20")},
	}
	r = AssessCaseReadiness(renewal, with(centre), nil, today, loc)
	if su, _ := r.Remedy(RemedySuspension); !su.Ready || checkOf(t, r, RemedySuspension, CheckUrgency).State != CheckPresumed {
		t.Fatalf("suspension %+v", su)
	}
	// Liberté never presumes the urgency; the breach of a fundamental
	// freedom, like the serious doubt, is the lawyer's to establish.
	if c := checkOf(t, r, RemedyLiberty, CheckUrgency); c.State != CheckMissing {
		t.Fatalf("liberté urgency %+v", c)
	}
	if checkOf(t, r, RemedyLiberty, CheckFreedom).State != CheckToAssess || checkOf(t, r, RemedySuspension, CheckSeriousDoubt).State != CheckToAssess {
		t.Fatal("argument checks not left to assess")
	}
	// A silence deadline passed is an implicit refusal to suspend.
	silence := []Deadline{{RuleID: "silence-4m", Due: day("2026-11-01"), Status: DeadlineOpen}}
	r = AssessCaseReadiness(ReadinessCase{Procedure: ProcFirstPermit}, attempts, silence, today, loc)
	if c := checkOf(t, r, RemedySuspension, CheckDecision); c.State != CheckMet {
		t.Fatalf("implicit refusal not seen: %+v", c)
	}

	// No panel where a référé against a blocked application means
	// nothing: a removal-order case, or a case whose latest decision is a
	// transfer or a house arrest.
	for _, c := range []ReadinessCase{
		{Procedure: ProcRemovalOrder},
		{Procedure: ProcRenewal, Events: []Event{{Kind: EventDecisionNotified, Decision: "dublin-transfer", Date: today}}},
		{Procedure: ProcAsylum, Events: []Event{{Kind: EventDecisionNotified, Decision: DecisionRemovalOrderNoDeparture, Date: today}}},
	} {
		if AssessCaseReadiness(c, attempts, nil, today, loc).Applies {
			t.Errorf("%+v: panel applies", c)
		}
	}
	if !AssessCaseReadiness(ReadinessCase{Procedure: ProcRenewal, Events: []Event{{Kind: EventDecisionNotified, Decision: DecisionRefusal, Date: today}}}, nil, nil, today, loc).Applies {
		t.Error("no panel on a renewal refusal")
	}
}

func TestEvidenceKindsValidate(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	at := now.Add(-time.Hour)
	for _, c := range []struct {
		name string
		e    Evidence
		want map[string]string
	}{
		{"malfunction without text", Evidence{At: at, Channel: EvidenceANEF, Category: MalfAccess}, nil},
		{"filing without text", Evidence{At: at, Channel: EvidenceANEF, Kind: EvidenceFiling, Category: MalfAccess}, map[string]string{"evidence.what": ProblemRequired}},
		{"request without deadline", Evidence{At: at, Channel: EvidencePost, Kind: EvidenceRequest, What: "x"}, map[string]string{"evidence.respond_by": ProblemRequired}},
		{"request answered before sent", Evidence{At: at, Channel: EvidencePost, Kind: EvidenceRequest, What: "x", RespondBy: day("2026-11-01")}, map[string]string{"evidence.respond_by": ProblemBeforeRequest}},
		{"deadline on an attempt", Evidence{At: at, Channel: EvidencePost, What: "x", RespondBy: day("2026-12-01")}, map[string]string{"evidence.respond_by": ProblemUnknown}},
		{"urgency source on an attempt", Evidence{At: at, Channel: EvidencePost, What: "x", Urgency: UrgencyCAF}, map[string]string{"evidence.urgency": ProblemUnknown}},
		{"unknown kind and source", Evidence{At: at, Channel: EvidencePost, What: "x", Kind: "rumour", Urgency: "weather"}, map[string]string{"evidence.kind": ProblemUnknown, "evidence.urgency": ProblemUnknown}},
		{"urgency", Evidence{At: at, Channel: EvidenceEmail, Kind: EvidenceUrgency, Urgency: UrgencyFranceTravail, What: "radiation annoncée"}, nil},
	} {
		err := c.e.Validate(now)
		got := map[string]string{}
		if ve, ok := err.(*ValidationError); ok {
			for _, p := range ve.Problems {
				got[p.Field] = p.Code
			}
		} else if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if len(got) != len(c.want) {
			t.Errorf("%s: problems %v, want %v", c.name, got, c.want)
		}
		for f, code := range c.want {
			if got[f] != code {
				t.Errorf("%s: %s = %q, want %q", c.name, f, got[f], code)
			}
		}
	}
}

func TestCivility(t *testing.T) {
	for in, want := range map[string]Civility{"Mme": CivilityMadame, "madame": CivilityMadame, "M.": CivilityMonsieur,
		"Monsieur": CivilityMonsieur, "Mr": CivilityMonsieur, "": CivilityUnspecified} {
		if got, ok := ParseCivility(in); !ok || got != want {
			t.Errorf("ParseCivility(%q) = %q %v", in, got, ok)
		}
	}
	if _, ok := ParseCivility("Dr"); ok {
		t.Error("Dr accepted")
	}
	var f CaseFile
	if err := SetField(&f, "person.civility", "Mme"); err != nil || f.Person.Civility != CivilityMadame {
		t.Fatalf("SetField: %v %q", err, f.Person.Civility)
	}
	if err := SetField(&f, "person.civility", "Dr"); err == nil {
		t.Fatal("SetField accepted Dr")
	}
	p := Person{FamilyName: "X", Civility: "mx"}
	if err := p.Validate("person.", day("2026-01-01")); err == nil || err.(*ValidationError).For("person.civility") != ProblemUnknown {
		t.Fatalf("Validate: %v", err)
	}
}
