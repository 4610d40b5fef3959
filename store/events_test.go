package store

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/model/deadline"
	"casefile/store/internal/layout"
)

func date(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// removalCase creates a removal-order case in v.
func removalCase(t testing.TB, v *Vault) model.CaseFile {
	t.Helper()
	f := sampleFile()
	f.Procedure = model.ProcRemovalOrder
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	return f
}

func oqtf(caseID, day string, s model.Situation) model.Event {
	return model.Event{CaseID: caseID, Kind: model.EventDecisionNotified, Date: date(day),
		Decision: model.DecisionRemovalOrder, Situation: s, Time: "10:00"}
}

func mustCheck(t testing.TB, v *Vault) {
	t.Helper()
	rep, err := v.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("check: %v", rep.Problems)
	}
}

func mustDeadlines(t testing.TB, v *Vault, caseID string) map[string]model.Deadline {
	t.Helper()
	ds, err := v.Deadlines(caseID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]model.Deadline{}
	for _, d := range ds {
		k := d.Key()
		if k == "" {
			k = "manual/" + d.ID
		}
		if _, dup := out[k]; dup {
			t.Fatalf("two deadlines for %s", k)
		}
		out[k] = d
	}
	return out
}

func allDue(t testing.TB, v *Vault) map[string]DueItem {
	t.Helper()
	items, err := v.DueBetween(model.Date{}, date("2999-12-31"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]DueItem{}
	for _, it := range items {
		out[it.DeadlineID] = it
	}
	return out
}

// fresh is what a fresh computation gives for a rule from the case's
// current events.
func fresh(t testing.TB, v *Vault, f model.CaseFile, source, rule string) model.Planned {
	t.Helper()
	evs, err := v.Events(f.ID)
	if err != nil {
		t.Fatal(err)
	}
	plan, err := model.DeadlinesFor(model.FactsFor(f.Case, nil, model.HolidayPolicy{}), evs)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan {
		if p.Source == source && p.RuleID == rule {
			return p
		}
	}
	t.Fatalf("%s/%s not planned", source, rule)
	return model.Planned{}
}

func TestAddEventCreatesDeadlinesWithIndexes(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	e := oqtf(f.ID, "2026-01-09", model.SituationFree)
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	if e.ID == "" {
		t.Fatal("no id")
	}
	ds := mustDeadlines(t, v, f.ID)
	one, ok := ds[e.ID+"/oqtf-1m"]
	if !ok || len(ds) != 2 {
		t.Fatalf("deadlines %v", ds)
	}
	if one.Due != date("2026-02-10") || one.Owner != f.Lawyer || one.Status != model.DeadlineOpen ||
		one.Trigger != e.Date || one.Reminder != date("2026-02-06") {
		t.Fatalf("oqtf-1m = %+v", one)
	}
	due := allDue(t, v)
	if it := due[one.ID]; it.Due != one.Due || it.CaseID != f.ID || it.Owner != f.Lawyer || it.RuleID != "oqtf-1m" {
		t.Fatalf("due index %+v", it)
	}
	evs, err := v.Events(f.ID)
	if err != nil || len(evs) != 1 || evs[0] != e {
		t.Fatalf("events %v %v", evs, err)
	}
	mustCheck(t, v)
}

// Correcting an event's date recomputes its deadlines in the same change:
// the same records, updated to what a fresh computation gives, the change
// logged, the due-date index moved, nothing duplicated.
func TestCorrectEventDateRecomputes(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	e := oqtf(f.ID, "2026-01-09", model.SituationFree)
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	before := mustDeadlines(t, v, f.ID)
	old := before[e.ID+"/oqtf-1m"]

	e.Date = date("2026-01-16")
	if err := v.UpdateEvent(&e); err != nil {
		t.Fatal(err)
	}
	after := mustDeadlines(t, v, f.ID)
	if len(after) != len(before) {
		t.Fatalf("before %d deadlines, after %d", len(before), len(after))
	}
	got := after[e.ID+"/oqtf-1m"]
	want := fresh(t, v, f, e.ID, "oqtf-1m")
	if got.ID != old.ID || got.Due != want.Due || got.Trigger != want.Trigger || got.Reminder != want.Reminder || got.Due == old.Due {
		t.Fatalf("recomputed %+v, want %+v (was %+v)", got, want, old)
	}
	due := allDue(t, v)
	if due[got.ID].Due != got.Due || len(due) != 2 {
		t.Fatalf("due index %v", due)
	}
	hist, err := v.DeadlineHistory(got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 {
		t.Fatalf("history %+v", hist)
	}
	var dueOp *Op
	for i, op := range hist[1].Ops {
		if op.Field == "due" {
			dueOp = &hist[1].Ops[i]
		}
	}
	if dueOp == nil || string(dueOp.Value) != `"`+got.Due.String()+`"` || dueOp.Base != hist[0].HLC || hist[1].Author != v.Author() {
		t.Fatalf("correction not logged as a change of due: %+v", hist[1])
	}
	// The event's correction is in the same change.
	ehist, err := v.EventHistory(e.ID)
	if err != nil || len(ehist) != 2 || ehist[1].HLC != hist[1].HLC {
		t.Fatalf("event history %+v %v", ehist, err)
	}
	mustCheck(t, v)
}

// Correcting the situation swaps the rule: the deadline the events no
// longer call for is cancelled, never deleted, and comes back if the
// correction is undone.
func TestCorrectSituationCancelsAndReopens(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	e := oqtf(f.ID, "2026-01-09", model.SituationFree)
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	month := mustDeadlines(t, v, f.ID)[e.ID+"/oqtf-1m"]

	e.Situation = model.SituationRetention
	if err := v.UpdateEvent(&e); err != nil {
		t.Fatal(err)
	}
	ds := mustDeadlines(t, v, f.ID)
	if len(ds) != 3 {
		t.Fatalf("deadlines %v", ds)
	}
	gone := ds[e.ID+"/oqtf-1m"]
	if gone.ID != month.ID || gone.Status != model.DeadlineCancelled || gone.Reason != model.ReasonTriggerCorrected ||
		gone.By != v.Author() || gone.At.IsZero() {
		t.Fatalf("oqtf-1m = %+v", gone)
	}
	h := ds[e.ID+"/oqtf-48h"]
	if h.Status != model.DeadlineOpen || h.DueAt.Format("2006-01-02T15:04") != "2026-01-11T10:00" {
		t.Fatalf("oqtf-48h = %+v", h)
	}
	due := allDue(t, v)
	if _, listed := due[gone.ID]; listed || len(due) != 1 {
		t.Fatalf("due index %v", due)
	}
	mustCheck(t, v)

	e.Situation = model.SituationFree
	if err := v.UpdateEvent(&e); err != nil {
		t.Fatal(err)
	}
	ds = mustDeadlines(t, v, f.ID)
	if back := ds[e.ID+"/oqtf-1m"]; back.ID != month.ID || back.Status != model.DeadlineOpen || back.Reason != "" {
		t.Fatalf("oqtf-1m not reopened: %+v", back)
	}
	if ds[e.ID+"/oqtf-48h"].Status != model.DeadlineCancelled {
		t.Fatalf("oqtf-48h = %+v", ds[e.ID+"/oqtf-48h"])
	}
	mustCheck(t, v)
}

// A lawyer's status survives recomputation.
func TestStatusSurvivesRecomputation(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	e := oqtf(f.ID, "2026-01-09", model.SituationFree)
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	id := mustDeadlines(t, v, f.ID)[e.ID+"/oqtf-1m"].ID
	if _, err := v.SetDeadlineStatus(id, model.DeadlineDone, "appeal filed"); err != nil {
		t.Fatal(err)
	}
	e.Date = date("2026-01-12")
	if err := v.UpdateEvent(&e); err != nil {
		t.Fatal(err)
	}
	d := mustDeadlines(t, v, f.ID)[e.ID+"/oqtf-1m"]
	if d.Status != model.DeadlineDone || d.Reason != "appeal filed" || d.Trigger != e.Date {
		t.Fatalf("%+v", d)
	}
	if _, listed := allDue(t, v)[id]; listed {
		t.Fatal("a done deadline is in the due index")
	}
	mustCheck(t, v)
}

func TestDeadlineDoneLeavesDueIndexButStays(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	e := oqtf(f.ID, "2026-01-09", model.SituationFree)
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	id := mustDeadlines(t, v, f.ID)[e.ID+"/oqtf-1m"].ID
	d, err := v.SetDeadlineStatus(id, model.DeadlineDone, "")
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != model.DeadlineDone || d.By != v.Author() || d.At.IsZero() {
		t.Fatalf("%+v", d)
	}
	if _, listed := allDue(t, v)[id]; listed {
		t.Fatal("done deadline still in idx/due")
	}
	if got, err := v.Deadline(id); err != nil || got.Status != model.DeadlineDone {
		t.Fatalf("%+v %v", got, err)
	}
	mustCheck(t, v)

	var ve *model.ValidationError
	if _, err := v.SetDeadlineStatus(id, model.DeadlineCancelled, " "); !errors.As(err, &ve) || ve.For("deadline.reason") != model.ProblemRequired {
		t.Fatalf("cancel without a reason: %v", err)
	}
	if _, err := v.SetDeadlineStatus(id, model.DeadlineOpen, ""); err != nil {
		t.Fatal(err)
	}
	if it, listed := allDue(t, v)[id]; !listed || it.Due != date("2026-02-10") {
		t.Fatal("reopened deadline not back in idx/due")
	}
	hist, err := v.DeadlineHistory(id)
	if err != nil || len(hist) != 3 {
		t.Fatalf("history %+v %v", hist, err)
	}
	if _, err := v.SetDeadlineStatus("nope", model.DeadlineDone, ""); !errors.Is(err, ErrDeadlineNotFound) || !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown id: %v", err)
	}
	mustCheck(t, v)
}

func TestManualDeadline(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	m := model.Deadline{CaseID: f.ID, Label: "Send the pay slips to the prefecture", Due: date("2026-03-09")}
	if err := v.AddManualDeadline(&m); err != nil {
		t.Fatal(err)
	}
	if m.ID == "" || m.Owner != f.Lawyer || m.Kind != model.DeadlineManual || m.Status != model.DeadlineOpen ||
		m.Reminder != date("2026-03-05") {
		t.Fatalf("%+v", m)
	}
	// Events come and go; a manual deadline stays.
	e := oqtf(f.ID, "2026-01-09", model.SituationFree)
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	e.Situation = model.SituationHouseArrest
	if err := v.UpdateEvent(&e); err != nil {
		t.Fatal(err)
	}
	got, err := v.Deadline(m.ID)
	if err != nil || got.Status != model.DeadlineOpen {
		t.Fatalf("%+v %v", got, err)
	}
	if it := allDue(t, v)[m.ID]; it.Label != m.Label || it.Kind != model.DeadlineManual {
		t.Fatalf("due index %+v", it)
	}
	if _, err := v.SetDeadlineOwner(m.ID, "Me Karim Benali"); err != nil {
		t.Fatal(err)
	}
	if it := allDue(t, v)[m.ID]; it.Owner != "Me Karim Benali" {
		t.Fatalf("owner not in idx/due: %+v", it)
	}
	var ve *model.ValidationError
	bad := model.Deadline{CaseID: f.ID, Due: date("2026-03-09")}
	if err := v.AddManualDeadline(&bad); !errors.As(err, &ve) || ve.For("deadline.label") != model.ProblemRequired {
		t.Fatalf("no label: %v", err)
	}
	if err := v.AddManualDeadline(&model.Deadline{CaseID: "none", Label: "x", Due: date("2026-03-09")}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no case: %v", err)
	}
	mustCheck(t, v)
}

// A hearing appears among the deadlines; moving it moves the deadline.
func TestHearingIsADeadline(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	h := model.Event{CaseID: f.ID, Kind: model.EventHearing, Date: date("2026-03-05"), Time: "09:30", Court: "TA de Montreuil"}
	if err := v.AddEvent(&h); err != nil {
		t.Fatal(err)
	}
	d := mustDeadlines(t, v, f.ID)[h.ID+"/hearing"]
	if d.Kind != model.DeadlineHearing || d.Label != "TA de Montreuil" || d.DueAt.Format(time.RFC3339) != "2026-03-05T09:30:00+01:00" {
		t.Fatalf("%+v", d)
	}
	h.Date, h.Time = date("2026-04-02"), "14:00"
	if err := v.UpdateEvent(&h); err != nil {
		t.Fatal(err)
	}
	moved := mustDeadlines(t, v, f.ID)[h.ID+"/hearing"]
	if moved.ID != d.ID || moved.DueAt.Format(time.RFC3339) != "2026-04-02T14:00:00+02:00" {
		t.Fatalf("%+v", moved)
	}
	mustCheck(t, v)
}

// DueBetween returns exactly the open deadlines due in the range.
func TestDueBetweenIsExact(t *testing.T) {
	v := newVault(t)
	var all []model.Deadline
	for i := range 6 {
		f := removalCase(t, v)
		day := date("2026-01-05")
		day.Day += i * 3
		evs := []model.Event{
			oqtf(f.ID, day.String(), []model.Situation{model.SituationFree, model.SituationHouseArrest, model.SituationRetention}[i%3]),
			{CaseID: f.ID, Kind: model.EventRecepisseIssued, Date: day, Expiry: date("2026-04-01")},
			{CaseID: f.ID, Kind: model.EventHearing, Date: date("2026-02-10"), Court: "TA de Paris"},
		}
		if err := v.AddEvents(evs); err != nil {
			t.Fatal(err)
		}
		ds, err := v.Deadlines(f.ID)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v.SetDeadlineStatus(ds[0].ID, model.DeadlineDone, ""); err != nil {
			t.Fatal(err)
		}
		ds, _ = v.Deadlines(f.ID)
		all = append(all, ds...)
	}
	mustCheck(t, v)
	for _, r := range [][2]string{{"2026-01-01", "2026-12-31"}, {"2026-01-19", "2026-02-10"}, {"2026-02-11", "2026-02-11"}, {"2026-02-10", "2026-02-10"}, {"", "2026-01-20"}} {
		from, to := date(r[0]), date(r[1])
		items, err := v.DueBetween(from, to)
		if err != nil {
			t.Fatal(err)
		}
		var got, want []string
		for _, it := range items {
			got = append(got, it.Due.String()+"/"+it.DeadlineID)
		}
		for _, d := range all {
			if d.Status == model.DeadlineOpen && !d.Due.Before(from) && !to.Before(d.Due) {
				want = append(want, d.Due.String()+"/"+d.ID)
			}
		}
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("DueBetween(%s, %s):\n got %v\nwant %v", r[0], r[1], got, want)
		}
	}
}

