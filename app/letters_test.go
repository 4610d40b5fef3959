package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/letters"
	"casefile/model"
	"casefile/store"
)

// The Letters tab fills the chosen template from the case into an entry
// the lawyer can edit.
func TestLettersTabFillsTheTemplate(t *testing.T) {
	a, _, files := listApp(t, 1)
	w := a.Window()
	a.showCaseForm(files[0].Ref)
	tabs := find(t, w, func(*container.AppTabs) bool { return true })
	tabs.SelectIndex(len(tabs.Items) - 1)
	if tabs.Selected().Text != i18n.T("letters.tab") {
		t.Fatalf("last tab is %q", tabs.Selected().Text)
	}
	pick := find(t, w, func(s *widget.Select) bool { return s.PlaceHolder == i18n.T("letters.template") })
	if len(pick.Options) != len(letters.Builtin) {
		t.Fatalf("templates: %q", pick.Options)
	}
	pick.SetSelectedIndex(0)
	text := find(t, w, func(e *appEntry) bool { return e.MultiLine && strings.Contains(e.Text, "recours gracieux") })
	if !strings.Contains(text.Text, strings.ToUpper(files[0].Person.FamilyName)) {
		t.Fatalf("letter lacks the person:\n%s", text.Text)
	}
}

// The retention screen lists a closed case that is due, and the case
// screen says from when it may be deleted.
func TestRetentionScreenListsCasesDue(t *testing.T) {
	a, v, files := listApp(t, 2)
	f := files[0]
	f.Status = model.StatusClosed
	f.Closed = model.Date{Year: 2018, Month: 1, Day: 10}
	f.EndOfMission = model.Date{Year: 2018, Month: 2, Day: 1}
	if f.Opened.Year > 2017 {
		f.Opened = model.Date{Year: 2017, Month: 1, Day: 1}
	}
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	w := a.Window()
	a.showRetention()
	label(t, w, f.Ref)
	erase := button(t, w, i18n.T("retention.erase"))
	if erase.Disabled() {
		t.Fatal("erase disabled on a dated case")
	}
	a.showCaseForm(f.Ref)
	find(t, w, func(*container.AppTabs) bool { return true }).SelectIndex(1) // Procedure
	label(t, w, i18n.T("retention.deletable_from", map[string]string{"Date": i18n.Date(model.Date{Year: 2023, Month: 2, Day: 1})}))
}

// lettersCase opens a fresh case (procedure proc, fictional person) on its
// Letters tab with template id chosen, and returns the letter's entry.
func lettersCase(t *testing.T, proc model.Procedure, id string) (*App, *store.Vault, model.CaseFile, *appEntry) {
	t.Helper()
	a, v, _ := listApp(t, 1)
	f := model.CaseFile{Case: model.Case{Procedure: proc, Prefecture: "Rhône (Lyon)"},
		Person: model.Person{FamilyName: "Lettrine", GivenNames: "Awa", Civility: model.CivilityMadame}}
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	w := a.Window()
	a.showLettersTab(f.ID)
	pick := find(t, w, func(s *widget.Select) bool { return s.PlaceHolder == i18n.T("letters.template") })
	tmpl, err := letters.Find("", id)
	if err != nil {
		t.Fatal(err)
	}
	pick.SetSelected(tmpl.Title)
	text := find(t, w, func(e *appEntry) bool { return e.MultiLine && strings.Contains(e.Text, "LETTRINE") })
	return a, v, f, text
}

func letterEntry(t *testing.T, w fyne.Window) *appEntry {
	t.Helper()
	return find(t, w, func(e *appEntry) bool { return e.MultiLine && strings.Contains(e.Text, "LETTRINE") })
}

