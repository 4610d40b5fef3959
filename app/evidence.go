package app

import (
	"bytes"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/evidence"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// The case's Evidence tab (docs/evidence.md): the référé readiness panel,
// then the evidence log newest first, with add, correct, withdraw and the
// Télérecours export.

func (a *App) evidenceTab(caseID string) fyne.CanvasObject {
	v := a.Vault()
	if v == nil {
		return container.NewVBox()
	}
	f, err := v.Case(caseID)
	if err != nil {
		a.showError(err)
		return container.NewVBox()
	}
	loc := model.Paris()
	r, log, views, err := evidence.AssessCase(v, f, nowFunc(), loc)
	if err != nil {
		a.showError(err)
		return container.NewVBox()
	}
	readiness := widget.NewCard(i18n.T("evidence.readiness.title"), "", readinessPanel(r, views, loc))

	box := container.NewVBox()
	if len(log) == 0 {
		empty := widget.NewLabel(i18n.T("evidence.none"))
		empty.Importance = widget.LowImportance
		box.Add(empty)
	}
	for _, e := range log {
		box.Add(a.evidenceRow(caseID, e, loc))
	}
	add := widget.NewButtonWithIcon(i18n.T("evidence.add_entry"), theme.ContentAddIcon(), func() {
		a.touch()
		a.showEvidenceDialog(caseID, nil)
	})
	add.Importance = widget.HighImportance
	export := widget.NewButtonWithIcon(i18n.T("evidence.export"), theme.DocumentSaveIcon(), func() {
		a.touch()
		a.exportEvidence(caseID)
	})
	logCard := widget.NewCard(i18n.T("evidence.tab"), "", container.NewVBox(container.NewHBox(add, export), box))
	return container.NewVBox(readiness, logCard)
}

// readinessPanel shows the attempts, then each remedy with its checks
// (a mark, what the judge looks at, required or advised, how far it is
// met) and its sources; on a case where a référé means nothing, why.
func readinessPanel(r model.Readiness, views []store.DeadlineView, loc *time.Location) fyne.CanvasObject {
	panel := container.NewVBox()
	label := func(text string, imp widget.Importance, bold bool) *widget.Label {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		l.TextStyle = fyne.TextStyle{Bold: bold}
		return l
	}
	if !r.Applies {
		panel.Add(label(evidence.NotApplicable(), widget.MediumImportance, true))
		panel.Add(label(evidence.UrgentLine(r, views), widget.MediumImportance, false))
		return panel
	}
	for i, l := range evidence.ReadinessLines(r, views, loc) {
		imp, bold := widget.MediumImportance, false
		switch {
		case i == 0 && r.Ready:
			imp, bold = widget.SuccessImportance, true
		case i == 0:
			imp, bold = widget.WarningImportance, true
		case r.Stale && l == evidence.StaleLine():
			imp = widget.DangerImportance
		}
		panel.Add(label(l, imp, bold))
	}
	for _, rr := range r.Remedies {
		panel.Add(widget.NewSeparator())
		imp := widget.WarningImportance
		if rr.Ready {
			imp = widget.SuccessImportance
		}
		panel.Add(label(evidence.RemedyTitle(rr), imp, true))
		for _, c := range rr.Checks {
			icon := theme.CancelIcon()
			switch {
			case c.Done():
				icon = theme.ConfirmIcon()
			case c.State == model.CheckPending:
				icon = theme.HistoryIcon()
			case c.State == model.CheckToAssess:
				icon = theme.QuestionIcon()
			case !c.Required:
				icon = theme.InfoIcon()
			}
			panel.Add(container.NewBorder(nil, nil, widget.NewIcon(icon), nil, label(evidence.CheckLine(c), widget.MediumImportance, false)))
		}
		panel.Add(label(evidence.SourcesLine(rr.Remedy), widget.LowImportance, false))
	}
	return panel
}

func (a *App) evidenceRow(caseID string, e model.Evidence, loc *time.Location) fyne.CanvasObject {
	head := evidence.Describe(e, loc)
	if e.Withdrawn {
		head = "[" + i18n.T("evidence.withdrawn_mark") + "] " + head
	}
	h := widget.NewLabel(head)
	h.Wrapping = fyne.TextWrapWord
	h.TextStyle = fyne.TextStyle{Bold: !e.Withdrawn, Italic: e.Withdrawn}
	what := widget.NewLabel(e.What)
	what.Wrapping = fyne.TextWrapWord
	rows := container.NewVBox(h, what)
	if e.Withdrawn {
		what.Importance = widget.LowImportance
		why := widget.NewLabel(i18n.T("evidence.withdrawn_because", map[string]string{"Reason": e.WithdrawnReason}))
		why.Importance = widget.LowImportance
		rows.Add(why)
	}
	for _, p := range e.Proofs {
		l := widget.NewLabel(p.Name + " · " + i18n.Size(p.Size) + " · SHA-256 " + p.SHA256[:16] + "…")
		l.Importance = widget.LowImportance
		l.Truncation = fyne.TextTruncateEllipsis
		rows.Add(l)
	}
	if !e.Withdrawn {
		entry := e
		correct := widget.NewButtonWithIcon(i18n.T("evidence.correct"), theme.DocumentCreateIcon(), func() {
			a.touch()
			a.showEvidenceDialog(caseID, &entry)
		})
		withdraw := widget.NewButtonWithIcon(i18n.T("evidence.withdraw"), theme.DeleteIcon(), func() {
			a.touch()
			a.withdrawEvidence(caseID, entry.ID)
		})
		rows.Add(container.NewHBox(correct, withdraw))
	}
	rows.Add(widget.NewSeparator())
	return rows
}

// pickedFile is a proof chosen in the dialog, held in memory until saved
// (never written to disk in clear).
type pickedFile struct {
	name string
	data []byte
}

// showEvidenceDialog records an entry (old nil) or corrects one, then
// reopens the case on its Evidence tab.
func (a *App) showEvidenceDialog(caseID string, old *model.Evidence) {
	a.evidenceDialog(caseID, old, nil, func() { a.showEvidenceTab(caseID) })
}

// evidenceDialog is the form of an entry: preset fills a new one (the
// malfunctions card opens it on a malfunction of the day); done runs once
// saved. A refused entry keeps what was typed and the files picked.
func (a *App) evidenceDialog(caseID string, old, preset *model.Evidence, done func()) {
	a.evidenceDialogDraft(caseID, old, preset, done, nil)
}

// evidenceDialogDraft is evidenceDialog with the fields a draft kept typed
// back (dialogdraft.go); dd is nil for a dialog opened afresh.
func (a *App) evidenceDialogDraft(caseID string, old, preset *model.Evidence, done func(), dd *dialogDraft) {
	loc := model.Paris()
	channels := make([]option, len(model.EvidenceChannels))
	for i, c := range model.EvidenceChannels {
		channels[i] = option{string(c), i18n.T("evidence.channel." + string(c))}
	}
	cats := []option{{"", i18n.T("evidence.no_category")}}
	for _, c := range model.MalfunctionCategories {
		cats = append(cats, option{string(c), i18n.T("malfunction." + string(c))})
	}
	kinds := make([]option, len(model.EvidenceKinds))
	for i, k := range model.EvidenceKinds {
		kinds[i] = option{string(k), i18n.T("evidence.kind." + string(k))}
	}
	urgencies := []option{{"", i18n.T("evidence.no_urgency")}}
	for _, u := range model.UrgencySources {
		urgencies = append(urgencies, option{string(u), i18n.T("evidence.urgency." + string(u))})
	}
	sel := func(opts []option, value string) *widget.Select {
		labels := make([]string, len(opts))
		idx := 0
		for i, o := range opts {
			labels[i] = o.label
			if o.value == value {
				idx = i
			}
		}
		s := newSelect(labels, func(string) { a.touch() })
		s.SetSelectedIndex(idx)
		return s
	}
	cur := model.Evidence{At: nowFunc(), Channel: model.EvidenceAppointment, Category: model.MalfNoAppointment}
	var base store.Versions // a correction saves against what it loaded (edits.go)
	switch {
	case old != nil:
		old, base = a.evidenceForEdit(old)
		cur = *old
		if dd != nil && dd.Base != nil {
			// As the user saw it when the vault locked (see events.go).
			loaded := dd.loadedEvidence(*old)
			old, base = &loaded, dd.Base
		}
	case preset != nil:
		cur = *preset
		if cur.At.IsZero() {
			cur.At = nowFunc()
		}
	}
	when := cur.At.In(loc)
	kind, channel, category, urgency := sel(kinds, string(cur.KindOrAttempt())), sel(channels, string(cur.Channel)),
		sel(cats, string(cur.Category)), sel(urgencies, string(cur.Urgency))
	date, clock, respondBy, what := a.newEntry(false), a.newEntry(false), a.newEntry(false), a.newEntry(true)
	date.SetPlaceHolder(i18n.DateHint())
	date.SetText(i18n.Date(model.DateOf(when)))
	clock.SetPlaceHolder("HH:MM")
	clock.SetText(when.Format("15:04"))
	dateOnly := widget.NewCheck(i18n.T("evidence.date_only"), func(on bool) {
		a.touch()
		if on {
			clock.Disable()
		} else {
			clock.Enable()
		}
	})
	dateOnly.SetChecked(cur.DateOnly)
	respondBy.SetPlaceHolder(i18n.DateHint())
	if !cur.RespondBy.IsZero() {
		respondBy.SetText(i18n.Date(cur.RespondBy))
	}
	what.SetText(cur.What)
	var picked []pickedFile
	filesLabel := widget.NewLabel("")
	filesLabel.Wrapping = fyne.TextWrapWord
	showFiles := func() {
		var names []string
		if old != nil {
			for _, p := range old.Proofs {
				names = append(names, p.Name)
			}
		}
		for _, p := range picked {
			names = append(names, p.name)
		}
		filesLabel.SetText(strings.Join(names, "\n"))
	}
	showFiles()
	addFile := widget.NewButtonWithIcon(i18n.T("evidence.add_file"), theme.FileIcon(), func() {
		a.touch()
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				a.showError(err)
				return
			}
			if r == nil {
				return
			}
			defer r.Close()
			b, err := io.ReadAll(io.LimitReader(r, model.MaxDocumentBytes+1))
			if err != nil {
				a.showError(err)
				return
			}
			if len(b) > model.MaxDocumentBytes {
				a.showError(store.ErrDocumentTooLarge)
				return
			}
			picked = append(picked, pickedFile{r.URI().Name(), b})
			showFiles()
		}, a.win)
		d.Resize(fyne.NewSize(800, 560))
		d.Show()
	})
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	urgencyItem := widget.NewFormItem(i18n.T("field.evidence.urgency"), urgency)
	respondItem := widget.NewFormItem(i18n.T("field.evidence.respond_by"), respondBy)
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("field.evidence.kind"), kind),
		widget.NewFormItem(i18n.T("evidence.date"), date),
		widget.NewFormItem(i18n.T("evidence.time"), container.NewVBox(clock, dateOnly)),
		widget.NewFormItem(i18n.T("field.evidence.channel"), channel),
		widget.NewFormItem(i18n.T("field.evidence.category"), category),
		urgencyItem, respondItem,
		widget.NewFormItem(i18n.T("field.evidence.what"), what),
		widget.NewFormItem(i18n.T("evidence.files"), container.NewVBox(filesLabel, container.NewHBox(addFile))),
	)
	// The urgency's source and the request's deadline belong to those
	// kinds only.
	showKind := func() {
		k := model.EvidenceKind(selectValue(kind, kinds))
		if k == model.EvidenceUrgency {
			urgency.Enable()
		} else {
			urgency.Disable()
		}
		if k == model.EvidenceRequest {
			respondBy.Enable()
		} else {
			respondBy.Disable()
		}
	}
	kind.OnChanged = func(string) { a.touch(); showKind() }
	showKind()
	id := ""
	var loaded any
	if old != nil {
		id, loaded = old.ID, *old
	}
	live := newLiveDialog(dialogEvidence, caseID, id, loaded, base)
	live.choice("field.evidence.kind", kind, kinds)
	live.entry("evidence.date", date)
	live.check("evidence.date_only", dateOnly)
	live.entry("evidence.time", clock)
	live.choice("field.evidence.channel", channel, channels)
	live.choice("field.evidence.category", category, cats)
	live.choice("field.evidence.urgency", urgency, urgencies)
	live.entry("field.evidence.respond_by", respondBy)
	live.entry("field.evidence.what", what)
	live.files = func() []string {
		names := make([]string, len(picked))
		for i, p := range picked {
			names[i] = p.name
		}
		return names
	}
	live.begin(dd)
	title := i18n.T("evidence.add_entry")
	if old != nil {
		title = i18n.T("evidence.correct")
	}
	var d dialog.Dialog
	save := widget.NewButton(title, func() {
		a.touch()
		v := a.Vault()
		if v == nil {
			return
		}
		day, err := i18n.ParseDate(date.Text)
		if err != nil || day.IsZero() {
			problem.SetText(i18n.Problem("evidence.at", model.ProblemInvalidDate))
			return
		}
		at := day.Time(loc)
		if !dateOnly.Checked {
			hm, err := time.Parse("15:04", strings.TrimSpace(clock.Text))
			if err != nil {
				problem.SetText(i18n.Problem("evidence.at", model.ProblemInvalidTime))
				return
			}
			at = time.Date(day.Year, day.Month, day.Day, hm.Hour(), hm.Minute(), 0, 0, loc)
		}
		e := model.Evidence{CaseID: caseID, At: at, DateOnly: dateOnly.Checked,
			Kind:     model.EvidenceKind(selectValue(kind, kinds)),
			Channel:  model.EvidenceChannel(selectValue(channel, channels)),
			Category: model.MalfunctionCategory(selectValue(category, cats)), What: strings.TrimSpace(what.Text)}
		if e.Kind == model.EvidenceUrgency {
			e.Urgency = model.UrgencySource(selectValue(urgency, urgencies))
		}
		if e.Kind == model.EvidenceRequest && strings.TrimSpace(respondBy.Text) != "" {
			rb, err := i18n.ParseDate(respondBy.Text)
			if err != nil {
				problem.SetText(i18n.Problem("evidence.respond_by", model.ProblemInvalidDate))
				return
			}
			e.RespondBy = rb
		}
		files := make([]store.ProofFile, len(picked))
		for i, p := range picked {
			files[i] = store.ProofFile{Name: p.name, R: bytes.NewReader(p.data)}
		}
		if old != nil {
			edited := *old
			edited.At, edited.Channel, edited.Category, edited.What = e.At, e.Channel, e.Category, e.What
			edited.Kind, edited.Urgency, edited.RespondBy, edited.DateOnly = e.Kind, e.Urgency, e.RespondBy, e.DateOnly
			err = a.saveEvidenceCorrection(v, *old, edited, base, files)
		} else {
			err = v.AddEvidence(&e, files)
		}
		if err != nil {
			problem.SetText(i18n.Error(err))
			return
		}
		d.Hide()
		if done != nil {
			done()
		}
	})
	save.Importance = widget.HighImportance
	content := container.NewVBox(form, problem, container.NewHBox(layoutSpacer(), save))
	d = dialog.NewCustom(title, i18n.T("app.form.cancel"), container.NewVScroll(content), a.win)
	d.Resize(fyne.NewSize(720, 660))
	a.showLive(live, d)
}

