package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// malfunctionsCard lists the ANEF malfunctions a case met (the categories
// of the Défenseur des droits' report), with a form to add one: category,
// date, what happened. A malfunction is an entry of the case's evidence
// log (docs/evidence.md, "One log"): the same record the Evidence tab,
// the figures, the référé readiness and the letters read.
func (a *App) malfunctionsCard(caseID string) fyne.CanvasObject {
	box := container.NewVBox()
	var refresh func()
	refresh = func() {
		box.Objects = nil
		v := a.Vault()
		if v == nil {
			return
		}
		log, err := v.EvidenceLog(caseID)
		if err != nil {
			a.showError(err)
			return
		}
		n := 0
		for i := len(log) - 1; i >= 0; i-- { // oldest first
			e := log[i]
			if !e.IsMalfunction() {
				continue
			}
			n++
			head := widget.NewLabel(i18n.Date(model.ParisDate(e.At)) + " · " + i18n.T("malfunction."+string(e.Category)))
			head.TextStyle = fyne.TextStyle{Bold: true}
			text := widget.NewLabel(e.What)
			text.Wrapping = fyne.TextWrapWord
			box.Add(container.NewVBox(head, text))
		}
		if n == 0 {
			l := widget.NewLabel(i18n.T("app.malfunctions.none"))
			l.Importance = widget.LowImportance
			box.Add(l)
		}
		box.Refresh()
	}
	refresh()
	add := widget.NewButton(i18n.T("app.malfunctions.add"), func() {
		a.touch()
		a.showAddMalfunction(caseID, func() {
			refresh()
			a.caseChanged(caseID) // letters.go
		})
	})
	return widget.NewCard(i18n.T("field.malfunctions"), i18n.T("app.malfunctions.subtitle"),
		container.NewBorder(nil, container.NewHBox(add), nil, nil, box))
}

// showAddMalfunction is the form of a new malfunction; a wrong field keeps
// the form open with the error beside it.
func (a *App) showAddMalfunction(caseID string, done func()) {
	labels := make([]string, len(model.MalfunctionCategories))
	for i, c := range model.MalfunctionCategories {
		labels[i] = i18n.T("malfunction." + string(c))
	}
	cat := newSelect(labels, nil)
	date := widget.NewEntry()
	date.SetPlaceHolder(i18n.DateHint())
	date.SetText(i18n.Date(model.ParisDate(nowFunc())))
	text := widget.NewMultiLineEntry()
	text.SetMinRowsVisible(4)
	text.Wrapping = fyne.TextWrapWord
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("app.malfunctions.category"), cat),
		widget.NewFormItem(i18n.T("field.date"), date),
		widget.NewFormItem(i18n.T("field.text"), text),
	)
	var d *dialog.CustomDialog
	save := widget.NewButton(i18n.T("app.form.save"), func() {
		a.touch()
		m := model.Malfunction{Text: text.Text}
		if i := cat.SelectedIndex(); i >= 0 {
			m.Category = model.MalfunctionCategories[i]
		}
		day, err := i18n.ParseDate(date.Text)
		if err != nil {
			problem.SetText(i18n.Error(err))
			return
		}
		m.Date = day
		v := a.Vault()
		if v == nil {
			d.Hide()
			return
		}
		if err := v.AddMalfunction(caseID, &m); err != nil {
			problem.SetText(i18n.Error(err))
			return
		}
		d.Hide()
		done()
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(i18n.T("app.form.cancel"), func() { d.Hide() })
	content := container.NewVBox(form, problem)
	d = dialog.NewCustomWithoutButtons(i18n.T("app.malfunctions.add"), content, a.win)
	d.SetButtons([]fyne.CanvasObject{cancel, save})
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
}

// keepTabEdits takes the malfunctions still in the old shape and the
// checklist ticks from the vault into a case file a form is about to
// save: the form does not edit them, and its copy may predate ticks added
// in the documents tab since it opened (the store moves any malfunction
// to the evidence log when the case is saved).
func keepTabEdits(v *store.Vault, out *model.CaseFile) {
	if out.ID == "" {
		return
	}
	if cur, err := v.Case(out.ID); err == nil {
		out.Malfunctions, out.Checklist = cur.Malfunctions, cur.Checklist
	}
}