// Turning the Alsace-Moselle days on moves a deadline that ends on Good
// Friday, in the same change as the setting.
func TestCaseRegionRecomputes(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	// Notified Tue 03/02/2026: two months franc end Fri 03/04, Good Friday.
	e := model.Event{CaseID: f.ID, Kind: model.EventDecisionNotified, Date: date("2026-02-02"), Decision: model.DecisionRefusal}
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	key := e.ID + "/contentieux-2m"
	if d := mustDeadlines(t, v, f.ID)[key]; d.Due != date("2026-04-03") {
		t.Fatalf("%+v", d)
	}
	if r, set, err := v.CaseRegion(f.ID); err != nil || set || r != deadline.Metropole {
		t.Fatalf("%v %v %v", r, set, err)
	}
	if err := v.SetCaseRegion(f.ID, deadline.AlsaceMoselle); err != nil {
		t.Fatal(err)
	}
	if d := mustDeadlines(t, v, f.ID)[key]; d.Due != date("2026-04-07") {
		t.Fatalf("%+v", d)
	}
	if r, set, err := v.CaseRegion(f.ID); err != nil || !set || r != deadline.AlsaceMoselle {
		t.Fatalf("%v %v %v", r, set, err)
	}
	plan, err := v.Plan(f.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plan {
		if p.Key() == key && p.Due != date("2026-04-07") {
			t.Fatalf("plan %+v", p)
		}
	}
	mustCheck(t, v)
	if err := v.RecomputeDeadlines(); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, v)
}