func (a *App) withdrawEvidence(caseID, id string) {
	reason := a.newEntry(true)
	problem := widget.NewLabel("")
	problem.Importance = widget.DangerImportance
	problem.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel(i18n.T("evidence.withdraw_reason"))
	hint.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	ok := widget.NewButton(i18n.T("evidence.withdraw"), func() {
		a.touch()
		v := a.Vault()
		if v == nil {
			return
		}
		if err := v.WithdrawEvidence(id, strings.TrimSpace(reason.Text)); err != nil {
			problem.SetText(i18n.Error(err))
			return
		}
		d.Hide()
		a.showEvidenceTab(caseID)
	})
	ok.Importance = widget.DangerImportance
	d = dialog.NewCustom(i18n.T("evidence.withdraw"), i18n.T("app.form.cancel"),
		container.NewVBox(hint, reason, problem, container.NewHBox(layoutSpacer(), ok)), a.win)
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
}

// exportEvidence warns that the copy is not encrypted, then asks for a
// folder and writes the inventory and the pieces there.
func (a *App) exportEvidence(caseID string) {
	dialog.ShowConfirm(i18n.T("evidence.export_warning_title"), i18n.T("evidence.export_warning"), func(ok bool) {
		a.touch()
		if !ok {
			return
		}
		d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil {
				a.showError(err)
				return
			}
			v := a.Vault()
			if dir == nil || v == nil {
				return
			}
			f, err := v.Case(caseID)
			if err != nil {
				a.showError(err)
				return
			}
			var res *evidence.Result
			background(func() {
				res, err = evidence.Export(v, f, dir.Path(), nowFunc(), model.Paris())
			}, func() {
				if err != nil {
					a.showError(err)
					return
				}
				msg := i18n.TPlural("evidence.exported", len(res.Pieces), map[string]any{"Dir": dir.Path()})
				if len(res.Warnings) > 0 {
					msg += "\n\n" + strings.Join(res.Warnings, "\n")
				}
				dialog.ShowInformation(i18n.T("evidence.export"), msg, a.win)
			})
		}, a.win)
		d.Resize(fyne.NewSize(800, 560))
		d.Show()
	}, a.win)
}

// showEvidenceTab reopens the case on its Evidence tab.
func (a *App) showEvidenceTab(caseID string) {
	a.showCaseFormTab(caseID, 0)
	if t := a.caseTabs; t != nil {
		for i, it := range t.Items {
			if it.Text == i18n.T("evidence.tab") {
				t.SelectIndex(i)
			}
		}
	}
}
