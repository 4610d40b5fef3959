package app

import (
	"slices"
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
		correct := widget.NewButtonWithIcon(i18n.T("app.events.correct"), theme.DocumentCreateIcon(), func() {
			a.touch()
			a.showEventForm(caseID, &e)
		})
		correct.Importance = widget.LowImportance
		box.Add(container.NewBorder(nil, nil, nil, correct, head))
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
	add := widget.NewButtonWithIcon(i18n.T("app.events.add"), theme.ContentAddIcon(), func() {
		a.touch()
		a.showEventForm(caseID, nil)
	})
	return widget.NewCard(i18n.T("app.tab.events"), i18n.T("app.events.hint"), container.NewVBox(container.NewHBox(add), box))
}

// showEventForm asks for a procedural event (what happened, when, and the
// facts its deadlines depend on) and records it: the vault computes its
// deadlines in the same change. With old, it corrects that event instead:
// the deadlines computed from it move (the history keeps the old values).
// A refused event keeps what was typed.
func (a *App) showEventForm(caseID string, old *model.Event) { a.showEventFormDraft(caseID, old, nil) }

// showEventFormDraft is showEventForm with the fields a draft kept typed
// back (dialogdraft.go); dd is nil for a dialog opened afresh.
func (a *App) showEventFormDraft(caseID string, old *model.Event, dd *dialogDraft) {
	kinds := make([]option, len(model.EventKinds))
	for i, k := range model.EventKinds {
		kinds[i] = option{string(k), i18n.T("event.kind." + string(k))}
	}
	decisions := []option{{"", "—"}}
	for _, d := range append(slices.Clone(model.DecisionKinds), model.JudgmentKinds...) {
		decisions = append(decisions, option{string(d), i18n.T("event.decision." + string(d))})
	}
	situations := []option{{"", "—"}}
	for _, st := range model.Situations {
		situations = append(situations, option{string(st), i18n.T("event.situation." + string(st))})
	}
	// Said unknown, not forgotten: the earliest delay (48 hours) is planned.
	situations = append(situations, option{situationUnknown, i18n.T("situation.unknown")})
	sel := func(opts []option) *widget.Select {
		labels := make([]string, len(opts))
		for i, o := range opts {
			labels[i] = o.label
		}
		s := newSelect(labels, func(string) { a.touch() })
		s.SetSelectedIndex(0)
		return s
	}
	kind, decision, situation := sel(kinds), sel(decisions), sel(situations)
	// A removal order, transfer, house arrest or ban on return: the delay
	// depends on the situation, which the form asks for.
	situationHint := widget.NewLabel(i18n.T("situation.required"))
	situationHint.Wrapping = fyne.TextWrapWord
	situationHint.Importance = widget.WarningImportance
	situationHint.Hide()
	decision.OnChanged = func(string) {
		a.touch()
		if model.DecisionKind(selectValue(decision, decisions)).NeedsSituation() {
			situationHint.Show()
		} else {
			situationHint.Hide()
		}
	}
	date, clock, court, number, note := a.newEntry(false), a.newEntry(false), a.newEntry(false), a.newEntry(false), a.newEntry(true)
	date.SetPlaceHolder(i18n.DateHint())
	date.SetText(i18n.Date(model.ParisDate(nowFunc())))
	clock.SetPlaceHolder("HH:MM")
	title, saveText := i18n.T("app.events.add"), i18n.T("app.events.save")
	ev := model.Event{CaseID: caseID}
	var base store.Versions // a correction saves against what it loaded (edits.go)
	if old != nil {
		old, base = a.eventForEdit(old)
		ev = *old
		title, saveText = i18n.T("app.events.correct_title"), i18n.T("app.events.save_correction")
		selectOption(kind, kinds, string(old.Kind))
		selectOption(decision, decisions, string(old.Decision))
		selectOption(situation, situations, string(old.Situation))
		if old.Situation == "" && old.Decision.NeedsSituation() {
			selectOption(situation, situations, situationUnknown)
		}
		date.SetText(i18n.Date(old.Date))
		clock.SetText(old.Time)
		court.SetText(old.Court)
		number.SetText(old.Number)
		note.SetText(old.Note)
		if dd != nil && dd.Base != nil {
			// As the user saw it when the vault locked: a field changed
			// since is a collision when saved, not an overwrite.
			ev, base = dd.loadedEvent(ev), dd.Base
		}
	}
	live := newLiveDialog(dialogEvent, caseID, ev.ID, ev, base)
	live.choice("field.event.kind", kind, kinds)
	live.entry("field.event.date", date)
	live.entry("field.event.time", clock)
	live.choice("field.event.decision_kind", decision, decisions)
	live.choice("field.event.situation", situation, situations)
	live.entry("field.event.court", court)
	live.entry("field.event.number", number)
	live.entry("field.event.note", note)
	live.begin(dd)
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("field.event.kind"), kind),
		widget.NewFormItem(i18n.T("field.event.date"), date),
		widget.NewFormItem(i18n.T("field.event.time"), clock),
		widget.NewFormItem(i18n.T("field.event.decision_kind"), decision),
		widget.NewFormItem(i18n.T("field.event.situation"), container.NewVBox(situation, situationHint)),
		widget.NewFormItem(i18n.T("field.event.court"), court),
		widget.NewFormItem(i18n.T("field.event.number"), number),
		widget.NewFormItem(i18n.T("field.event.note"), note),
	)
	var d dialog.Dialog
	save := widget.NewButton(saveText, func() {
		a.touch()
		v := a.Vault()
		if v == nil {
			return
		}
		day, err := i18n.ParseDate(date.Text)
		if err != nil {
			problem.SetText(i18n.Problem("event.date", model.ProblemInvalidDate))
			return
		}
		e := ev // a correction keeps the fields this form does not show
		e.Kind, e.Date, e.Time = model.EventKind(selectValue(kind, kinds)), day, strings.TrimSpace(clock.Text)
		e.Decision = model.DecisionKind(selectValue(decision, decisions))
		sit := selectValue(situation, situations)
		if e.Kind == model.EventDecisionNotified && e.Decision.NeedsSituation() && sit == "" {
			problem.SetText(i18n.T("situation.required"))
			situationHint.Show()
			return
		}
		if sit == situationUnknown {
			sit = ""
		}
		e.Situation = model.Situation(sit)
		e.Court, e.Number, e.Note = strings.TrimSpace(court.Text), strings.TrimSpace(number.Text), strings.TrimSpace(note.Text)
		if old != nil {
			err = a.saveEventCorrection(v, ev, e, base)
		} else {
			err = v.AddEvent(&e)
		}
		if err != nil {
			problem.SetText(i18n.Error(err))
			return
		}
		d.Hide()
		a.showCaseFormTab(caseID, 2)
	})
	save.Importance = widget.HighImportance
	content := container.NewVBox(form, problem, container.NewHBox(layoutSpacer(), save))
	if old != nil {
		hint := widget.NewLabel(i18n.T("app.events.correct_hint"))
		hint.Wrapping = fyne.TextWrapWord
		hint.Importance = widget.LowImportance
		content.Objects = append([]fyne.CanvasObject{hint}, content.Objects...)
	}
	d = dialog.NewCustom(title, i18n.T("app.form.cancel"), content, a.win)
	d.Resize(fyne.NewSize(640, 560))
	a.showLive(live, d)
}

// situationUnknown is the event form's choice for a situation said
// unknown (stored empty: the earliest delay is planned and the case asks).
const situationUnknown = "unknown"

// showCaseFormTab opens the case caseID on one of its tabs.
func (a *App) showCaseFormTab(caseID string, tab int) {
	v := a.Vault()
	if v == nil {
		return
	}
	f, err := v.Case(caseID)
	if err != nil {
		a.showError(err)
		return
	}
	a.showCaseForm(f.Ref)
	if t := a.caseTabs; t != nil && tab < len(t.Items) {
		t.SelectIndex(tab)
	}
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
		rs.save("casefile-"+ref+".pdf", ".pdf", a.warnNoFont(review.CaseSummaryPDF(s)))
	}, a.win)
}

// selectOption selects the option whose value is value (the first when none
// is).
func selectOption(s *widget.Select, opts []option, value string) {
	for i, o := range opts {
		if o.value == value {
			s.SetSelectedIndex(i)
			return
		}
	}
}
