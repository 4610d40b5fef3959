package store

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/layout"
)

// urgencyVault holds, around Saturday 28 November 2026 (2026-W48), open
// cases with an OQTF notified in rétention (a 48-hour deadline), months of
// overdue deadlines, a deadline next month, a closed and an archived case
// with earlier deadlines, and a case with none.
type urgencyVault struct {
	v                             *Vault
	retention, old, later, closed model.CaseFile
	archived, none                model.CaseFile
	notified                      time.Time // the OQTF's notification
}

func newUrgencyVault(t *testing.T) *urgencyVault {
	t.Helper()
	u := &urgencyVault{v: newVault(t)}
	v := u.v
	save := func(status model.Status, family string) model.CaseFile {
		f := sampleFile()
		f.Status, f.Person.FamilyName, f.Opened = status, family, date("2026-01-05")
		if status != model.StatusOpen {
			f.Closed = date("2026-11-01")
		}
		if err := v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
		return f
	}
	u.retention = removalCase(t, v)
	e := oqtf(u.retention.ID, "2026-11-28", model.SituationRetention)
	e.Time = "15:00"
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	u.notified = time.Date(2026, 11, 28, 15, 0, 0, 0, model.Paris())
	u.old = save(model.StatusOpen, "Ancien")
	for m := 3; m <= 10; m++ {
		manual(t, v, u.old.ID, fmt.Sprintf("old %d", m), fmt.Sprintf("2026-%02d-15", m))
	}
	manual(t, v, u.old.ID, "soon", "2026-12-01")
	u.later = save(model.StatusOpen, "Plustard")
	manual(t, v, u.later.ID, "next month", "2026-12-28")
	u.closed = save(model.StatusClosed, "Clos")
	manual(t, v, u.closed.ID, "left open on a closed case", "2026-11-29")
	manual(t, v, u.closed.ID, "stale", "2026-11-20")
	u.archived = save(model.StatusArchived, "Archive")
	manual(t, v, u.archived.ID, "archived and overdue", "2026-11-27")
	u.none = save(model.StatusOpen, "Sans")
	mustCheck(t, v)
	return u
}

func rowOf(t *testing.T, l *CaseList, id string) int {
	t.Helper()
	for i := range l.Len() {
		if l.ID(i) == id {
			return i
		}
	}
	t.Fatalf("case %s not in the list", id)
	return -1
}

// The list read with its deadlines says, for every case, what its
// deadline records say: the next open one not yet past (its day, the
// instant it runs out, whether it has a time and counts hours) and how
// many are past. The 48-hour deadline keeps its hour.
func TestCaseListDuesAgreeWithTheRecords(t *testing.T) {
	u := newUrgencyVault(t)
	for _, now := range []time.Time{
		u.notified.Add(18 * time.Hour),             // Sunday 09:00: 30 hours left
		u.notified.Add(48*time.Hour - time.Minute), // a minute left
		u.notified.Add(48 * time.Hour),             // run out
		time.Date(2026, 12, 1, 23, 59, 0, 0, model.Paris()),
		time.Date(2026, 12, 2, 0, 0, 0, 0, model.Paris()),
		u.notified.Add(18 * time.Hour).In(time.UTC), // another zone
	} {
		l, err := u.v.CaseListAt(now)
		if err != nil {
			t.Fatal(err)
		}
		if l.Len() != 6 {
			t.Fatalf("%d rows", l.Len())
		}
		for i := range l.Len() {
			ds, err := u.v.Deadlines(l.ID(i))
			if err != nil {
				t.Fatal(err)
			}
			_, want, wantOK, wantLate := NextOpen(ds, now)
			got, ok := l.Next(i)
			if ok != wantOK || ok && (!got.At.Equal(want.At) || got.Day != want.Day || got.Timed != want.Timed || got.Hours != want.Hours) {
				t.Errorf("%s at %s: next = %+v %v, want %+v %v", l.Ref(i), now, got, ok, want, wantOK)
			}
			if n, _ := l.Overdue(i); n != wantLate {
				t.Errorf("%s at %s: %d overdue, want %d", l.Ref(i), now, n, wantLate)
			}
		}
	}

	now := u.notified.Add(18 * time.Hour)
	l, err := u.v.CaseListAt(now)
	if err != nil {
		t.Fatal(err)
	}
	next, ok := l.Next(rowOf(t, l, u.retention.ID))
	if !ok || !next.Timed || !next.Hours || !next.At.Equal(u.notified.Add(48*time.Hour)) || next.Left(now) != 30*time.Hour {
		t.Errorf("the 48-hour deadline: %+v", next)
	}
	if n, latest := l.Overdue(rowOf(t, l, u.old.ID)); n != 8 || latest.Day != date("2026-10-15") {
		t.Errorf("old case: %d overdue, latest %+v", n, latest)
	}
	// Within 72 hours: the 48-hour appeal and the open case's deadline of
	// Tuesday (it runs out at midnight); the closed case's deadline of Sunday
	// is not counted.
	n, rows := l.Soon(now, now.Add(72*time.Hour), nil)
	want := []int32{int32(rowOf(t, l, u.retention.ID)), int32(rowOf(t, l, u.old.ID))}
	if n != 2 || !slices.Equal(rows, want) {
		t.Errorf("Soon = %d %v, want 2 %v", n, rows, want)
	}
	if n, _ := l.Soon(now, now.Add(72*time.Hour), func(r int) bool { return l.Lawyer(r) == "Me Other" }); n != 0 {
		t.Errorf("Soon with a filter that keeps no row = %d", n)
	}
	if n, _ := l.Soon(now.Add(48*time.Hour), now.Add(72*time.Hour), nil); n != 1 {
		t.Errorf("Soon after the 48 hours = %d, want 1", n)
	}

	plain, err := u.v.CaseList()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := plain.Next(0); ok || !plain.ReadAt().IsZero() {
		t.Error("a list read without an instant holds deadlines")
	}
}

