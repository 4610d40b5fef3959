package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/review"
	"casefile/store"
)

// reviewScreen is the weekly deadline review: overdue deadlines first (in
// red), each day of the week, next week, then open cases with no open
// deadline and deadlines with no owner (docs/review.md).
type reviewScreen struct {
	app     *App
	week    model.ISOWeek
	lawyer  *widget.Entry
	title   *widget.Label
	signed  *widget.Label
	body    *fyne.Container
	scroll  *container.Scroll
	signOff *widget.Button
	tools   *fyne.Container // the row of the sign-off button, laid out again when its text changes
	tips    *tipLayer       // whole text of a row cut short
	r       *store.Review
}

// showReview opens the review on the current ISO week.
func (a *App) showReview() { a.showReviewWeek(model.WeekOf(model.ParisDate(nowFunc()))) }

func (a *App) showReviewWeek(week model.ISOWeek) {
	if a.Vault() == nil {
		return
	}
	s := &reviewScreen{app: a, week: week, title: widget.NewLabel(""), signed: widget.NewLabel(""), body: container.NewVBox()}
	s.title.TextStyle = fyne.TextStyle{Bold: true}
	s.lawyer = widget.NewEntry()
	s.lawyer.SetPlaceHolder(i18n.T("app.review.lawyer"))
	s.lawyer.OnSubmitted = func(string) { a.touch(); s.reload() }
	btn := func(key string, icon fyne.Resource, fn func()) *widget.Button {
		return widget.NewButtonWithIcon(i18n.T(key), icon, func() { a.touch(); fn() })
	}
	back := btn("app.review.back", theme.NavigateBackIcon(), a.showCaseList)
	prev := btn("app.review.prev", theme.NavigateBackIcon(), func() { s.week = s.week.Prev(); s.reload() })
	next := btn("app.review.next", theme.NavigateNextIcon(), func() { s.week = s.week.Next(); s.reload() })
	today := btn("app.review.this_week", theme.HomeIcon(), func() { s.week = model.WeekOf(model.ParisDate(nowFunc())); s.reload() })
	filter := btn("app.review.filter", theme.SearchIcon(), s.reload)
	s.signOff = btn("app.review.signoff", theme.ConfirmIcon(), s.confirmSignOff)
	s.signOff.Importance = widget.HighImportance
	ics := btn("app.review.export_ics", theme.DocumentSaveIcon(), s.exportICS)
	pdf := btn("app.review.export_pdf", theme.DocumentPrintIcon(), s.exportPDF)
	s.title.Truncation = fyne.TextTruncateEllipsis
	nav := container.NewBorder(nil, nil, container.NewHBox(back, prev, today, next), nil, s.title)
	tools := container.NewBorder(nil, nil, nil, container.NewHBox(filter, s.signOff, ics, pdf), s.lawyer)
	s.tools = tools
	s.signed.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(container.NewPadded(nav), container.NewPadded(tools), s.signed, widget.NewSeparator())
	s.scroll = container.NewVScroll(s.body)
	s.tips = newTipLayer()
	a.win.SetContent(container.NewStack(container.NewBorder(top, nil, nil, nil, s.scroll), s.tips.box))
	s.reload()
}

