package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/store"
)

// caseList is the main screen: a search box over a table of cases. The
// table reads a view-model slice only; nothing touches the vault per row.
type caseList struct {
	app        *App
	all, shown []store.CaseSummary
	table      *widget.List
	search     *appEntry
	count      *widget.Label
	empty      *widget.Label
}

var listColumns = []struct {
	key   string
	width float32
	value func(store.CaseSummary) string
}{
	{"app.list.col.ref", 130, func(c store.CaseSummary) string { return c.Ref }},
	{"app.list.col.name", 300, func(c store.CaseSummary) string { return c.Name }},
	{"app.list.col.procedure", 250, func(c store.CaseSummary) string { return i18n.Procedure(c.Procedure) }},
	{"app.list.col.status", 90, func(c store.CaseSummary) string { return i18n.Status(c.Status) }},
	{"app.list.col.lawyer", 180, func(c store.CaseSummary) string { return c.Lawyer }},
}

func (a *App) showCaseList() {
	v := a.Vault()
	if v == nil {
		return
	}
	all, err := v.ListCases()
	if err != nil {
		a.showError(err)
	}
	l := &caseList{app: a, all: all, shown: all, count: widget.NewLabel(""), empty: widget.NewLabel("")}
	l.empty.Importance = widget.LowImportance
	l.table = widget.NewList(
		func() int { return len(l.shown) },
		func() fyne.CanvasObject {
			cells := make([]fyne.CanvasObject, len(listColumns))
			for i := range cells {
				lb := widget.NewLabel("")
				lb.Truncation = fyne.TextTruncateEllipsis
				cells[i] = lb
			}
			return container.New(columnsLayout{}, cells...)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(l.shown) {
				for i, cell := range o.(*fyne.Container).Objects {
					cell.(*widget.Label).SetText(listColumns[i].value(l.shown[id]))
				}
			}
		})
	l.table.OnSelected = func(id widget.ListItemID) {
		a.touch()
		if id >= 0 && id < len(l.shown) {
			ref := l.shown[id].Ref
			l.table.UnselectAll()
			a.showCaseForm(ref)
		}
	}
	header := make([]fyne.CanvasObject, len(listColumns))
	for i, c := range listColumns {
		lb := widget.NewLabel(i18n.T(c.key))
		lb.TextStyle = fyne.TextStyle{Bold: true}
		lb.Truncation = fyne.TextTruncateEllipsis
		header[i] = lb
	}
	headerRow := container.New(columnsLayout{}, header...)
	l.search = a.newEntry(false)
	l.search.SetPlaceHolder(i18n.T("app.list.search"))
	l.search.OnChanged = func(q string) {
		a.touch()
		l.filter(q)
	}
	newBtn := widget.NewButtonWithIcon(i18n.T("app.list.new"), theme.ContentAddIcon(), func() {
		a.touch()
		a.showCaseForm("")
	})
	newBtn.Importance = widget.HighImportance
	lockBtn := widget.NewButtonWithIcon(i18n.T("app.list.lock"), theme.VisibilityOffIcon(), func() {
		a.lockToUnlockScreen("")
	})
	settingsBtn := widget.NewButtonWithIcon(i18n.T("app.list.settings"), theme.SettingsIcon(), func() {
		a.touch()
		a.showSettings()
	})
	top := container.NewBorder(nil, nil, nil, container.NewHBox(newBtn, settingsBtn, lockBtn), l.search)
	bottom := container.NewHBox(l.count, l.empty)
	a.list = l
	l.filter("")
	a.win.SetContent(container.NewBorder(container.NewVBox(container.NewPadded(top), headerRow, widget.NewSeparator()),
		container.NewPadded(bottom), nil, nil, l.table))
	a.installShortcuts()
	a.win.Canvas().Focus(l.search)
}

func (l *caseList) filter(q string) {
	l.shown = l.app.filterCases(l.all, q)
	l.count.SetText(i18n.T("app.list.count", map[string]int{"N": len(l.shown)}))
	switch {
	case len(l.all) == 0:
		l.empty.SetText(i18n.T("app.list.empty"))
	case len(l.shown) == 0:
		l.empty.SetText(i18n.T("app.list.nomatch"))
	default:
		l.empty.SetText("")
	}
	l.table.Refresh()
	l.table.ScrollToTop()
}

// columnsLayout places a row's cells at the columns' widths; the last
// column takes what is left.
type columnsLayout struct{}

func (columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for i, o := range objs {
		w += listColumns[i].width
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

func (columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := listColumns[i].width
		if i == len(objs)-1 {
			w = max(w, size.Width-x)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}
