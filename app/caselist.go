package app

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// caseList is the main screen: a search box over a table of cases. The
// table reads the list read when the screen is shown (all, compact, with
// each case's deadlines as of then: store.CaseListAt); nothing touches the
// vault per row.
//
// By default the list is in deadline order, in sections: open cases with
// a deadline to come, the nearest first (a 48-hour appeal due this
// afternoon is the first row); open cases with overdue deadlines, the
// latest first; open cases with neither; closed and archived cases. A
// banner above counts the deadlines of the next 72 hours and shows those
// cases in one click (docs/review.md, "The case list").
type caseList struct {
	app *App
	all *store.CaseList
	// shown: the rows of all shown, in order; a negative value -1-s is the
	// heading of section s.
	shown  []int32
	heads  [sectionCount]int // index in shown of each heading, -1 when absent
	table  *widget.List
	search *appEntry
	count  *widget.Label
	sync   *widget.Button // team sync status (syncindicator.go)
	empty  *widget.Label

	// Filters (empty: all) and order.
	status, procedure, lawyer, prefecture *widget.Select
	order                                 *widget.Select
	byDeadline                            bool
	header                                *fyne.Container

	// The banner: deadlines of the next 72 hours (a button shows only
	// their cases), and the open cases with overdue deadlines (a button
	// scrolls to them).
	urgentOnly           bool
	bannerText           *widget.Label
	bannerShow, lateLink *widget.Button
	tips                 *tipLayer
	content              fyne.CanvasObject
}

// The sections of the deadline order.
const (
	sectionNext = iota
	sectionOverdue
	sectionNone
	sectionShut
	sectionCount
)

var sectionKeys = [sectionCount]string{"urgency.section.next", "urgency.section.overdue", "urgency.section.none", "urgency.section.shut"}

// listColumns: the columns share the width (shareLayout), each at least
// its minimum; the next-deadline column always shows.
var listColumns = []struct {
	key string
	col column
}{
	{"app.list.col.ref", column{105, 0.3}},
	{"app.list.col.name", column{160, 2}},
	{"app.list.col.procedure", column{130, 1}},
	{"app.list.col.status", column{70, 0.2}},
	{"app.list.col.next", column{265, 0.6}},
	{"app.list.col.lawyer", column{110, 1}},
}

const colNext = 4

func listLayout() shareLayout {
	cols := make([]column, len(listColumns))
	for i, c := range listColumns {
		cols[i] = c.col
	}
	return shareLayout{cols}
}