func TestEventErrors(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	g := removalCase(t, v)
	e := oqtf(f.ID, "2026-01-09", model.SituationFree)
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	var ve *model.ValidationError
	aid := model.Event{CaseID: g.ID, Kind: model.EventLegalAidRequested, Date: date("2026-01-10"), Concerns: e.ID}
	if err := v.AddEvent(&aid); !errors.As(err, &ve) || ve.For("event.concerns") != model.ProblemUnknown {
		t.Fatalf("legal aid about another case's event: %v", err)
	}
	if err := v.UpdateEvent(&model.Event{ID: "nope"}); !errors.Is(err, ErrEventNotFound) {
		t.Fatalf("unknown event: %v", err)
	}
	moved := e
	moved.CaseID = g.ID
	if err := v.UpdateEvent(&moved); !errors.As(err, &ve) {
		t.Fatalf("moving an event to another case: %v", err)
	}
	if err := v.AddEvent(&model.Event{CaseID: "none", Kind: model.EventHearing, Court: "TA", Date: date("2026-01-01")}); !errors.Is(err, ErrNotFound) {
		t.Fatalf("no case: %v", err)
	}
	bad := e
	bad.Date = model.Date{}
	if err := v.UpdateEvent(&bad); !errors.As(err, &ve) {
		t.Fatalf("invalid correction: %v", err)
	}
	mustCheck(t, v)
}

