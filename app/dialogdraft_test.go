package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/internal/atrest"
	"casefile/model"
)

// formItemIn is the widget of the form item labelled text in o.
func formItemIn(t *testing.T, o fyne.CanvasObject, text string) fyne.CanvasObject {
	t.Helper()
	for _, f := range objectsIn[*widget.Form](t, o) {
		for _, it := range f.Items {
			if it.Text == text {
				return it.Widget
			}
		}
	}
	t.Fatalf("no form item %q", text)
	return nil
}

// homeUnder points HOME, the XDG folders and TMPDIR into a folder of the
// test, for a scan of everything the app may have written.
func homeUnder(t *testing.T) {
	root := t.TempDir()
	for _, env := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "TMPDIR"} {
		dir := filepath.Join(root, strings.ToLower(env))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		t.Setenv(env, dir)
	}
}

// An event being recorded when the vault locks is kept, inside the vault
// (nowhere on disk in clear), and comes back after unlock on its case, with
// a message; saving it then records it and forgets the draft.
func TestLockKeepsTheEventDialogAsADraft(t *testing.T) {
	homeUnder(t)
	wait := waiter(t)
	a, v, files := listApp(t, 1)
	w := a.Window()
	ref, caseID := files[0].Ref, files[0].ID
	a.showCaseForm(ref)
	a.showEventForm(caseID, nil)
	const marker = "Qzxeventmarker"
	top := w.Canvas().Overlays().Top()
	test.Type(formItemIn(t, top, i18n.T("field.event.note")).(*appEntry), marker+" audience renvoyée")
	formItemIn(t, top, i18n.T("field.event.court")).(*appEntry).SetText("TA de Melun")
	formItemIn(t, top, i18n.T("field.event.time")).(*appEntry).SetText("09:30")
	formItemIn(t, top, i18n.T("field.event.kind")).(*widget.Select).SetSelected(i18n.T("event.kind.hearing"))
	if _, _, ok, _ := v.Draft(); ok {
		t.Fatal("a draft before the lock")
	}

	a.lockToUnlockScreen(i18n.T("app.locked_idle"))
	if a.Vault() != nil {
		t.Fatal("not locked")
	}
	label(t, w, "Your unsaved changes are kept, encrypted inside the vault")
	// Nowhere in clear: the vault's folder, HOME, the XDG folders, TMPDIR
	// and the app's preferences (all under the test's folder).
	tmp := filepath.Dir(filepath.Dir(v.Dir()))
	if hits, err := atrest.Scan(tmp, []string{marker}); err != nil || len(hits) > 0 {
		t.Fatalf("the event typed is on disk in clear: %v %v", hits, err)
	}
	if s := a.fa.Preferences().String(marker); s != "" {
		t.Fatal("preferences")
	}

	test.Type(allEntries(t, w)[0], pass)
	test.Tap(button(t, w, "Unlock"))
	wait()
	if f := a.activeForm(); f == nil || f.ref != ref {
		t.Fatalf("not back on case %s", ref)
	}
	inDialog(t, w, "The event you were recording in case "+ref+" (Event, Time, Court, Note), kept inside the vault while it was locked, is back")
	// The message is on top of the dialog, which holds what was typed.
	var dlg fyne.CanvasObject
	for _, o := range w.Canvas().Overlays().List() {
		for _, f := range objectsIn[*widget.Form](t, o) {
			for _, it := range f.Items {
				if it.Text == i18n.T("field.event.note") {
					dlg = o
				}
			}
		}
	}
	if dlg == nil {
		t.Fatal("the event dialog is not back")
	}
	if e := formItemIn(t, dlg, i18n.T("field.event.note")).(*appEntry); e.Text != marker+" audience renvoyée" {
		t.Fatalf("note: %q", e.Text)
	}
	if e := formItemIn(t, dlg, i18n.T("field.event.court")).(*appEntry); e.Text != "TA de Melun" {
		t.Fatalf("court: %q", e.Text)
	}
	w.Canvas().Overlays().Top().Hide() // the message read
	for _, b := range objectsIn[*widget.Button](t, dlg) {
		if b.Text == i18n.T("app.events.save") {
			test.Tap(b)
		}
	}
	v = a.Vault()
	evs, err := v.Events(caseID)
	if err != nil || len(evs) != 1 || evs[0].Note != marker+" audience renvoyée" || evs[0].Time != "09:30" || evs[0].Kind != "hearing" {
		t.Fatalf("event saved: %+v %v", evs, err)
	}
	if _, _, ok, _ := v.Draft(); ok {
		t.Fatal("draft kept after the event was saved")
	}
}

// The evidence dialog too: an entry being corrected comes back with what
// was typed, saved against what the dialog had loaded.
func TestLockKeepsTheEvidenceCorrectionAsADraft(t *testing.T) {
	homeUnder(t)
	wait := waiter(t)
	a, v, files := listApp(t, 1)
	w := a.Window()
	ref, caseID := files[0].Ref, files[0].ID
	e := model.Evidence{CaseID: caseID, At: nowFunc(), Channel: model.EvidenceAppointment, Category: model.MalfNoAppointment, What: "Aucun créneau."}
	if err := v.AddEvidence(&e, nil); err != nil {
		t.Fatal(err)
	}
	a.showCaseForm(ref)
	a.showEvidenceDialog(caseID, &e)
	const marker = "Qzxevidencemarker"
	top := w.Canvas().Overlays().Top()
	formItemIn(t, top, i18n.T("field.evidence.what")).(*appEntry).SetText(marker + " capture du site")
	a.lockToUnlockScreen(i18n.T("app.locked_idle"))
	if hits, err := atrest.Scan(filepath.Dir(filepath.Dir(v.Dir())), []string{marker}); err != nil || len(hits) > 0 {
		t.Fatalf("the entry typed is on disk in clear: %v %v", hits, err)
	}
	test.Type(allEntries(t, w)[0], pass)
	test.Tap(button(t, w, "Unlock"))
	wait()
	inDialog(t, w, "The evidence correction you were typing in case "+ref+" ("+i18n.T("field.evidence.what")+")")
	var dlg fyne.CanvasObject
	for _, o := range w.Canvas().Overlays().List() {
		for _, f := range objectsIn[*widget.Form](t, o) {
			for _, it := range f.Items {
				if it.Text == i18n.T("field.evidence.what") {
					dlg = o
				}
			}
		}
	}
	if dlg == nil {
		t.Fatal("the evidence dialog is not back")
	}
	w.Canvas().Overlays().Top().Hide()
	for _, b := range objectsIn[*widget.Button](t, dlg) {
		if b.Text == i18n.T("evidence.correct") {
			test.Tap(b)
		}
	}
	log, err := a.Vault().EvidenceLog(caseID)
	if err != nil || len(log) != 1 || log[0].What != marker+" capture du site" {
		t.Fatalf("entry saved: %+v %v", log, err)
	}
	if _, _, ok, _ := a.Vault().Draft(); ok {
		t.Fatal("draft kept after the entry was saved")
	}
}