func (a *App) showCaseList() {
	v := a.Vault()
	if v == nil {
		return
	}
	all, err := v.CaseListAt(nowFunc())
	if err != nil {
		a.showError(err)
	}
	l := &caseList{app: a, all: all, count: widget.NewLabel(""), empty: widget.NewLabel(""), byDeadline: true, tips: newTipLayer()}
	l.empty.Importance = widget.LowImportance
	l.table = widget.NewList(
		func() int { return len(l.shown) },
		func() fyne.CanvasObject {
			cells := make([]fyne.CanvasObject, len(listColumns))
			for i := range cells {
				cells[i] = newTipLabel(l.tips)
			}
			heading := widget.NewLabel("")
			heading.TextStyle = fyne.TextStyle{Bold: true}
			heading.Truncation = fyne.TextTruncateEllipsis
			heading.Hide()
			return container.NewStack(container.New(listLayout(), cells...), heading)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < len(l.shown) {
				l.drawRow(id, o.(*fyne.Container))
			}
		})
	l.table.OnSelected = func(id widget.ListItemID) {
		a.touch()
		l.table.UnselectAll()
		if id >= 0 && id < len(l.shown) && l.shown[id] >= 0 {
			a.showCaseForm(l.all.Ref(int(l.shown[id])))
		}
	}
	header := make([]fyne.CanvasObject, len(listColumns))
	for i, c := range listColumns {
		lb := widget.NewLabel(i18n.T(c.key))
		lb.TextStyle = fyne.TextStyle{Bold: true}
		lb.Truncation = fyne.TextTruncateEllipsis
		header[i] = lb
	}
	l.header = container.New(listLayout(), header...)
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
			fyne.NewMenuItem(i18n.T("app.menu.export_shown"), func() { a.showExport(l.shownIDs()) }),
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
	l.order = newSelect([]string{i18n.T("app.list.sort.opened"), i18n.T("app.list.sort.deadline")}, nil)
	l.order.SetSelectedIndex(1)
	l.order.OnChanged = func(string) {
		a.touch()
		l.byDeadline = l.order.SelectedIndex() == 1
		l.filter(l.search.Text)
	}
	// Five drop-downs share the row's width, however long their options
	// (each shows its choice cut with an ellipsis).
	filters := container.New(shareLayout{[]column{{100, 1}, {100, 1}, {100, 1}, {100, 1}, {100, 1}}},
		l.status, l.procedure, l.lawyer, l.prefecture, l.order)
	actions := container.NewHBox(newBtn, reviewBtn, moreBtn, settingsBtn, lockBtn)
	top := container.NewBorder(nil, filters, nil, actions, l.search)

	l.bannerText = widget.NewLabel("")
	l.bannerText.TextStyle = fyne.TextStyle{Bold: true}
	l.bannerText.Truncation = fyne.TextTruncateEllipsis
	l.bannerShow = widget.NewButtonWithIcon("", theme.WarningIcon(), func() {
		a.touch()
		l.urgentOnly = !l.urgentOnly
		l.filter(l.search.Text)
	})
	l.lateLink = widget.NewButtonWithIcon("", theme.HistoryIcon(), func() {
		a.touch()
		if h := l.heads[sectionOverdue]; h >= 0 {
			// From below, ScrollTo brings the heading to the top.
			l.table.ScrollToBottom()
			l.table.ScrollTo(h)
		}
	})
	l.lateLink.Importance = widget.LowImportance
	banner := container.NewBorder(nil, nil, nil, container.NewHBox(l.lateLink, l.bannerShow), l.bannerText)

	l.sync = a.syncIndicator()
	bottom := container.NewBorder(nil, nil, container.NewHBox(l.count, l.empty), l.sync)
	a.list = l
	l.filter("")
	// The table scrolls sideways when the window is narrower than its
	// columns' minimum, instead of widening the window.
	table := container.NewHScroll(container.NewBorder(container.NewVBox(l.header, widget.NewSeparator()), nil, nil, nil, l.table))
	screen := container.NewBorder(container.NewVBox(container.NewPadded(top), container.NewPadded(banner)),
		container.NewPadded(bottom), nil, nil, table)
	l.content = container.NewStack(screen, l.tips.box)
	a.win.SetContent(l.content)
	a.installShortcuts()
	a.win.Canvas().Focus(l.search)
	a.tickWhileShown(l.content, 30*time.Second, func() {
		if a.list == l {
			l.tick()
		}
	})
}

// tick redraws what time changes: the countdowns and colours of the rows
// shown, and the banner's count.
func (l *caseList) tick() {
	l.updateBanner()
	l.table.Refresh()
}

// drawRow fills a row of the table: a section heading, or a case's cells.
func (l *caseList) drawRow(id int, row *fyne.Container) {
	cells, heading := row.Objects[0].(*fyne.Container), row.Objects[1].(*widget.Label)
	r := l.shown[id]
	if r < 0 {
		heading.SetText(i18n.T(sectionKeys[-1-r]))
		heading.Show()
		cells.Hide()
		return
	}
	heading.Hide()
	cells.Show()
	i := int(r)
	shut := l.all.Status(i) != model.StatusOpen
	for k, o := range cells.Objects {
		lb := o.(*tipLabel)
		text, imp := "", widget.MediumImportance
		switch listColumns[k].key {
		case "app.list.col.ref":
			text = l.all.Ref(i)
		case "app.list.col.name":
			c := l.all.Row(i)
			text = ltrSpaces(c.Name)
		case "app.list.col.procedure":
			text = i18n.Procedure(l.all.Procedure(i))
		case "app.list.col.status":
			text = i18n.Status(l.all.Status(i))
		case "app.list.col.next":
			text, imp = l.nextCell(i, l.sectionAt(id) == sectionOverdue)
		case "app.list.col.lawyer":
			text = l.all.Lawyer(i)
		}
		if shut {
			imp = widget.LowImportance
		}
		lb.set(text, imp)
	}
}

