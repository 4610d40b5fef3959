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

// deadlinesCard lists a case's deadlines by due date: overdue in red,
// unverified rules marked ⚠, each with a "why this date?" view of the
// engine's explanation and its legal basis.
func (a *App) deadlinesCard(caseID string) fyne.CanvasObject {
	v := a.Vault()
	box := container.NewVBox()
	if v == nil {
		return box
	}
	views, err := v.DeadlineViews(caseID)
	if err != nil {
		a.showError(err)
	}
	if len(views) == 0 {
		empty := widget.NewLabel(i18n.T("app.deadlines.none"))
		empty.Importance = widget.LowImportance
		box.Add(empty)
	}
	today := model.ParisDate(nowFunc())
	for _, dv := range views {
		box.Add(a.deadlineRow(dv, today))
	}
	return widget.NewCard(i18n.T("app.deadlines.title"), "", box)
}

func (a *App) deadlineRow(dv store.DeadlineView, today model.Date) fyne.CanvasObject {
	d := dv.Deadline
	t := i18n.DescribeDeadline(dv)
	due := i18n.Date(d.Due)
	if !d.DueAt.IsZero() {
		due += " " + d.DueAt.Format("15:04")
	}
	state := i18n.T("deadline.state." + string(d.Status))
	if d.IsOverdue(today) {
		state = i18n.T("deadline.state.overdue")
	}
	what := t.What
	if t.Unverified {
		what = "⚠ " + what
	}
	dueLabel := widget.NewLabel(due)
	dueLabel.TextStyle = fyne.TextStyle{Bold: true}
	whatLabel := widget.NewLabel(what)
	whatLabel.Truncation = fyne.TextTruncateEllipsis
	stateLabel := widget.NewLabel(state + " · " + d.Owner)
	switch {
	case d.IsOverdue(today):
		dueLabel.Importance, whatLabel.Importance, stateLabel.Importance = widget.DangerImportance, widget.DangerImportance, widget.DangerImportance
	case d.Status != model.DeadlineOpen:
		dueLabel.Importance, whatLabel.Importance, stateLabel.Importance = widget.LowImportance, widget.LowImportance, widget.LowImportance
	}
	var why fyne.CanvasObject = layoutSpacer()
	if len(t.Explanation) > 0 || len(t.Caveats) > 0 {
		why = widget.NewButton(i18n.T("app.deadlines.why"), func() {
			a.touch()
			a.showWhy(t)
		})
	}
	left := container.New(&fixedWidth{width: 150}, dueLabel)
	row := container.NewBorder(nil, nil, left, container.NewHBox(stateLabel, why), whatLabel)
	if d.Status != model.DeadlineOpen || (!t.NeedsSituation && !t.Overseas) {
		return row
	}
	// The alerts go beside the deadline they concern: the situation to
	// record, and overseas the appeal that does not stop the removal.
	box := container.NewVBox(row)
	if t.NeedsSituation {
		box.Add(a.situationPrompt(d.CaseID, dv))
	}
	if t.Overseas {
		box.Add(a.overseasAlert(d.CaseID))
	}
	return box
}

// showWhy shows how the engine reached a date: the rule's name, both
// readings and their dates when the law admits two, the sources as a lawyer
// cites them, what to know, the steps and the day up to which the rules
// reflect the law. Esc and Enter close it.
func (a *App) showWhy(t i18n.DeadlineText) {
	box := container.NewVBox()
	heading := func(s string) {
		l := widget.NewLabel(s)
		l.TextStyle = fyne.TextStyle{Bold: true}
		box.Add(l)
	}
	para := func(s string, imp widget.Importance) {
		l := widget.NewLabel(s)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		box.Add(l)
	}
	what := widget.NewLabel(t.What)
	what.TextStyle = fyne.TextStyle{Bold: true}
	what.Wrapping = fyne.TextWrapWord
	box.Add(what)
	if len(t.Readings) == 2 {
		heading(i18n.T("why.readings"))
		for _, r := range t.Readings {
			if r.Shown {
				para("✔ "+i18n.T("why.reading_shown", map[string]string{"Name": r.Name, "Date": r.Date}), widget.HighImportance)
			}
		}
		for _, r := range t.Readings {
			if !r.Shown {
				para("• "+i18n.T("why.reading_other", map[string]string{"Name": r.Name, "Date": r.Date}), widget.MediumImportance)
			}
		}
	}
	if len(t.Sources) > 0 {
		heading(i18n.T("why.sources"))
		for _, s := range t.Sources {
			para("– "+s.String(), widget.MediumImportance)
		}
	}
	if len(t.OtherSources) > 0 {
		heading(i18n.T("why.other_sources"))
		for _, s := range t.OtherSources {
			para("– "+s.String(), widget.MediumImportance)
		}
	}
	if len(t.Caveats) > 0 {
		heading(i18n.T("why.caveats"))
		for _, c := range t.Caveats {
			para("⚠ "+c, widget.WarningImportance)
		}
	}
	if len(t.Explanation) > 0 {
		heading(i18n.T("why.steps"))
		for _, l := range t.Explanation {
			para("• "+l, widget.MediumImportance)
		}
	}
	if t.LawAsOf != "" {
		para(i18n.T("why.law_as_of", map[string]string{"Date": t.LawAsOf}), widget.LowImportance)
	}
	scroll := container.NewVScroll(box)
	scroll.SetMinSize(fyne.NewSize(700, 470))
	var d *dialog.CustomDialog
	all := widget.NewButton(i18n.T("why.all_sources"), func() {
		a.touch()
		d.Hide()
		a.showSources()
	})
	closeBtn := widget.NewButton(i18n.T("why.close"), func() {
		a.touch()
		d.Hide()
	})
	closeBtn.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(i18n.T("why.title", map[string]string{"What": t.What}), scroll, a.win)
	d.SetButtons([]fyne.CanvasObject{all, closeBtn})
	a.closeOnKeys(d)
	d.Show()
}

// closeOnKeys makes Esc, Enter and Return close d while it is shown, then
// gives the window its key handler back.
func (a *App) closeOnKeys(d dialog.Dialog) {
	c := a.win.Canvas()
	prev := c.OnTypedKey()
	c.Unfocus()
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch ev.Name {
		case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter:
			d.Hide()
			return
		}
		if prev != nil {
			prev(ev)
		}
	})
	d.SetOnClosed(func() { c.SetOnTypedKey(prev) })
}

// fixedWidth gives its object a fixed width.
type fixedWidth struct{ width float32 }

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.width, h)
}

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
	}
}
