package app

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/review"
)

// eventsCard is a case's procedural events as a timeline, newest first:
// date (and time), what happened, and its details.
func (a *App) eventsCard(caseID string) fyne.CanvasObject {
	v := a.Vault()
	if v == nil {
		return container.NewVBox()
	}
	evs, err := v.Events(caseID)
	if err != nil {
		a.showError(err)
		return container.NewVBox()
	}
	slices.SortStableFunc(evs, func(x, y model.Event) int { return -x.Date.Compare(y.Date) })
	box := container.NewVBox()
	if len(evs) == 0 {
		empty := widget.NewLabel(i18n.T("app.events.none"))
		empty.Importance = widget.LowImportance
		empty.Wrapping = fyne.TextWrapWord
		box.Add(empty)
	}
	for _, e := range evs {
		when := i18n.Date(e.Date)
		if e.Time != "" {
			when += " " + e.Time
		}
		head := widget.NewLabel(when + " — " + i18n.T("event.kind."+string(e.Kind)))
		head.TextStyle = fyne.TextStyle{Bold: true}
		box.Add(head)
		if d := i18n.EventDetails(e); d != "" {
			detail := widget.NewLabel(d)
			detail.Wrapping = fyne.TextWrapWord
			box.Add(detail)
		}
		if e.Note != "" {
			note := widget.NewLabel(e.Note)
			note.Wrapping = fyne.TextWrapWord
			note.Importance = widget.LowImportance
			box.Add(note)
		}
	}
	return widget.NewCard(i18n.T("app.tab.events"), i18n.T("app.events.hint"), box)
}

// saveCaseSummary warns that the PDF is not encrypted, then asks where to
// save the case summary (person, procedure, events, deadlines with their
// basis, latest notes).
func (a *App) saveCaseSummary(caseID, ref string) {
	dialog.ShowConfirm(i18n.T("app.form.summary_pdf"), i18n.T("app.review.unencrypted"), func(ok bool) {
		a.touch()
		v := a.Vault()
		if !ok || v == nil {
			return
		}
		f, err := v.Case(caseID)
		if err != nil {
			a.showError(err)
			return
		}
		s, err := review.LoadCaseSummary(v, f, nowFunc())
		if err != nil {
			a.showError(err)
			return
		}
		rs := &reviewScreen{app: a}
		rs.save("casefile-"+ref+".pdf", ".pdf", review.CaseSummaryPDF(s))
	}, a.win)
}
