package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
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
	if len(pick.Options) != 5 {
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