// Check reports index entries that disagree with the records, both ways.
func TestCheckFindsDeadlineIndexProblems(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	e := oqtf(f.ID, "2026-01-09", model.SituationFree)
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	d := mustDeadlines(t, v, f.ID)[e.ID+"/oqtf-1m"]
	tamper := func(fn func(txn *badger.Txn) error) {
		t.Helper()
		if err := v.db.Update(fn); err != nil {
			t.Fatal(err)
		}
	}
	tamper(func(txn *badger.Txn) error {
		if err := txn.Delete(layout.DueKey(d.Due, d.ID)); err != nil {
			return err
		}
		if err := txn.Set(layout.DueKey(date("2026-05-01"), "ghost"), nil); err != nil {
			return err
		}
		return txn.Delete(layout.CaseChildKey(f.ID, KindEvent, e.ID))
	})
	rep, err := v.Check()
	if err != nil {
		t.Fatal(err)
	}
	joined := strings.Join(rep.Problems, "\n")
	for _, want := range []string{"open deadline " + d.ID + " lacks its due-date index", "names a deadline that does not exist",
		"event " + e.ID + " lacks its case index"} {
		if !strings.Contains(joined, want) {
			t.Errorf("check did not report %q:\n%s", want, joined)
		}
	}
}

// benchEvents are the events of bench case i: a removal order, a permit
// expiring and a hearing, spread over the year.
func benchEvents(caseID string, i int) []model.Event {
	day := date("2026-01-01")
	day = model.Date(deadline.Date(day).AddDays(i % 365))
	return []model.Event{
		oqtf(caseID, day.String(), []model.Situation{model.SituationFree, model.SituationHouseArrest, model.SituationRetention}[i%3]),
		{CaseID: caseID, Kind: model.EventPermitIssued, Date: day, Expiry: model.Date(deadline.Date(day).AddDays(365))},
		{CaseID: caseID, Kind: model.EventHearing, Date: model.Date(deadline.Date(day).AddDays(40)), Time: "09:00", Court: "TA de Paris"},
	}
}