// reload reads the week again and redraws the lists.
func (s *reviewScreen) reload() {
	v := s.app.Vault()
	if v == nil {
		return
	}
	r, err := v.Review(s.week, s.lawyer.Text)
	if err != nil {
		s.app.showError(err)
		return
	}
	s.r = r
	s.title.SetText(review.WeekTitle(s.week))
	signed := review.SignedLine(r.SignOff)
	s.signOff.SetText(i18n.T("urgency.review.signoff_week"))
	if r.Lawyer != "" {
		signed += "  ·  " + review.LawyerSignedLine(r.Lawyer, r.LawyerSignOff)
		s.signOff.SetText(i18n.T("urgency.review.signoff_lawyer", map[string]string{"Lawyer": r.Lawyer}))
	}
	s.signed.SetText(signed)
	if s.tools != nil {
		s.tools.Refresh() // the button's new text: its row gives it its width
	}
	s.body.RemoveAll()
	if r.Empty() {
		msg := i18n.T("urgency.review.empty")
		if r.Lawyer != "" {
			msg = i18n.T("urgency.review.empty_lawyer", map[string]string{"Lawyer": r.Lawyer})
		}
		l := widget.NewLabel(msg)
		l.TextStyle = fyne.TextStyle{Bold: true}
		l.Wrapping = fyne.TextWrapWord
		s.body.Add(l)
	}
	s.overdue(r)
	today := model.ParisDate(nowFunc())
	for i := range r.Days {
		title := review.Weekday(i) + " " + i18n.Date(s.week.Day(i))
		if s.week.Day(i) == today {
			title += " — " + i18n.T("urgency.review.today")
		}
		s.section(title, r.Days[i], r.More.Days[i], false)
	}
	s.section(i18n.T("review.next_week")+" — "+review.WeekTitle(s.week.Next()), r.NextWeek, r.More.NextWeek, false)
	s.heading(i18n.T("review.idle"), len(r.Idle), r.More.Idle)
	if len(r.Idle) == 0 {
		s.body.Add(none())
	}
	for _, c := range r.Idle {
		ref := c.CaseRef
		open := widget.NewButtonWithIcon(i18n.T("app.review.open"), theme.FolderOpenIcon(), func() { s.app.touch(); s.app.showCaseForm(ref) })
		s.body.Add(container.NewBorder(nil, nil, nil, open, widget.NewLabel(ltrSpaces(c.CaseRef+"  ·  "+c.Person+"  ·  "+c.Lawyer))))
	}
	s.section(i18n.T("review.unowned"), r.Unowned, r.More.Unowned, false)
	if len(r.Stale) > 0 {
		s.section(i18n.T("urgency.stale"), r.Stale, r.More.Stale, false)
	}
	s.body.Refresh()
	// Another week or another filter starts at the top: the offset of a
	// longer page would show an empty one.
	s.scroll.ScrollToTop()
}

// overdueOpenUpTo: an overdue list this short shows unfolded; a longer one
// folds under its count, so that it never pushes the week's deadlines out
// of sight.
const overdueOpenUpTo = 5

// overdue adds the overdue deadlines of open cases, the latest first, as a
// section of their own that folds when long.
func (s *reviewScreen) overdue(r *store.Review) {
	title := i18n.TPlural("urgency.review.overdue_title", len(r.Overdue))
	if r.More.Overdue {
		title = i18n.T("urgency.review.overdue_more", map[string]int{"N": len(r.Overdue)})
	}
	rows := container.NewVBox()
	if len(r.Overdue) == 0 {
		rows.Add(none())
	}
	for _, row := range r.Overdue {
		rows.Add(s.row(row, true))
	}
	item := widget.NewAccordionItem(title, rows)
	item.Open = len(r.Overdue) <= overdueOpenUpTo
	s.body.Add(widget.NewSeparator())
	s.body.Add(widget.NewAccordion(item))
}

func none() fyne.CanvasObject {
	l := widget.NewLabel(i18n.T("review.none"))
	l.Importance = widget.LowImportance
	return l
}

func (s *reviewScreen) heading(text string, n int, more bool) {
	count := i18n.T("app.review.count", map[string]int{"N": n})
	if more {
		count = i18n.T("app.review.more", map[string]int{"N": n})
	}
	l := widget.NewLabel(text + " (" + count + ")")
	l.TextStyle = fyne.TextStyle{Bold: true}
	s.body.Add(widget.NewSeparator())
	s.body.Add(l)
}

func (s *reviewScreen) section(title string, rows []store.ReviewRow, more, overdue bool) {
	s.heading(title, len(rows), more)
	if len(rows) == 0 {
		s.body.Add(none())
	}
	for _, row := range rows {
		s.body.Add(s.row(row, overdue))
	}
}