// nextCell is the next-deadline cell of row i: when its next deadline
// runs out (with the hour for a deadline that has one) and, under a week,
// how long is left, in its urgency's colour; in the overdue section (or
// when nothing is to come), how many are overdue and the latest. (A case
// with both is in both sections.)
func (l *caseList) nextCell(i int, overdueSection bool) (string, widget.Importance) {
	now := nowFunc()
	n, latest := l.all.Overdue(i)
	next, ok := l.all.Next(i)
	if overdueSection || !ok {
		if n == 0 {
			return "", widget.MediumImportance
		}
		return i18n.TPlural("urgency.cell.overdue", n, map[string]any{"When": dueText(latest)}), widget.DangerImportance
	}
	left := next.Left(now)
	text := dueText(next)
	switch {
	case left <= 0:
		text = i18n.T("urgency.cell.passed", map[string]string{"When": text})
	case left < soonWithin:
		text += " — " + leftText(left)
	}
	return text, urgency(left)
}

// sectionAt is the section of the row shown at index id (-1 outside the
// deadline order's sections).
func (l *caseList) sectionAt(id int) int {
	s := -1
	for k, h := range l.heads {
		if h >= 0 && h <= id && (s < 0 || h > l.heads[s]) {
			s = k
		}
	}
	return s
}

// shownIDs lists the ids of the cases shown, each once.
func (l *caseList) shownIDs() []string {
	seen := map[int32]bool{}
	var ids []string
	for _, r := range l.shown {
		if r >= 0 && !seen[r] {
			seen[r] = true
			ids = append(ids, l.all.ID(int(r)))
		}
	}
	return ids
}

