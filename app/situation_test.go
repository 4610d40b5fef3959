package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/fakeclinic"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// deadlineApp unlocks a new vault holding one fictional case at the given
// prefecture, with a removal order notified on 7 March 2025 in the given
// situation ("" when not recorded), and opens the case.
func deadlineApp(t *testing.T, lang, prefecture string, sit model.Situation) (*App, model.CaseFile) {
	t.Helper()
	t.Setenv("LANG", lang)
	i18n.Reload()
	orig := nowFunc
	t.Cleanup(func() { nowFunc = orig })
	nowFunc = func() time.Time { return time.Date(2025, 3, 7, 10, 0, 0, 0, time.Local) }
	dir := filepath.Join(t.TempDir(), "vault")
	c, err := store.Create(dir, pass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	f := fakeclinic.New(7).CaseFile(model.Date{Year: 2025, Month: 3, Day: 1})
	f.Status, f.Lawyer, f.Prefecture, f.Procedure = model.StatusOpen, "Me Test", prefecture, model.ProcRemovalOrder
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	e := model.Event{CaseID: f.ID, Kind: model.EventDecisionNotified, Date: model.Date{Year: 2025, Month: 3, Day: 7},
		Decision: model.DecisionRemovalOrderNoDeparture, Situation: sit}
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	a := New(test.NewTempApp(t), dir)
	a.unlocked(v)
	t.Cleanup(a.Lock)
	a.showCaseForm(f.Ref)
	return a, f
}

// everywhere returns the objects of type T in the window and its
// overlays (dialogs), whose predicate holds.
func everywhere[T fyne.CanvasObject](t *testing.T, w fyne.Window, ok func(T) bool) []T {
	var out []T
	all := objectsIn[T](t, w.Content())
	for _, o := range w.Canvas().Overlays().List() {
		all = append(all, objectsIn[T](t, o)...)
	}
	for _, x := range all {
		if ok(x) {
			out = append(out, x)
		}
	}
	return out
}

func findAny[T fyne.CanvasObject](t *testing.T, w fyne.Window, ok func(T) bool) T {
	t.Helper()
	found := everywhere(t, w, ok)
	if len(found) == 0 {
		var texts []string
		for _, l := range everywhere(t, w, func(*widget.Label) bool { return true }) {
			texts = append(texts, l.Text)
		}
		var zero T
		t.Fatalf("no %T found; labels: %q", zero, texts)
	}
	return found[0]
}

func anyLabel(t *testing.T, w fyne.Window, part string) *widget.Label {
	t.Helper()
	return findAny(t, w, func(l *widget.Label) bool { return strings.Contains(l.Text, part) })
}

func anyButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	return findAny(t, w, func(b *widget.Button) bool { return b.Text == text })
}

// A removal order recorded without the situation plans 48 hours and the
// case asks, prominently, for the situation; recording it from the prompt
// replaces the 48 hours with the situation's 7 days (CAA Lyon: Friday
// 14 March 2025).
func TestSituationPromptRecordsTheSituation(t *testing.T) {
	a, f := deadlineApp(t, "en_US.UTF-8", "Bobigny", "")
	w := a.Window()
	prompt := label(t, w, "situation is not recorded")
	if prompt.Importance != widget.DangerImportance || !prompt.TextStyle.Bold {
		t.Error("the situation prompt is not prominent")
	}
	views, err := a.Vault().DeadlineViews(f.ID)
	if err != nil || len(views) != 1 || views[0].Deadline.RuleID != "oqtf-48h" {
		t.Fatalf("planned %+v %v", views, err)
	}
	test.Tap(button(t, w, "Record the situation"))
	radio := findAny(t, w, func(r *widget.RadioGroup) bool { return len(r.Options) == len(model.Situations) })
	radio.SetSelected(i18n.T("event.situation.house_arrest"))
	test.Tap(findAny(t, w, func(b *widget.Button) bool {
		return b.Text == i18n.T("situation.prompt_action") && b.Importance == widget.HighImportance
	}))
	views, err = a.Vault().DeadlineViews(f.ID)
	if err != nil {
		t.Fatal(err)
	}
	open := 0
	for _, dv := range views {
		if dv.Deadline.Status != model.DeadlineOpen {
			continue
		}
		open++
		if dv.Deadline.RuleID != "oqtf-7d" || dv.Deadline.Due != (model.Date{Year: 2025, Month: 3, Day: 14}) {
			t.Errorf("after recording: %+v", dv.Deadline)
		}
	}
	if open != 1 {
		t.Errorf("%d open deadlines after recording the situation", open)
	}
	for _, l := range allOf[*widget.Label](t, w) {
		if strings.Contains(l.Text, "situation is not recorded") {
			t.Error("the prompt is still shown once the situation is recorded")
		}
	}
}