// The letter follows the evidence log: an attempt recorded in the Evidence
// tab's dialog reaches the letter, untouched, when the lawyer comes back to
// it; once the lawyer has edited the letter, a new entry never overwrites
// the edits but is offered; a malfunction added on the Procedure tab
// reaches the letter shown.
func TestLetterRefreshedFromEvidenceEntry(t *testing.T) {
	a, v, f, text := lettersCase(t, model.ProcRenewal, "rendez-vous")
	w := a.Window()
	if !strings.Contains(text.Text, "- "+letters.Missing) {
		t.Fatalf("empty log not shown as to complete:\n%s", text.Text)
	}
	orig := nowFunc
	t.Cleanup(func() { nowFunc = orig })
	nowFunc = func() time.Time { return time.Now().Add(-time.Hour) }

	// Recorded through the Evidence tab's dialog, as a lawyer does.
	a.showEvidenceDialog(f.ID, nil)
	overlay := w.Canvas().Overlays().Top()
	entries := objectsIn[*appEntry](t, overlay)
	entries[3].SetText("Aucun créneau proposé, capture d'écran prise")
	for _, b := range objectsIn[*widget.Button](t, overlay) {
		if b.Text == i18n.T("evidence.add_entry") {
			test.Tap(b)
		}
	}
	if log, _ := v.EvidenceLog(f.ID); len(log) != 1 {
		t.Fatalf("entry not recorded: %+v", log)
	}
	a.showLettersTab(f.ID)
	text = letterEntry(t, w)
	if !strings.Contains(text.Text, "Aucun créneau proposé, capture d'écran prise") || strings.Contains(text.Text, "- "+letters.Missing) {
		t.Fatalf("letter not refreshed from the log:\n%s", text.Text)
	}

	// Edited: a new entry is offered, the edits stay.
	text.SetText(text.Text + "\nPS : relance téléphonique prévue.")
	e := model.Evidence{CaseID: f.ID, At: time.Now().Add(-2 * time.Hour), Channel: model.EvidencePhone, What: "ligne saturée"}
	if err := v.AddEvidence(&e, nil); err != nil {
		t.Fatal(err)
	}
	a.showLettersTab(f.ID)
	text = letterEntry(t, w)
	if !strings.Contains(text.Text, "PS : relance") || strings.Contains(text.Text, "ligne saturée") {
		t.Fatalf("edits overwritten:\n%s", text.Text)
	}
	test.Tap(button(t, w, i18n.T("letters.refresh")))
	if text = letterEntry(t, w); !strings.Contains(text.Text, "ligne saturée") || strings.Contains(text.Text, "PS : relance") {
		t.Fatalf("refresh did not take the new filling:\n%s", text.Text)
	}

	// A malfunction added on the Procedure tab, with the letter kept on
	// screen: the letter follows at once.
	m := model.Malfunction{Category: model.MalfNoAppointment, Date: model.ParisDate(time.Now()), Text: "site saturé le matin"}
	if err := v.AddMalfunction(f.ID, &m); err != nil {
		t.Fatal(err)
	}
	a.caseChanged(f.ID)
	if text = letterEntry(t, w); !strings.Contains(text.Text, "site saturé le matin") {
		t.Fatalf("letter on screen not refreshed:\n%s", text.Text)
	}
}

// Saving a letter that still holds passages to complete asks first; the
// letter saved is among the case's documents, encrypted in the vault,
// named with the case reference and the date, and the Documents tab lists
// it.
func TestLetterPlaceholderWarningAndSavedInDocuments(t *testing.T) {
	a, v, f, text := lettersCase(t, model.ProcRenewal, "recours-gracieux")
	w := a.Window()
	if !strings.Contains(text.Text, "[Exposer ici les faits") {
		t.Fatalf("template without its instruction:\n%s", text.Text)
	}
	test.Tap(button(t, w, i18n.T("letters.save")))
	overlay := w.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("no warning before saving a letter with placeholders")
	}
	warned := false
	for _, l := range objectsIn[*widget.Label](t, overlay) {
		warned = warned || strings.Contains(l.Text, "[Exposer ici les faits") && strings.Contains(l.Text, "passages to complete")
	}
	if !warned {
		t.Fatal("the warning does not list the passages")
	}
	if docs, _ := v.Documents(f.ID); len(docs) != 0 {
		t.Fatal("saved before the warning was answered")
	}
	var confirm *widget.Button
	for _, b := range objectsIn[*widget.Button](t, overlay) {
		if b.Text == i18n.T("letters.save") {
			confirm = b
		}
	}
	test.Tap(confirm)
	docs, err := v.Documents(f.ID)
	want := f.Ref + "_" + model.ParisDate(nowFunc()).String() + "_recours-gracieux.pdf"
	if err != nil || len(docs) != 1 || docs[0].Name != want {
		t.Fatalf("documents %+v, want %s (%v)", docs, want, err)
	}
	b, _, err := v.ReadDocument(docs[0].ID)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("stored letter: %v", err)
	}
	inOverlay(t, w, func(l *widget.Label) bool { return strings.Contains(l.Text, want) }) // the information dialog names it
	for o := w.Canvas().Overlays().Top(); o != nil; o = w.Canvas().Overlays().Top() {
		w.Canvas().Overlays().Remove(o)
	}
	tabs := find(t, w, func(*container.AppTabs) bool { return true })
	for i, it := range tabs.Items {
		if it.Text == i18n.T("app.tab.documents") {
			tabs.SelectIndex(i)
		}
	}
	label(t, w, want)

	// A letter with nothing left to complete saves without asking.
	tabs.SelectIndex(len(tabs.Items) - 1)
	text = letterEntry(t, w)
	text.SetText("Madame LETTRINE,\nCourrier complet.")
	test.Tap(button(t, w, i18n.T("letters.save")))
	if docs, _ := v.Documents(f.ID); len(docs) != 2 {
		t.Fatalf("complete letter: %d documents", len(docs))
	}
}

