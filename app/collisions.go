package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/store"
)

// collisionsBanner shows, at the top of a case, the fields two laptops
// changed from the same version (sync or a bundle): the value kept, the one
// that lost, who wrote it and when, with Keep / Use the other. Nil when the
// case has none. reopen redraws the case after a choice.
func (a *App) collisionsBanner(caseID, ref string, reopen func()) fyne.CanvasObject {
	v := a.Vault()
	if v == nil {
		return nil
	}
	cs, err := v.Collisions(caseID)
	if err != nil || len(cs) == 0 {
		return nil
	}
	head := widget.NewLabelWithStyle(i18n.TPlural("app.case.collisions", len(cs)),
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.Importance = widget.WarningImportance
	head.Wrapping = fyne.TextWrapWord
	rows := container.NewVBox(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, head))
	for _, c := range cs {
		rows.Add(a.collisionRow(v, store.QueuedCollision{Collision: c, CaseID: caseID, CaseRef: ref}, reopen))
	}
	return widget.NewCard("", "", rows)
}

// collisionRow is one collision with its two choices: keep the value in
// place, or take the one that lost; then reopen shows the result.
func (a *App) collisionRow(v *store.Vault, c store.QueuedCollision, reopen func()) fyne.CanvasObject {
	l := widget.NewLabel(collisionText(c))
	l.Wrapping = fyne.TextWrapWord
	resolve := func(value []byte) func() {
		return func() {
			a.touch()
			var err error
			background(func() { err = v.ResolveCollision(c.Kind, c.ID, c.Field, value) }, func() {
				if err != nil {
					a.showError(err)
					return
				}
				reopen()
			})
		}
	}
	keep := widget.NewButton(i18n.T("app.sync.keep"), resolve(c.Value))
	take := widget.NewButton(i18n.T("app.sync.take"), resolve(c.Lost))
	return container.NewBorder(nil, nil, nil, container.NewHBox(keep, take), l)
}
