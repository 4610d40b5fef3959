package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/model"
)

// The Evidence tab shows the readiness panel over the log, and records an
// attempt from its dialog; a refused one keeps the dialog open and stores
// nothing.
func TestEvidenceTab(t *testing.T) {
	a, v, _ := listApp(t, 1)
	files := []model.CaseFile{{Case: model.Case{Procedure: model.ProcFirstPermit, Channel: model.ChannelANEF},
		Person: model.Person{FamilyName: "Preuvetest"}}}
	if err := v.SaveCase(&files[0]); err != nil {
		t.Fatal(err)
	}
	w := a.Window()
	orig := nowFunc
	t.Cleanup(func() { nowFunc = orig })
	nowFunc = func() time.Time { return time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC) }
	loc := model.Paris()
	for _, s := range []string{"2026-11-02 09:30", "2026-11-10 14:00", "2026-11-18 08:15"} {
		at, _ := time.ParseInLocation("2006-01-02 15:04", s, loc)
		e := model.Evidence{CaseID: files[0].ID, At: at, Channel: model.EvidenceAppointment, What: "No slot on " + s}
		if err := v.AddEvidence(&e, nil); err != nil {
			t.Fatal(err)
		}
	}
	a.showEvidenceTab(files[0].ID)
	label(t, w, "Attempts: they meet what courts have asked for.")
	label(t, w, "Attempts: 3")
	label(t, w, "Distinct weeks: 3")
	label(t, w, "No slot on 2026-11-18 08:15")
	// The remedies: mesures utiles misses the contact centre, the access
	// point, the urgency and the proof of filing (a case on ANEF).
	label(t, w, "Référé « mesures utiles » (CJA, art. L. 521-3) — not yet")
	label(t, w, "Centre de contact citoyen asked (required): missing")
	label(t, w, "Sources: CJA, art. L. 521-3; CESEDA, art. R. 431-2")

	test.Tap(button(t, w, "Record a proof"))
	overlay := w.Canvas().Overlays().Top()
	entries := objectsIn[*appEntry](t, overlay) // date, time, answer due by, what happened
	var save *widget.Button
	for _, b := range objectsIn[*widget.Button](t, overlay) {
		if b.Text == "Record a proof" {
			save = b
		}
	}
	entries[0].SetText("26/11/2026") // date
	entries[1].SetText("25:99")      // time
	entries[3].SetText("Phone line busy for an hour")
	test.Tap(save)
	if log, _ := v.EvidenceLog(files[0].ID); len(log) != 3 {
		t.Fatal("an impossible time was recorded")
	}
	entries[1].SetText("16:45")
	test.Tap(save)
	log, err := v.EvidenceLog(files[0].ID)
	if err != nil || len(log) != 4 || log[0].What != "Phone line busy for an hour" || log[0].At.In(loc).Format("2006-01-02 15:04") != "2026-11-26 16:45" {
		t.Fatalf("log %+v %v", log, err)
	}
	found := false
	for _, l := range allOf[*widget.Label](t, w) {
		found = found || strings.Contains(l.Text, "Phone line busy")
	}
	if !found {
		t.Fatal("new entry not shown")
	}
}