// benchVault is a 10,000-case vault with three events per case (about
// 53,000 deadlines); a third of the cases are in Alsace-Moselle, one in
// eighteen in Guyane. Its tables are compacted, as a user finds a vault.
func benchVault(b *testing.B) (*Vault, []string) {
	v := newVault(b)
	const n = 10000
	cases := make([]NewCase, n)
	for i := range cases {
		cases[i] = NewCase{File: benchFile(i)}
		switch {
		case i%3 == 1:
			cases[i].File.Prefecture = "Bas-Rhin (Strasbourg)"
		case i%18 == 2:
			cases[i].File.Prefecture = "Guyane (Cayenne)"
		}
	}
	if err := v.CreateCases(cases); err != nil {
		b.Fatal(err)
	}
	var events []model.Event
	ids := make([]string, n)
	for i, c := range cases {
		events = append(events, benchEvents(c.File.ID, i)...)
		ids[i] = c.File.ID
	}
	if err := v.AddEvents(events); err != nil {
		b.Fatal(err)
	}
	if err := v.db.Flatten(2); err != nil {
		b.Fatal(err)
	}
	return v, ids
}

func benchReport(b *testing.B, v *Vault) {
	b.StopTimer()
	rep, err := v.Check()
	if err != nil || !rep.OK() {
		b.Fatalf("check: %v %v", err, rep.Problems[:min(5, len(rep.Problems))])
	}
	var count int
	_ = v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, "rec/deadline/", func([]byte) error { count++; return nil })
	})
	b.ReportMetric(float64(count), "deadlines")
}