// filterSelect is a drop-down of one filter: "<name>: all" then the values.
func (l *caseList) filterSelect(name string, opts []option) *widget.Select {
	labels := []string{i18n.T("app.list.filter.all", map[string]string{"Name": name})}
	for _, o := range opts {
		labels = append(labels, o.label)
	}
	s := newSelect(labels, nil)
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

// keeper is the drop-down filters as a test on a row (nil: all rows).
func (l *caseList) keeper() func(int) bool {
	status, procedure := chosen(l.status), chosen(l.procedure)
	lawyer, prefecture := chosen(l.lawyer), chosen(l.prefecture)
	if status == "" && procedure == "" && lawyer == "" && prefecture == "" {
		return nil
	}
	all := l.all
	return func(i int) bool {
		return (status == "" || i18n.Status(all.Status(i)) == status) &&
			(procedure == "" || i18n.Procedure(all.Procedure(i)) == procedure) &&
			(lawyer == "" || all.Lawyer(i) == lawyer) && (prefecture == "" || all.Prefecture(i) == prefecture)
	}
}

func (l *caseList) filter(q string) {
	shown := l.app.filterCases(l.all, q) // ours to filter and sort in place
	keep := l.keeper()
	if keep != nil {
		shown = slices.DeleteFunc(shown, func(r int32) bool { return !keep(int(r)) })
	}
	if l.urgentOnly {
		now := nowFunc()
		in := make(map[int32]bool, len(shown))
		for _, r := range shown {
			in[r] = true
		}
		_, soon := l.all.Soon(now, now.Add(urgentWithin), keep)
		shown = slices.DeleteFunc(soon, func(r int32) bool { return !in[r] })
	}
	cases := len(shown)
	l.heads = [sectionCount]int{-1, -1, -1, -1}
	if l.byDeadline && !l.urgentOnly && strings.TrimSpace(q) == "" {
		shown = l.sections(shown)
	}
	l.shown = shown
	l.count.SetText(i18n.T("app.list.count", map[string]int{"N": cases}))
	switch {
	case l.all.Len() == 0:
		l.empty.SetText(i18n.T("app.list.empty"))
	case cases == 0:
		l.empty.SetText(i18n.T("app.list.nomatch"))
	default:
		l.empty.SetText("")
	}
	l.updateBanner()
	l.table.Refresh()
	l.table.ScrollToTop()
}

// sections orders rows in the deadline order's sections, each after its
// heading (none for an empty section): open cases with a deadline to come
// by when it runs out; open cases with overdue deadlines, the latest
// first (a case with both is in both); other open cases; closed and
// archived cases, in the list's order.
func (l *caseList) sections(rows []int32) []int32 {
	var parts [sectionCount][]int32
	for _, r := range rows {
		i := int(r)
		if l.all.Status(i) != model.StatusOpen {
			parts[sectionShut] = append(parts[sectionShut], r)
			continue
		}
		next, late := l.all.NextKey(i), l.all.LateKey(i)
		if next != 0 {
			parts[sectionNext] = append(parts[sectionNext], r)
		}
		if late != 0 {
			parts[sectionOverdue] = append(parts[sectionOverdue], r)
		}
		if next == 0 && late == 0 {
			parts[sectionNone] = append(parts[sectionNone], r)
		}
	}
	slices.SortStableFunc(parts[sectionNext], func(x, y int32) int {
		return cmp.Compare(l.all.NextKey(int(x)), l.all.NextKey(int(y)))
	})
	slices.SortStableFunc(parts[sectionOverdue], func(x, y int32) int {
		return cmp.Compare(l.all.LateKey(int(y)), l.all.LateKey(int(x)))
	})
	out := make([]int32, 0, len(rows)+len(parts[sectionOverdue])+sectionCount)
	for s, p := range parts {
		if len(p) == 0 {
			continue
		}
		l.heads[s] = len(out)
		out = append(out, int32(-1-s))
		out = append(out, p...)
	}
	return out
}

// updateBanner counts the deadlines of the next 72 hours on the rows the
// drop-downs keep, and the open cases with overdue deadlines.
func (l *caseList) updateBanner() {
	if l.bannerText == nil {
		return
	}
	now := nowFunc()
	n, rows := l.all.Soon(now, now.Add(urgentWithin), l.keeper())
	switch {
	case l.urgentOnly:
		l.bannerText.SetText(i18n.TPlural("urgency.banner.showing", len(rows)))
		l.bannerText.Importance = widget.DangerImportance
		l.bannerShow.SetText(i18n.T("urgency.banner.all"))
		l.bannerShow.Importance = widget.MediumImportance
		l.bannerShow.Show()
	case n > 0:
		l.bannerText.SetText(i18n.TPlural("urgency.banner", n))
		l.bannerText.Importance = widget.DangerImportance
		l.bannerShow.SetText(i18n.T("urgency.banner.show"))
		l.bannerShow.Importance = widget.DangerImportance
		l.bannerShow.Show()
	default:
		l.bannerText.SetText(i18n.T("urgency.banner.none"))
		l.bannerText.Importance = widget.LowImportance
		l.bannerShow.Hide()
	}
	l.bannerText.Refresh()
	l.bannerShow.Refresh()
	if h := l.heads[sectionOverdue]; h >= 0 {
		late := 0
		for _, r := range l.shown[h+1:] {
			if r < 0 {
				break
			}
			late++
		}
		l.lateLink.SetText(i18n.TPlural("urgency.overdue_link", late))
		l.lateLink.Show()
	} else {
		l.lateLink.Hide()
	}
}
