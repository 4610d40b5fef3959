package store

import (
	"testing"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
)

func manual(t *testing.T, v *Vault, caseID, label, due string) model.Deadline {
	t.Helper()
	d := model.Deadline{CaseID: caseID, Label: label, Due: date(due)}
	if err := v.AddManualDeadline(&d); err != nil {
		t.Fatal(err)
	}
	return d
}

func mustReview(t *testing.T, v *Vault, week, lawyer string) *Review {
	t.Helper()
	w, err := model.ParseISOWeek(week)
	if err != nil {
		t.Fatal(err)
	}
	r, err := v.Review(w, lawyer)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func labels(rows []ReviewRow) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Label)
	}
	return out
}

func idleRefs(r *Review) []string {
	var out []string
	for _, c := range r.Idle {
		out = append(out, c.CaseRef)
	}
	return out
}

func TestReviewPlacesDeadlines(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	// 2026-W49 runs from Monday 30 November to Sunday 6 December.
	manual(t, v, f.ID, "late", "2026-11-27")
	manual(t, v, f.ID, "monday", "2026-11-30")
	manual(t, v, f.ID, "sunday", "2026-12-06")
	manual(t, v, f.ID, "next", "2026-12-13")
	manual(t, v, f.ID, "later", "2026-12-14")
	mustCheck(t, v)

	r := mustReview(t, v, "2026-W49", "")
	if got := labels(r.Overdue); len(got) != 1 || got[0] != "late" {
		t.Errorf("overdue = %v", got)
	}
	if got := labels(r.Days[0]); len(got) != 1 || got[0] != "monday" {
		t.Errorf("monday = %v", got)
	}
	if got := labels(r.Days[6]); len(got) != 1 || got[0] != "sunday" {
		t.Errorf("sunday = %v", got)
	}
	if got := labels(r.NextWeek); len(got) != 1 || got[0] != "next" {
		t.Errorf("next week = %v", got)
	}
	row := r.Overdue[0]
	if row.CaseRef != f.Ref || row.Person != f.Person.DisplayName() || row.Owner != "Me Test" || row.Status != model.DeadlineOpen {
		t.Errorf("row = %+v", row)
	}
	if len(r.Rows()) != 4 {
		t.Errorf("Rows() = %d rows, want 4", len(r.Rows()))
	}
	if r := mustReview(t, v, "2026-W49", "  me test "); len(r.Rows()) != 4 {
		t.Errorf("filter on the case's lawyer kept %d rows", len(r.Rows()))
	}
	if r := mustReview(t, v, "2026-W49", "Me Other"); len(r.Rows()) != 0 {
		t.Errorf("filter on another lawyer kept %d rows", len(r.Rows()))
	}
}

func TestReviewIdleAndUnowned(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	r := mustReview(t, v, "2026-W49", "")
	if got := idleRefs(r); len(got) != 1 || got[0] != f.Ref {
		t.Fatalf("a new case with no deadline: idle = %v", got)
	}
	d := manual(t, v, f.ID, "file the appeal", "2026-12-01")
	mustCheck(t, v)
	if got := idleRefs(mustReview(t, v, "2026-W49", "")); len(got) != 0 {
		t.Errorf("a case with an open deadline is idle: %v", got)
	}

	if _, err := v.SetDeadlineOwner(d.ID, ""); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, v)
	r = mustReview(t, v, "2026-W49", "")
	if got := labels(r.Unowned); len(got) != 1 || got[0] != "file the appeal" {
		t.Errorf("unowned = %v", got)
	}
	if r := mustReview(t, v, "2026-W49", "Me Other"); len(r.Unowned) != 0 {
		t.Errorf("unowned of another lawyer's case kept: %v", labels(r.Unowned))
	}
	if _, err := v.SetDeadlineOwner(d.ID, "Me Other"); err != nil {
		t.Fatal(err)
	}
	if r := mustReview(t, v, "2026-W49", "me other"); len(r.Days[1]) != 1 || len(r.Unowned) != 0 {
		t.Errorf("owner filter: tuesday %v, unowned %v", labels(r.Days[1]), labels(r.Unowned))
	}

	if _, err := v.SetDeadlineStatus(d.ID, model.DeadlineDone, ""); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, v)
	r = mustReview(t, v, "2026-W49", "")
	if len(r.Rows()) != 0 || len(r.Unowned) != 0 {
		t.Errorf("a done deadline is still listed: %v %v", labels(r.Rows()), labels(r.Unowned))
	}
	if got := idleRefs(r); len(got) != 1 {
		t.Errorf("case with only a done deadline: idle = %v", got)
	}

	if _, err := v.SetCaseFields(f.ID, map[string]string{"status": "closed"}); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, v)
	if got := idleRefs(mustReview(t, v, "2026-W49", "")); len(got) != 0 {
		t.Errorf("a closed case is idle: %v", got)
	}
}

func TestSignOffWeek(t *testing.T) {
	v := newVault(t)
	w, _ := model.ParseISOWeek("2026-W49")
	if so, err := v.WeekSignOff(w, ""); err != nil || so != nil {
		t.Fatalf("unsigned week: %v, %v", so, err)
	}
	so, err := v.SignOffWeek(w, "")
	if err != nil {
		t.Fatal(err)
	}
	if so.ID != "2026-W49" || so.By != v.Author() || so.At.IsZero() {
		t.Errorf("sign-off = %+v", so)
	}
	got, err := v.WeekSignOff(w, "")
	if err != nil || got == nil || *got != *so {
		t.Errorf("WeekSignOff = %+v, %v", got, err)
	}
	if r := mustReview(t, v, "2026-W49", ""); r.SignOff == nil || r.SignOff.By != so.By {
		t.Errorf("review sign-off = %+v", r.SignOff)
	}
	if r := mustReview(t, v, "2026-W50", ""); r.SignOff != nil {
		t.Errorf("another week is signed: %+v", r.SignOff)
	}
	hist, err := v.history(KindSignOff, "2026-W49")
	if err != nil || len(hist) != 1 {
		t.Errorf("sign-off history = %v, %v", hist, err)
	}
	mustCheck(t, v)
}

// A vault written before the review indexes existed gets them when opened.
func TestReviewIndexesBuiltForOlderVaults(t *testing.T) {
	dir := t.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	idle, busy := sampleFile(), sampleFile()
	for _, f := range []*model.CaseFile{&idle, &busy} {
		if err := v.SaveCase(f); err != nil {
			t.Fatal(err)
		}
	}
	d := manual(t, v, busy.ID, "unowned", "2026-12-01")
	if _, err := v.SetDeadlineOwner(d.ID, ""); err != nil {
		t.Fatal(err)
	}
	// Take the vault back to before: no review index, no marker.
	err = v.db.Update(func(txn *badger.Txn) error {
		for _, p := range []string{"idx/noowner/", "idx/timed/", "idx/opendl/", "idx/idle/", "meta/index/review"} {
			if err := scanKeys(txn, p, func(k []byte) error { return txn.Delete(append([]byte(nil), k...)) }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rep, _ := v.Check(); rep.OK() {
		t.Fatal("check passed without the review indexes")
	}
	v.Close()
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	mustCheck(t, v)
	r := mustReview(t, v, "2026-W49", "")
	if got := idleRefs(r); len(got) != 1 || got[0] != idle.Ref {
		t.Errorf("idle = %v, want %s", got, idle.Ref)
	}
	if len(r.Unowned) != 1 {
		t.Errorf("unowned = %v", labels(r.Unowned))
	}
}