// BenchmarkRecomputeAll10k: every deadline of a 10,000-case vault
// recomputed after its holiday setting changes (the local holidays of the
// cases' regions turned on, then off), in batched transactions; the
// deadlines that move are rewritten (issue 3: under 1 s).
func BenchmarkRecomputeAll10k(b *testing.B) {
	v, _ := benchVault(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := v.SetLocalHolidays(i%2 == 0); err != nil {
			b.Fatal(err)
		}
	}
	benchReport(b, v)
}

// BenchmarkSetCaseRegions10k: the worst case of a per-case setting: every
// one of 10,000 cases gets its own region (10,000 settings records and
// change-log entries written), and every deadline is recomputed.
func BenchmarkSetCaseRegions10k(b *testing.B) {
	v, ids := benchVault(b)
	regions := []deadline.Region{deadline.AlsaceMoselle, deadline.Metropole}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		set := make(map[string]deadline.Region, len(ids))
		for _, id := range ids {
			set[id] = regions[i%2]
		}
		if err := v.SetCaseRegions(set); err != nil {
			b.Fatal(err)
		}
	}
	benchReport(b, v)
}

// The vault's holiday policy turns on the suggested local holidays of the
// cases without their own region, and every case is recomputed.
func TestLocalHolidaysPolicy(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	f.Prefecture = "Moselle (Metz)"
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	own := removalCase(t, v)
	own.Prefecture = "Bas-Rhin (Strasbourg)"
	if err := v.SaveCase(&own); err != nil {
		t.Fatal(err)
	}
	if err := v.SetCaseRegion(own.ID, deadline.Metropole); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, id := range []string{f.ID, own.ID} {
		e := model.Event{CaseID: id, Kind: model.EventDecisionNotified, Date: date("2026-02-02"), Decision: model.DecisionRefusal}
		if err := v.AddEvent(&e); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, e.ID+"/contentieux-2m")
	}
	if on, err := v.LocalHolidays(); err != nil || on {
		t.Fatalf("policy on by default: %v %v", on, err)
	}
	if err := v.SetLocalHolidays(true); err != nil {
		t.Fatal(err)
	}
	if d := mustDeadlines(t, v, f.ID)[keys[0]]; d.Due != date("2026-04-07") {
		t.Fatalf("suggested Alsace-Moselle not applied: %+v", d)
	}
	if d := mustDeadlines(t, v, own.ID)[keys[1]]; d.Due != date("2026-04-03") {
		t.Fatalf("the case's own region was overridden: %+v", d)
	}
	mustCheck(t, v)

	// An interrupted recomputation is finished by ResumeDeadlines.
	if err := v.db.Update(func(txn *badger.Txn) error { return txn.Set(pendingKey, []byte("1")) }); err != nil {
		t.Fatal(err)
	}
	if err := v.ResumeDeadlines(); err != nil {
		t.Fatal(err)
	}
	if err := v.db.View(func(txn *badger.Txn) error { _, err := txn.Get(pendingKey); return err }); !errors.Is(err, badger.ErrKeyNotFound) {
		t.Fatalf("marker left: %v", err)
	}
	if err := v.SetLocalHolidays(false); err != nil {
		t.Fatal(err)
	}
	if d := mustDeadlines(t, v, f.ID)[keys[0]]; d.Due != date("2026-04-03") {
		t.Fatalf("policy off: %+v", d)
	}
	mustCheck(t, v)
}