// row is one deadline: due, case, person, rule (after its marks: counted
// in hours, rétention, closed case), owner, and its actions. A deadline
// past, or with less than 72 hours left, has its due day in red; one of a
// closed or archived case is grey.
func (s *reviewScreen) row(row store.ReviewRow, overdue bool) fyne.CanvasObject {
	what := review.Marked(row, "⚠")
	due := widget.NewLabel(review.DueTime(row))
	due.TextStyle = fyne.TextStyle{Bold: true}
	var when fyne.CanvasObject = due
	if z := review.Zone(row); z != "" { // the case's time zone, under its time
		zone := widget.NewLabel(z)
		zone.Importance = widget.LowImportance
		when = container.New(&tightRows{}, due, zone)
	}
	if left := row.Expires().Sub(nowFunc()); left < urgentWithin {
		due.Importance = widget.DangerImportance
	}
	// Two lines, so that the rule and the owner are not cut off behind a
	// long name: "ref · person", then "rule · owner".
	whoTip, taskTip := newTipLabel(s.tips), newTipLabel(s.tips)
	who, task := whoTip.label, taskTip.label
	who.Text, who.TextStyle = ltrSpaces(row.CaseRef+"  ·  "+row.Person), fyne.TextStyle{Bold: true}
	task.Text = what + "  ·  " + review.Owner(row)
	switch {
	case row.CaseStatus != "" && row.CaseStatus != model.StatusOpen:
		due.Importance, who.Importance, task.Importance = widget.LowImportance, widget.LowImportance, widget.LowImportance
	case overdue:
		due.Importance, who.Importance, task.Importance = widget.DangerImportance, widget.DangerImportance, widget.DangerImportance
	case row.Hours || row.Retention:
		task.Importance = widget.DangerImportance
	}
	text := container.New(&tightRows{}, whoTip, taskTip)
	a := s.app
	done := widget.NewButtonWithIcon(i18n.T("app.review.done"), theme.ConfirmIcon(), func() {
		a.touch()
		s.setStatus(row.DeadlineID, model.DeadlineDone, "")
	})
	cancel := widget.NewButtonWithIcon(i18n.T("app.review.cancel"), theme.CancelIcon(), func() {
		a.touch()
		s.askCancel(row)
	})
	open := widget.NewButtonWithIcon(i18n.T("app.review.open"), theme.FolderOpenIcon(), func() {
		a.touch()
		a.showCaseForm(row.CaseRef)
	})
	left := container.New(&fixedWidth{width: 150}, when)
	actions := container.NewHBox(done, cancel, open)
	if a.reviewNeedsSituation(row) { // situation.go
		actions.Objects = append([]fyne.CanvasObject{a.reviewSituationButton(row)}, actions.Objects...)
	}
	return container.NewBorder(nil, nil, left, actions, text)
}

func (s *reviewScreen) setStatus(id string, status model.DeadlineStatus, reason string) {
	v := s.app.Vault()
	if v == nil {
		return
	}
	if _, err := v.SetDeadlineStatus(id, status, reason); err != nil {
		s.app.showError(err)
		return
	}
	s.reload()
}

// askCancel asks why a deadline is cancelled (a reason is required) and
// cancels it.
func (s *reviewScreen) askCancel(row store.ReviewRow) {
	reason := widget.NewEntry()
	reason.Validator = func(t string) error {
		if strings.TrimSpace(t) == "" {
			return errReasonRequired
		}
		return nil
	}
	items := []*widget.FormItem{widget.NewFormItem(i18n.T("app.review.reason"), reason)}
	d := dialog.NewForm(i18n.T("app.review.cancel_title", map[string]string{"What": review.What(row), "Ref": row.CaseRef}),
		i18n.T("app.review.cancel"), i18n.T("app.review.keep"), items, func(ok bool) {
			s.app.touch()
			if ok {
				s.setStatus(row.DeadlineID, model.DeadlineCancelled, reason.Text)
			}
		}, s.app.win)
	d.Resize(fyne.NewSize(520, 200))
	d.Show()
}

