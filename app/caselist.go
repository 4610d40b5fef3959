package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// caseList is the main screen: a search box over a table of cases. The
// table reads the list read at unlock only (all, compact: the app keeps it
// for the session); nothing touches the vault per row.
type caseList struct {
	app    *App
	all    *store.CaseList
	shown  []int32 // the rows of all shown, in order
	table  *widget.List
	search *appEntry
	count  *widget.Label
	sync   *widget.Button // team sync status (syncindicator.go)
	empty  *widget.Label

	// Filters (empty: all) and order; next is each case's earliest open
	// deadline, read once when that order is first chosen.
	status, procedure, lawyer, prefecture *widget.Select
	byDeadline                            bool
	header                                *fyne.Container
	next                                  map[string]model.Date
}

var listColumns = []struct {
	key   string
	width float32
	value func(*caseList, store.CaseSummary) string
}{
	{"app.list.col.ref", 130, func(_ *caseList, c store.CaseSummary) string { return c.Ref }},
	{"app.list.col.name", 300, func(_ *caseList, c store.CaseSummary) string { return c.Name }},
	{"app.list.col.procedure", 250, func(_ *caseList, c store.CaseSummary) string { return i18n.Procedure(c.Procedure) }},
	{"app.list.col.status", 90, func(_ *caseList, c store.CaseSummary) string { return i18n.Status(c.Status) }},
	{"app.list.col.next", 130, func(l *caseList, c store.CaseSummary) string { return i18n.Date(l.next[c.ID]) }},
	{"app.list.col.lawyer", 180, func(_ *caseList, c store.CaseSummary) string { return c.Lawyer }},
}