func expiryLabels(rows []ReviewRow) []string {
	var out []string
	for _, r := range rows {
		s := r.Label
		if s == "" {
			s = r.RuleID
		}
		out = append(out, s)
	}
	return out
}

// The review ranks what is urgent first: overdue deadlines of open cases
// only and the latest first; those of closed and archived cases apart;
// each day in the order its deadlines run out, open cases before closed
// ones; hour rules and rétention cases marked.
func TestReviewRanksTheUrgentFirst(t *testing.T) {
	u := newUrgencyVault(t)
	v := u.v
	// On Monday 30 November (2026-W49): a hearing at 09:30, the 48-hour
	// appeal at 15:00, a deadline of the day, and a closed case's one.
	manual(t, v, u.later.ID, "monday, any time", "2026-11-30")
	manual(t, v, u.closed.ID, "monday, closed case", "2026-11-30")
	h := model.Event{CaseID: u.later.ID, Kind: model.EventHearing, Date: date("2026-11-30"), Time: "09:30", Court: "TA de Montreuil"}
	if err := v.AddEvent(&h); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, v)

	r := mustReview(t, v, "2026-W49", "")
	monday := r.Days[0]
	if got := expiryLabels(monday); !slices.Equal(got, []string{"TA de Montreuil", "oqtf-48h", "monday, any time", "monday, closed case"}) {
		t.Errorf("monday = %q", got)
	}
	for _, row := range monday {
		if want := row.RuleID == "oqtf-48h"; row.Hours != want || row.Retention != (row.CaseID == u.retention.ID) {
			t.Errorf("%s: hours %v, retention %v", row.RuleID+row.Label, row.Hours, row.Retention)
		}
	}
	if got := expiryLabels(r.Overdue); !slices.Equal(got, []string{"old 10", "old 9", "old 8", "old 7", "old 6", "old 5", "old 4", "old 3"}) {
		t.Errorf("overdue = %q: open cases only, the latest first", got)
	}
	if got := expiryLabels(r.Stale); !slices.Equal(got, []string{"left open on a closed case", "archived and overdue", "stale"}) {
		t.Errorf("stale = %q", got)
	}
	if r.Days[0][3].CaseStatus != model.StatusClosed || r.Overdue[0].CaseStatus != model.StatusOpen {
		t.Error("rows do not carry their case's status")
	}
}

// A deadline missed last week is never cut from the overdue list by older
// ones: the list is read backwards from Monday.
func TestReviewOverdueKeepsTheLatest(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	var ds []model.Deadline
	day := date("2026-01-01")
	for i := range ReviewLimit + 5 {
		ds = append(ds, model.Deadline{CaseID: f.ID, Label: fmt.Sprintf("old %d", i), Due: day})
		day = model.DateOf(day.Time(time.UTC).AddDate(0, 0, 1))
	}
	ds = append(ds, model.Deadline{CaseID: f.ID, Label: "last friday", Due: date("2026-11-27")})
	for i := range ds {
		if err := v.AddManualDeadline(&ds[i]); err != nil {
			t.Fatal(err)
		}
	}
	r := mustReview(t, v, "2026-W49", "")
	if len(r.Overdue) != ReviewLimit || !r.More.Overdue || r.Overdue[0].Label != "last friday" {
		t.Errorf("overdue: %d rows, more %v, first %q", len(r.Overdue), r.More.Overdue, r.Overdue[0].Label)
	}
	if last := r.Overdue[ReviewLimit-1].Label; last != "old 6" {
		t.Errorf("last overdue row %q", last)
	}
}