type translatedError string

func (e translatedError) Error() string { return i18n.T(string(e)) }

var errReasonRequired = translatedError("app.review.reason_required")

// confirmSignOff says what signing off covers (the whole week, or only
// the deadlines of the lawyer the review is filtered on) and records it.
func (s *reviewScreen) confirmSignOff() {
	if s.r == nil {
		return
	}
	week, lawyer := s.week, s.r.Lawyer
	scope := i18n.T("urgency.review.signoff_scope_week", map[string]string{"Week": week.String()})
	if lawyer != "" {
		scope = i18n.T("urgency.review.signoff_scope_lawyer", map[string]string{"Week": week.String(), "Lawyer": lawyer})
	}
	text := widget.NewLabel(scope)
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(i18n.T("urgency.review.signoff_title"), i18n.T("urgency.review.signoff_confirm"),
		i18n.T("urgency.review.signoff_cancel"), text, func(ok bool) {
			s.app.touch()
			if ok {
				s.signOffAs(week, lawyer)
			}
		}, s.app.win)
	d.Resize(fyne.NewSize(min(520, s.app.win.Canvas().Size().Width-40), 220))
	d.Show()
}

// signOffAs records that the author reviewed the week, or one lawyer's
// deadlines of it.
func (s *reviewScreen) signOffAs(week model.ISOWeek, lawyer string) {
	v := s.app.Vault()
	if v == nil {
		return
	}
	if _, err := v.SignOffWeek(week, lawyer); err != nil {
		s.app.showError(err)
		return
	}
	s.reload()
}

// exportICS asks whether to name people (warning first), then where to
// save the calendar.
func (s *reviewScreen) exportICS() {
	names := widget.NewCheck(i18n.T("app.review.ics_names"), nil)
	warn := widget.NewLabel(i18n.T("review.cli.names_warning"))
	warn.Wrapping = fyne.TextWrapWord
	warn.Importance = widget.WarningImportance
	warn.Hide()
	names.OnChanged = func(on bool) {
		if on {
			warn.Show()
		} else {
			warn.Hide()
		}
	}
	content := container.NewVBox(widget.NewLabel(i18n.T("app.review.ics_intro")), names, warn)
	d := dialog.NewCustomConfirm(i18n.T("app.review.export_ics"), i18n.T("app.review.choose_file"), i18n.T("app.review.close"), content, func(ok bool) {
		s.app.touch()
		if !ok || s.r == nil {
			return
		}
		data := review.ICS(s.r, review.ICSOptions{WithNames: names.Checked, Stamp: nowFunc()})
		s.save("casefile-"+s.week.String()+".ics", ".ics", data)
	}, s.app.win)
	d.Resize(fyne.NewSize(560, 260))
	d.Show()
}

// exportPDF warns that the agenda is not encrypted, then asks where to
// save it.
func (s *reviewScreen) exportPDF() {
	dialog.ShowConfirm(i18n.T("app.review.export_pdf"), i18n.T("app.review.unencrypted"), func(ok bool) {
		s.app.touch()
		if !ok || s.r == nil {
			return
		}
		s.save("casefile-"+s.week.String()+".pdf", ".pdf", s.app.warnNoFont(review.AgendaPDF(s.r)))
	}, s.app.win)
}

// save writes data where the user chooses, straight from memory.
func (s *reviewScreen) save(name, ext string, data []byte) {
	s.app.saveFile(name, ext, data, func(where string) {
		dialog.ShowInformation(i18n.T("app.review.saved_title"), i18n.T("french.review_saved", map[string]string{"Where": where}), s.app.win)
	})
}

// tightRows stacks its objects with no padding between them: the two lines
// of a review row read as one item.
type tightRows struct{}

func (tightRows) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objs {
		m := o.MinSize()
		w, h = max(w, m.Width), h+m.Height-theme.Padding()
	}
	return fyne.NewSize(w, h+theme.Padding())
}

func (tightRows) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objs {
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - theme.Padding()
	}
}
