package app

import (
	"strings"

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
	today := dateOf(nowFunc())
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
	return container.NewBorder(nil, nil, left, container.NewHBox(stateLabel, why), whatLabel)
}

// showWhy shows how the engine reached a date, step by step, with the
// basis, the rule's status and any caveat.
func (a *App) showWhy(t i18n.DeadlineText) {
	var b strings.Builder
	for _, l := range t.Explanation {
		b.WriteString("• " + l + "\n")
	}
	for _, c := range t.Caveats {
		b.WriteString("⚠ " + c + "\n")
	}
	text := widget.NewLabel(strings.TrimSpace(b.String()))
	text.Wrapping = fyne.TextWrapWord
	scroll := container.NewVScroll(text)
	scroll.SetMinSize(fyne.NewSize(640, 360))
	d := dialog.NewCustom(i18n.T("app.deadlines.why_title", map[string]string{"What": t.What}), i18n.T("app.ok"), scroll, a.win)
	d.Show()
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