// "Why this date?" names both readings of oqtf-7d with their dates, the
// rule's translated name, readable sources, the law-as-of date, never a
// bare source id; Esc and Enter close it.
func TestWhyThisDateTwoReadings(t *testing.T) {
	a, _ := deadlineApp(t, "fr_FR.UTF-8", "Bobigny", model.SituationHouseArrest)
	w := a.Window()
	a.caseTabs.SelectIndex(deadlinesTab)
	for _, key := range []fyne.KeyName{fyne.KeyEscape, fyne.KeyReturn} {
		test.Tap(button(t, w, i18n.T("app.deadlines.why")))
		for _, want := range []string{"Recours contre une OQTF (assignation à résidence ou détention)", "14/03/2025",
			"CAA Toulouse, 3 juil. 2025, n° 24TL02643", "17/03/2025", "CAA Lyon, 19 déc. 2024, n° 24LY03013 (C+) (CETATEXT000050829858)",
			"CESEDA, art. L. 921-1", "Droit pris en compte jusqu'au 30/11/2025"} {
			anyLabel(t, w, want)
		}
		shown := anyLabel(t, w, "Date retenue")
		if !strings.Contains(shown.Text, "24LY03013") || !strings.Contains(shown.Text, "14/03/2025") {
			t.Errorf("date shown: %q", shown.Text)
		}
		other := anyLabel(t, w, "Autre lecture : ")
		if !strings.Contains(other.Text, "24TL02643") || !strings.Contains(other.Text, "17/03/2025") {
			t.Errorf("other reading: %q", other.Text)
		}
		for _, l := range everywhere(t, w, func(*widget.Label) bool { return true }) {
			if strings.Contains(l.Text, "[S") || strings.Contains(l.Text, "DOMAIN") {
				t.Errorf("a bare source id: %q", l.Text)
			}
		}
		overlays := w.Canvas().Overlays().List()
		if len(overlays) == 0 {
			t.Fatal("no dialog shown")
		}
		w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: key})
		if len(w.Canvas().Overlays().List()) != len(overlays)-1 {
			t.Errorf("%s does not close the dialog", key)
		}
	}
	// The Sources list, from the dialog.
	test.Tap(button(t, w, i18n.T("app.deadlines.why")))
	test.Tap(anyButton(t, w, i18n.T("why.all_sources")))
	anyLabel(t, w, "CE, avis, 14 nov. 2024, n° 496412")
	anyLabel(t, w, "Règles : ")
}

// Overseas, beside the appeal deadline and on the case, the alert that
// the appeal does not suspend the removal and that a référé-liberté does.
func TestOverseasAlert(t *testing.T) {
	a, _ := deadlineApp(t, "fr_FR.UTF-8", "Mamoudzou", model.SituationFree)
	w := a.Window()
	alert := label(t, w, "Recours non suspensif (outre-mer)")
	if !strings.Contains(alert.Text, "Mayotte") || !strings.Contains(alert.Text, "référé-liberté") {
		t.Errorf("alert %q", alert.Text)
	}
	a2, _ := deadlineApp(t, "fr_FR.UTF-8", "Bobigny", model.SituationFree)
	for _, l := range allOf[*widget.Label](t, a2.Window()) {
		if strings.Contains(l.Text, "outre-mer") {
			t.Errorf("an overseas alert in metropolitan France: %q", l.Text)
		}
	}
}

// The weekly review shows the situation to record on the 48-hour row.
func TestReviewAsksForTheSituation(t *testing.T) {
	a, _ := deadlineApp(t, "en_US.UTF-8", "Bobigny", "")
	a.showReview()
	test.Tap(button(t, a.Window(), i18n.T("situation.prompt_review")))
	label(t, a.Window(), "situation is not recorded")
}

// The event form asks for the situation of a transfer (as of a removal
// order, a house arrest, a ban on return): saved without it, it refuses
// and says why; said unknown, the 48 hours are planned and flagged.
func TestEventFormAsksForTheSituation(t *testing.T) {
	a, f := deadlineApp(t, "en_US.UTF-8", "Bobigny", model.SituationFree)
	w := a.Window()
	a.showEventForm(f.ID, nil)
	pick := func(option string) {
		t.Helper()
		s := findAny(t, w, func(s *widget.Select) bool {
			for _, o := range s.Options {
				if o == option {
					return true
				}
			}
			return false
		})
		s.SetSelected(option)
	}
	pick(i18n.T("event.kind.decision_notified"))
	pick(i18n.T("event.decision.dublin-transfer"))
	before, _ := a.Vault().Events(f.ID)
	test.Tap(anyButton(t, w, i18n.T("app.events.save")))
	anyLabel(t, w, "give the person's situation at notification")
	if after, _ := a.Vault().Events(f.ID); len(after) != len(before) {
		t.Fatal("a transfer was recorded without the situation")
	}
	pick(i18n.T("situation.unknown"))
	test.Tap(anyButton(t, w, i18n.T("app.events.save")))
	views, err := a.Vault().DeadlineViews(f.ID)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, dv := range views {
		if dv.Deadline.RuleID == "dublin-transfert-48h" && dv.Plan != nil && dv.Plan.NeedsSituation() {
			found = true
		}
	}
	if !found {
		t.Error("the transfer said unknown does not plan the flagged 48 hours")
	}
}