// A case's procedure feeds its plan: after it changes, RecomputeCase (or
// updateCase calling recomputeCase in its own change) follows.
func TestRecomputeCaseAfterProcedureChange(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	f.Procedure = model.ProcFirstPermit
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	e := model.Event{CaseID: f.ID, Kind: model.EventApplicationComplete, Date: date("2026-01-09")}
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	if _, ok := mustDeadlines(t, v, f.ID)[e.ID+"/silence-60j"]; !ok {
		t.Fatal("no silence-60j")
	}
	// RecomputeCase on its own recomputes nothing that changed...
	if err := v.RecomputeCase(f.ID); err != nil {
		t.Fatal(err)
	}
	// ...and saving the case recomputes its deadlines in the same change.
	f.Procedure = model.ProcNaturalise
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	ds := mustDeadlines(t, v, f.ID)
	if ds[e.ID+"/naturalisation-12m"].Status != model.DeadlineOpen || ds[e.ID+"/silence-60j"].Status != model.DeadlineCancelled {
		t.Fatalf("%+v", ds)
	}
	mustCheck(t, v)

	f.Procedure = model.ProcFamilyReunion
	if _, err := v.SetCaseFields(f.Ref, map[string]string{"procedure": string(model.ProcFamilyReunion)}); err != nil {
		t.Fatal(err)
	}
	if d := mustDeadlines(t, v, f.ID)[e.ID+"/regroupement-6m"]; d.Status != model.DeadlineOpen {
		t.Fatalf("%+v", d)
	}
	mustCheck(t, v)
}

// Events given with a new case (the bulk path of the demo and imports)
// produce, in the case's own change, the same deadlines as events added
// afterwards, and one change-log entry per case.
func TestCreateCasesWithEvents(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	f.Procedure = model.ProcRemovalOrder
	nc := []NewCase{{File: f, Events: []model.Event{oqtf("", "2026-01-09", model.SituationFree)}}}
	if err := v.CreateCases(nc); err != nil {
		t.Fatal(err)
	}
	created := nc[0].File
	if e := nc[0].Events[0]; e.ID == "" || e.CaseID != created.ID {
		t.Fatalf("event ids not filled in: %+v", e)
	}
	ds := mustDeadlines(t, v, created.ID)
	one, ok := ds[nc[0].Events[0].ID+"/oqtf-1m"]
	if !ok || len(ds) != 2 || one.Due != date("2026-02-10") || one.Owner != created.Lawyer {
		t.Fatalf("deadlines %v", ds)
	}
	if due := allDue(t, v); due[one.ID].CaseID != created.ID {
		t.Fatalf("due index %v", due)
	}
	var entries int
	if err := v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, "log/", func([]byte) error { entries++; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	if entries != 1 {
		t.Fatalf("%d change-log entries, want 1", entries)
	}
	mustCheck(t, v)

	bad := []NewCase{{File: f, Events: []model.Event{{Kind: "no-such-kind", Date: date("2026-01-09")}}}}
	var ve *model.ValidationError
	if err := v.CreateCases(bad); !errors.As(err, &ve) {
		t.Fatalf("invalid event: %v", err)
	}
	if l, _ := v.ListCases(); len(l) != 1 {
		t.Fatalf("a case with an invalid event was created: %d cases", len(l))
	}
}