// Signing off a review filtered on a lawyer signs that lawyer's deadlines,
// not the week; the whole week's sign-off is another record.
func TestSignOffPerLawyer(t *testing.T) {
	v := newVault(t)
	w, _ := model.ParseISOWeek("2026-W49")
	so, err := v.SignOffWeek(w, "  Me Anne Roux ")
	if err != nil {
		t.Fatal(err)
	}
	if so.ID != "2026-W49.me-anne-roux" || so.Lawyer != "Me Anne Roux" {
		t.Errorf("lawyer sign-off = %+v", so)
	}
	r := mustReview(t, v, "2026-W49", "me anne roux")
	if r.SignOff != nil || r.LawyerSignOff == nil || r.LawyerSignOff.By != v.Author() {
		t.Errorf("filtered review: week %+v, lawyer %+v", r.SignOff, r.LawyerSignOff)
	}
	if r := mustReview(t, v, "2026-W49", ""); r.SignOff != nil {
		t.Errorf("signing one lawyer's deadlines signed the week: %+v", r.SignOff)
	}
	if r := mustReview(t, v, "2026-W49", "Me Paul Henry"); r.LawyerSignOff != nil {
		t.Errorf("another lawyer is signed: %+v", r.LawyerSignOff)
	}
	if _, err := v.SignOffWeek(w, ""); err != nil {
		t.Fatal(err)
	}
	if r := mustReview(t, v, "2026-W49", "Me Anne Roux"); r.SignOff == nil || r.LawyerSignOff == nil {
		t.Errorf("both sign-offs: %+v %+v", r.SignOff, r.LawyerSignOff)
	}
	mustCheck(t, v)
}

// A vault whose review indexes predate idx/timed (marker 1) gets it when
// opened: the review then orders each day by time.
func TestTimedIndexBuiltForOlderVaults(t *testing.T) {
	dir := t.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	f := removalCase(t, v)
	manual(t, v, f.ID, "any time", "2026-11-30")
	e := oqtf(f.ID, "2026-11-28", model.SituationRetention)
	e.Time = "15:00"
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	err = v.db.Update(func(txn *badger.Txn) error {
		if err := scanKeys(txn, "idx/timed/", func(k []byte) error { return txn.Delete(append([]byte(nil), k...)) }); err != nil {
			return err
		}
		return txn.Set(reviewIndexKey, []byte("1"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep, _ := v.Check(); rep.OK() {
		t.Fatal("check passed without idx/timed")
	}
	v.Close()
	if v, err = Open(dir, testPass); err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	mustCheck(t, v)
	if got := expiryLabels(mustReview(t, v, "2026-W49", "").Days[0]); !slices.Equal(got, []string{"oqtf-48h", "any time"}) {
		t.Errorf("monday = %q", got)
	}
}

// A dense day is cut at ReviewLimit rows, and the deadline with a time is
// among them whatever its id: the day is read by time first.
func TestReviewDenseDayKeepsTheHour(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	var ds []model.Deadline
	for i := range ReviewLimit + 20 {
		ds = append(ds, model.Deadline{CaseID: f.ID, Label: fmt.Sprintf("day %d", i), Due: date("2026-11-30")})
	}
	for i := range ds {
		if err := v.AddManualDeadline(&ds[i]); err != nil {
			t.Fatal(err)
		}
	}
	e := oqtf(f.ID, "2026-11-28", model.SituationRetention)
	e.Time = "15:00"
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, v)
	r := mustReview(t, v, "2026-W49", "")
	if len(r.Days[0]) != ReviewLimit || !r.More.Days[0] || r.Days[0][0].RuleID != "oqtf-48h" {
		t.Errorf("monday: %d rows, more %v, first %q", len(r.Days[0]), r.More.Days[0], expiryLabels(r.Days[0][:1]))
	}
	if r := mustReview(t, v, "2026-W48", ""); len(r.NextWeek) != ReviewLimit || !r.More.NextWeek || r.NextWeek[0].RuleID != "oqtf-48h" {
		t.Errorf("next week from W48: %d rows, more %v", len(r.NextWeek), r.More.NextWeek)
	}
}

// dueFields reads what encodeDue writes, and refuses what it cannot read
// without allocating.
func TestDueFields(t *testing.T) {
	d := model.Deadline{CaseID: "c1", Owner: `Me "Quote"`, Kind: model.DeadlineComputed, RuleID: "oqtf-48h",
		Label: "a\\b", DueAt: time.Date(2026, 11, 30, 15, 0, 0, 0, model.Paris())}
	f, ok := layout.DueFields(layout.EncodeDue(d))
	if !ok || string(f.Case) != "c1" || string(f.Kind) != "computed" || string(f.Rule) != "oqtf-48h" || string(f.At) != "2026-11-30T15:00:00+01:00" {
		t.Errorf("dueFields = %q %q %q %q %v", f.Case, f.Kind, f.Rule, f.At, ok)
	}
	for _, bad := range []string{``, `{`, `[]`, `{"case":1}`, `{"owner":"x"}`, `{"case":"a\"b"}`, `{"case":"c1"`, `{"x":[1,"}"],"case":"c1","at":2}`} {
		if _, ok := layout.DueFields([]byte(bad)); ok {
			t.Errorf("%q read", bad)
		}
	}
	if f, ok := layout.DueFields([]byte(`{"n":3,"list":[1,{"a":"}"}],"case":"c2"}`)); !ok || string(f.Case) != "c2" {
		t.Errorf("fields of other types: %q %v", f.Case, ok)
	}
}