func (a *App) showCaseList() {
	v := a.Vault()
	if v == nil {
		return
	}
	all, err := v.CaseList()
	if err != nil {
		a.showError(err)
	}
	l := &caseList{app: a, all: all, count: widget.NewLabel(""), empty: widget.NewLabel("")}
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
			return container.New(columnsLayout{l}, cells...)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(l.shown) {
				row := o.(*fyne.Container)
				c := l.all.Row(int(l.shown[id]))
				for i, cell := range row.Objects {
					cell.(*widget.Label).SetText(listColumns[i].value(l, c))
				}
				row.Layout.Layout(row.Objects, row.Size()) // the order may show or hide a column
			}
		})
	l.table.OnSelected = func(id widget.ListItemID) {
		a.touch()
		if id >= 0 && id < len(l.shown) {
			ref := l.all.Ref(int(l.shown[id]))
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
	headerRow := container.New(columnsLayout{l}, header...)
	l.header = headerRow
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
	reviewBtn := widget.NewButtonWithIcon(i18n.T("app.list.review"), theme.CalendarIcon(), func() {
		a.touch()
		a.showReview()
	})
	var moreBtn *widget.Button
	moreBtn = widget.NewButtonWithIcon(i18n.T("app.list.more"), theme.MoreVerticalIcon(), func() {
		a.touch()
		menu := fyne.NewMenu("",
			fyne.NewMenuItem(i18n.T("app.menu.my_key"), a.showMyKey),
			fyne.NewMenuItem(i18n.T("app.menu.export_shown"), func() {
				ids := make([]string, len(l.shown))
				for i, r := range l.shown {
					ids[i] = l.all.ID(int(r))
				}
				a.showExport(ids)
			}),
			fyne.NewMenuItem(i18n.T("app.menu.import"), a.showImport),
			fyne.NewMenuItem(i18n.T("app.menu.backup"), a.showBackup),
			fyne.NewMenuItem(i18n.T("app.sync.title"), a.showTeam),
			fyne.NewMenuItem(i18n.T("stats.app.menu"), a.showFigures),
			fyne.NewMenuItem(i18n.T("retention.menu"), a.showRetention), // retention.go
		)
		pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(moreBtn)
		widget.ShowPopUpMenuAtPosition(menu, a.win.Canvas(), pos.Add(fyne.NewPos(0, moreBtn.Size().Height)))
	})
	l.status = l.filterSelect(i18n.T("app.list.filter.status"), statusOptions())
	l.procedure = l.filterSelect(i18n.T("app.list.filter.procedure"), procedureOptions())
	l.lawyer = l.filterSelect(i18n.T("app.list.filter.lawyer"), distinct(all.Len(), all.Lawyer))
	l.prefecture = l.filterSelect(i18n.T("app.list.filter.prefecture"), distinct(all.Len(), all.Prefecture))
	order := widget.NewSelect([]string{i18n.T("app.list.sort.opened"), i18n.T("app.list.sort.deadline")}, nil)
	order.SetSelectedIndex(0)
	order.OnChanged = func(string) {
		a.touch()
		l.byDeadline = order.SelectedIndex() == 1
		if l.byDeadline && l.next == nil {
			next, err := v.NextDue()
			if err != nil {
				a.showError(err)
			}
			l.next = next
		}
		l.filter(l.search.Text)
	}
	filters := container.NewGridWithColumns(5, l.status, l.procedure, l.lawyer, l.prefecture, order)
	top := container.NewBorder(nil, filters, nil, container.NewHBox(newBtn, reviewBtn, moreBtn, settingsBtn, lockBtn), l.search)
	l.sync = a.syncIndicator()
	bottom := container.NewBorder(nil, nil, container.NewHBox(l.count, l.empty), l.sync)
	a.list = l
	l.filter("")
	a.win.SetContent(container.NewBorder(container.NewVBox(container.NewPadded(top), headerRow, widget.NewSeparator()),
		container.NewPadded(bottom), nil, nil, l.table))
	a.installShortcuts()
	a.win.Canvas().Focus(l.search)
}

// filterSelect is a drop-down of one filter: "<name>: all" then the values.
func (l *caseList) filterSelect(name string, opts []option) *widget.Select {
	labels := []string{i18n.T("app.list.filter.all", map[string]string{"Name": name})}
	for _, o := range opts {
		labels = append(labels, o.label)
	}
	s := widget.NewSelect(labels, nil)
	s.SetSelectedIndex(0)
	s.OnChanged = func(string) {
		l.app.touch()
		if l.search != nil {
			l.filter(l.search.Text)
		}
	}
	return s
}

// distinct lists the values of one column of n rows, sorted, as filter
// options.
func distinct(n int, of func(row int) string) []option {
	seen := map[string]bool{}
	var o []option
	for i := range n {
		if v := strings.TrimSpace(of(i)); v != "" && !seen[v] {
			seen[v] = true
			o = append(o, option{v, v})
		}
	}
	slices.SortFunc(o, func(a, b option) int { return strings.Compare(a.value, b.value) })
	return o
}

// chosen is the value a filter keeps, or "" for all.
func chosen(s *widget.Select) string {
	if s == nil || s.SelectedIndex() <= 0 {
		return ""
	}
	return s.Selected
}

func (l *caseList) filter(q string) {
	shown := l.app.filterCases(l.all, q) // ours to filter and sort in place
	status, procedure := chosen(l.status), chosen(l.procedure)
	lawyer, prefecture := chosen(l.lawyer), chosen(l.prefecture)
	if status != "" || procedure != "" || lawyer != "" || prefecture != "" {
		all := l.all
		shown = slices.DeleteFunc(shown, func(r int32) bool {
			i := int(r)
			return status != "" && i18n.Status(all.Status(i)) != status ||
				procedure != "" && i18n.Procedure(all.Procedure(i)) != procedure ||
				lawyer != "" && all.Lawyer(i) != lawyer || prefecture != "" && all.Prefecture(i) != prefecture
		})
	}
	if l.byDeadline {
		slices.SortStableFunc(shown, func(x, y int32) int {
			dx, okx := l.next[l.all.ID(int(x))]
			dy, oky := l.next[l.all.ID(int(y))]
			switch {
			case okx && oky:
				return dx.Compare(dy)
			case okx:
				return -1
			case oky:
				return 1
			}
			return 0
		})
	}
	l.shown = shown
	if l.header != nil {
		l.header.Refresh()
	}
	l.count.SetText(i18n.T("app.list.count", map[string]int{"N": len(l.shown)}))
	switch {
	case l.all.Len() == 0:
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
// column takes what is left. The next-deadline column shows only while the
// list is in that order (the dates are read for it).
type columnsLayout struct{ l *caseList }

func (c columnsLayout) width(i int) float32 {
	if listColumns[i].key == "app.list.col.next" && !c.l.byDeadline {
		return 0
	}
	return listColumns[i].width
}

func (c columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w, h := float32(0), float32(0)
	for i, o := range objs {
		w += c.width(i)
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(w, h)
}

func (c columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, o := range objs {
		w := c.width(i)
		if i == len(objs)-1 {
			w = max(w, size.Width-x)
		}
		if w == 0 {
			o.Hide()
			continue
		}
		o.Show()
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}
