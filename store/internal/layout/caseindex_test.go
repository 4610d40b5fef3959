package layout

import (
	"testing"
	"time"

	"casefile/model"
)

// An index entry gives back exactly what planning reads of its record.
func TestCaseIndexRoundTrip(t *testing.T) {
	e := model.Event{ID: "e", CaseID: "c", Kind: model.EventDecisionNotified, Date: date("2026-01-09"), Time: "17:40",
		Decision: model.DecisionRemovalOrder, Decided: date("2026-01-02"), FirstPresentation: date("2026-01-05"),
		NoAppealInfo: true, Situation: model.SituationRetention, Article: "R421-26", Expiry: date("2027-01-01"),
		Court: "TA de Montreuil", Concerns: "x", Rule: "oqtf-1m", Note: "not indexed", Number: "not indexed"}
	got, err := DecodeEventIdx("c", "e", EncodeEventIdx(e))
	want := e
	want.Note, want.Number = "", ""
	if err != nil || got != want {
		t.Fatalf("event: %+v, %v", got, err)
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	d := model.Deadline{ID: "d", CaseID: "c", Kind: model.DeadlineHearing, Source: "e", Trigger: date("2026-03-05"),
		Due: date("2026-03-05"), DueAt: time.Date(2026, 3, 5, 9, 30, 0, 0, paris), Reminder: date("2026-03-03"),
		Label: "TA de Paris", Status: model.DeadlineCancelled, Reason: "superseded", Owner: "not indexed"}
	gotD, err := DecodeDeadlineIdx("c", "d", EncodeDeadlineIdx(d))
	wantD := d
	wantD.Owner = ""
	if err != nil || !sameDeadline(gotD, wantD) {
		t.Fatalf("deadline: %+v, %v", gotD, err)
	}
	for _, bad := range []string{"", "2\x1fx", "1\x1fcomputed\x1fr\x1fs\x1f2026-02-30\x1f\x1f\x1f\x1f\x1fopen\x1f"} {
		if _, err := DecodeDeadlineIdx("c", "d", []byte(bad)); err == nil {
			t.Errorf("%q decoded", bad)
		}
	}
}

func date(s string) model.Date {
	d, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// sameDeadline reports whether two deadlines would be stored alike (as
// the store's recompute compares them).
func sameDeadline(a, b model.Deadline) bool {
	return sameInstant(a.DueAt, b.DueAt) && sameInstant(a.At, b.At) &&
		a.ID == b.ID && a.CaseID == b.CaseID && a.Kind == b.Kind && a.RuleID == b.RuleID &&
		a.Source == b.Source && a.Trigger == b.Trigger && a.Due == b.Due && a.Label == b.Label &&
		a.Owner == b.Owner && a.Status == b.Status && a.Reason == b.Reason && a.By == b.By &&
		a.Reminder == b.Reminder
}

func sameInstant(a, b time.Time) bool {
	_, oa := a.Zone()
	_, ob := b.Zone()
	return a.Equal(b) && (a.IsZero() || oa == ob)
}