// A recours gracieux against a removal order says, on the tab, that the
// court appeal must still be filed in time, and the letter says the delay
// keeps running.
func TestLetterWarnsOnRemovalOrder(t *testing.T) {
	a, _, _, text := lettersCase(t, model.ProcRemovalOrder, "recours-gracieux")
	w := a.Window()
	warn := label(t, w, "a recours gracieux does not extend the court delay")
	if warn.Hidden {
		t.Fatal("warning hidden")
	}
	if strings.Contains(text.Text, "interromp") || !strings.Contains(text.Text, "ne prolonge pas le délai") {
		t.Fatalf("letter:\n%s", text.Text)
	}
	// A text edited to claim an interruption is flagged.
	text.SetText(text.Text + "\nCe recours interrompt le délai.")
	label(t, w, "that is wrong for this case's decision")
}

// The case form's Person tab shows the civility and saves it; the letters
// then agree with it.
func TestCaseFormCivility(t *testing.T) {
	a, v, files := listApp(t, 1)
	w := a.Window()
	f := files[0]
	a.showCaseForm(f.Ref)
	civ := find(t, w, func(s *widget.Select) bool { return len(s.Options) == 3 && s.Options[1] == i18n.T("civility.madame") })
	if civ.Selected != i18n.T("civility."+string(f.Person.Civility)) && !(f.Person.Civility == "" && civ.Selected == i18n.T("civility.unspecified")) {
		t.Fatalf("civility shown %q for %q", civ.Selected, f.Person.Civility)
	}
	civ.SetSelected(i18n.T("civility.monsieur"))
	test.Tap(button(t, w, i18n.T("app.form.save")))
	got, err := v.Case(f.ID)
	if err != nil || got.Person.Civility != model.CivilityMonsieur {
		t.Fatalf("civility saved %q, %v", got.Person.Civility, err)
	}
}

// A clinic folder holding one unusable file: the Letters tab still offers
// the folder's other templates, and says which file was left out and why.
func TestLettersTabSkipsABadTemplate(t *testing.T) {
	a, v, files := listApp(t, 1)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "relance.txt"), []byte("# Relance du dossier\nRelance {{reference}}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "casse.txt"), []byte{0xff, 0xfe}, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := letters.SetFolder(v, dir); err != nil {
		t.Fatal(err)
	}
	w := a.Window()
	a.showCaseForm(files[0].Ref)
	tabs := find(t, w, func(*container.AppTabs) bool { return true })
	tabs.SelectIndex(len(tabs.Items) - 1)
	pick := find(t, w, func(s *widget.Select) bool { return s.PlaceHolder == i18n.T("letters.template") })
	if len(pick.Options) != len(letters.Builtin)+1 || pick.Options[len(letters.Builtin)] != "Relance du dossier" {
		t.Fatalf("templates: %q", pick.Options)
	}
	// Said in the tab, not in a dialog at every case opened.
	for _, l := range inOverlays[*widget.Label](t, w) {
		if strings.Contains(l.Text, "casse.txt") {
			t.Fatalf("a dialog says it: %s", l.Text)
		}
	}
	find(t, w, func(l *widget.Label) bool {
		return l.Visible() && strings.Contains(l.Text, "casse.txt") && strings.Contains(l.Text, i18n.T("letters.skip.not_utf8"))
	})
}
