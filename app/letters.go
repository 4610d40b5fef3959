package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/letters"
	"casefile/model"
	"casefile/store"
)

// letterState keeps the Letters tab's drafts, one per case, while the
// vault that filled them stays open: the tab is rebuilt with its case
// screen (after an evidence entry, a save), and the lawyer's template,
// date and edits must survive that. It holds letters' text in memory
// only; a draft of another vault (after a lock) is dropped.
type letterState struct {
	vault  *store.Vault
	drafts map[string]*letterDraft
	// changed is the shown Letters tab's reaction to a change of its
	// case made elsewhere on the screen (caseChanged).
	changed func(caseID string)
}

type letterDraft struct {
	templateID string
	respondBy  model.Date
	format     letters.Format
	// text is what the entry shows; filled the text as last filled from
	// the case; pending a newer filling the lawyer has not taken yet
	// (their edits would be lost).
	text, filled, pending string
}

func (a *App) letterDraft(caseID string) *letterDraft {
	v := a.Vault()
	if a.letters.vault != v || a.letters.drafts == nil {
		a.letters = letterState{vault: v, drafts: map[string]*letterDraft{}}
	}
	d := a.letters.drafts[caseID]
	if d == nil {
		d = &letterDraft{format: letters.FormatPDF}
		a.letters.drafts[caseID] = d
	}
	return d
}

// caseChanged tells the Letters tab on screen that its case, log or
// sender changed where the tab could not see it (the malfunctions card).
func (a *App) caseChanged(caseID string) {
	if f := a.letters.changed; f != nil {
		f(caseID)
	}
}

// lettersPane is the Letters tab's content; it refills its letter each
// time the tab is shown, so that an event, a correction of the case or a
// sync made meanwhile reaches the preview.
type lettersPane struct {
	widget.BaseWidget
	content fyne.CanvasObject
	shown   func()
}

func (p *lettersPane) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.content)
}

func (p *lettersPane) Show() {
	wasHidden := p.Hidden
	p.BaseWidget.Show()
	if wasHidden && p.shown != nil {
		p.shown()
	}
}

// lettersTab is a case's Letters tab (docs/letters.md): choose a template,
// the text filled from the case (its events, its evidence log, the
// sender) appears in a multi-line entry for the lawyer to edit; it follows
// the case as it changes, and a lawyer's edits are never overwritten
// without asking. "Save to the case" stores the letter, encrypted, among
// the case's documents (after a warning when passages are left to
// complete); "Export a copy" writes an unencrypted file after a warning.
// A recours gracieux against a removal order, a transfer or a house arrest
// shows that the court appeal must still be filed in time.
func (a *App) lettersTab(caseID string) fyne.CanvasObject {
	d := a.letterDraft(caseID)
	text := a.newEntry(true)
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(18)
	var current *letters.Letter
	var templates []letters.Template

	warning := widget.NewLabel("")
	warning.Wrapping = fyne.TextWrapWord
	warning.Importance = widget.DangerImportance
	warning.TextStyle = fyne.TextStyle{Bold: true}
	warning.Hide()
	changedLabel := widget.NewLabel(i18n.T("letters.changed"))
	changedLabel.Wrapping = fyne.TextWrapWord
	changedLabel.Importance = widget.WarningImportance
	var refresh func(force bool)
	changedBtn := widget.NewButtonWithIcon(i18n.T("letters.refresh"), theme.ViewRefreshIcon(), func() {
		a.touch()
		refresh(true)
	})
	changed := container.NewBorder(nil, nil, nil, changedBtn, changedLabel)
	changed.Hide()
	respondBy := a.newEntry(false)
	respondBy.SetPlaceHolder(i18n.DateHint())
	respondRow := container.NewBorder(nil, nil, widget.NewLabel(i18n.T("letters.respond_by")), nil, respondBy)
	respondRow.Hide()

	showWarnings := func() {
		var msgs []string
		if current != nil && current.WarnDelay() {
			if current.Deadline.ID != "" {
				msgs = append(msgs, i18n.T("letters.warn_delay_date", map[string]string{"Date": dueWhen(current.Deadline)}))
			} else {
				msgs = append(msgs, i18n.T("letters.warn_delay"))
			}
		}
		if current != nil && current.DelayNotExtended && letters.ClaimsExtension(text.Text) {
			msgs = append(msgs, i18n.T("letters.warn_misleading"))
		}
		warning.SetText(strings.Join(msgs, "\n"))
		warning.Hidden = len(msgs) == 0
		warning.Refresh()
	}
	// refresh fills the chosen template again from the vault. The new
	// text replaces the entry's when the lawyer has not edited it (or
	// force); otherwise the "changed" banner offers it.
	refresh = func(force bool) {
		v := a.Vault()
		if v == nil || d.templateID == "" {
			return
		}
		f, err := v.Case(caseID)
		if err != nil {
			a.showError(err)
			return
		}
		dir, err := letters.Folder(v)
		if err != nil {
			a.showError(err)
			return
		}
		l, err := letters.Compose(v, f, dir, d.templateID, model.ParisDate(nowFunc()), letters.Options{RespondBy: d.respondBy})
		if err != nil {
			a.showLetterError(err)
			return
		}
		current = l
		if l.Template.Uses("date_limite") {
			if d.respondBy.IsZero() {
				d.respondBy = l.RespondBy
			}
			respondBy.SetText(i18n.Date(d.respondBy))
			respondRow.Show()
		} else {
			respondRow.Hide()
		}
		switch {
		case force || d.text == d.filled:
			d.text, d.filled, d.pending = l.Text, l.Text, ""
			text.SetText(l.Text)
			changed.Hide()
		case l.Text != d.filled:
			d.pending = l.Text
			changed.Show()
		}
		showWarnings()
	}
	text.OnChanged = func(s string) {
		a.touch()
		d.text = s
		showWarnings()
	}
	respondBy.OnChanged = func(s string) {
		a.touch()
		day, err := i18n.ParseDate(s)
		if err != nil || day.IsZero() || day == d.respondBy {
			return
		}
		d.respondBy = day
		refresh(false)
	}

	pick := newSelect(nil, func(title string) {
		a.touch()
		for _, t := range templates {
			if t.Title == title && t.ID != d.templateID {
				d.templateID, d.respondBy = t.ID, model.Date{}
				refresh(true)
			}
		}
	})
	pick.PlaceHolder = i18n.T("letters.template")
	skippedLabel := widget.NewLabel("")
	skippedLabel.Wrapping = fyne.TextWrapWord
	skippedLabel.Importance = widget.WarningImportance
	skippedLabel.Hide()
	load := func() {
		v := a.Vault()
		if v == nil {
			return
		}
		dir, err := letters.Folder(v)
		if err == nil {
			templates, err = letters.List(dir)
		}
		var skipped *letters.SkippedError
		skippedLabel.Hide()
		switch {
		case errors.As(err, &skipped):
			// The folder's other templates stay offered; the tab says
			// which files were left out and why (a line, not a dialog
			// at every case opened).
			skippedLabel.SetText(skipped.Translated())
			skippedLabel.Show()
		case err != nil:
			a.showLetterError(err)
			templates, _ = letters.List("")
		}
		titles := make([]string, len(templates))
		for i, t := range templates {
			titles[i] = t.Title
		}
		pick.SetOptions(titles)
	}
	load()
	format := newSelect([]string{"PDF", "RTF"}, func(s string) {
		a.touch()
		d.format = letters.Format(strings.ToLower(s))
	})
	format.SetSelected(strings.ToUpper(string(d.format)))

	// A draft kept from before the rebuild: its template and text come
	// back, refilled if the case changed meanwhile.
	if d.templateID != "" {
		for _, t := range templates {
			if t.ID == d.templateID {
				pick.Selected = t.Title
			}
		}
		text.SetText(d.text)
		refresh(false)
	}

	save := widget.NewButtonWithIcon(i18n.T("letters.save"), theme.DocumentSaveIcon(), func() {
		a.touch()
		a.saveLetter(caseID, current, text.Text, d.format)
	})
	save.Importance = widget.HighImportance
	export := widget.NewButtonWithIcon(i18n.T("letters.export"), theme.UploadIcon(), func() {
		a.touch()
		a.exportLetter(caseID, current, text.Text, d.format)
	})
	senderBtn := widget.NewButtonWithIcon(i18n.T("letters.sender"), theme.SettingsIcon(), func() {
		a.touch()
		a.showLetterSender(caseID, func() {
			load()
			refresh(false)
		})
	})
	hint := widget.NewLabel(i18n.T("letters.hint"))
	hint.Wrapping = fyne.TextWrapWord
	// The template's title takes the whole width (titles are long); the
	// actions go on the row below.
	actions := container.NewHBox(senderBtn, layoutSpacer(), widget.NewLabel(i18n.T("letters.format")), format, export, save)
	top := container.NewVBox(hint, pick, skippedLabel, actions, respondRow, warning, changed)
	pane := &lettersPane{content: container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewPadded(text))}
	pane.shown = func() { refresh(false) }
	pane.ExtendBaseWidget(pane)
	a.letters.changed = func(id string) {
		if id == caseID {
			refresh(false)
		}
	}
	return pane
}

// saveLetter stores the letter among the case's documents, encrypted,
// after a warning when it still holds passages to complete or says an
// appeal extends a delay that it does not; then the case screen is
// rebuilt on the Letters tab, so the Documents tab lists it.
func (a *App) saveLetter(caseID string, l *letters.Letter, body string, format letters.Format) {
	if strings.TrimSpace(body) == "" {
		dialog.ShowInformation(i18n.T("letters.tab"), i18n.T("letters.empty"), a.win)
		return
	}
	tmpl := letters.Template{}
	var respondBy model.Date
	delayNotExtended := false
	if l != nil {
		tmpl, respondBy, delayNotExtended = l.Template, l.RespondBy, l.DelayNotExtended
	}
	keep := func() {
		v := a.Vault()
		if v == nil {
			return
		}
		f, err := v.Case(caseID)
		if err != nil {
			a.showError(err)
			return
		}
		title := tmpl.Title
		if title == "" {
			title = i18n.T("letters.tab")
		}
		data := letters.Render(body, format)
		if format == letters.FormatPDF {
			data = a.warnNoFont(data) // pdfwarn.go
		}
		doc, err := letters.Save(v, letters.Saved{CaseID: f.ID, Ref: f.Ref, Template: tmpl, Format: format, Text: body, Data: data,
			Today: model.ParisDate(nowFunc()), RespondBy: respondBy,
			Header: i18n.T("letters.logged", map[string]string{"Title": title, "Format": strings.ToUpper(string(format))})})
		if err != nil {
			a.showError(err)
			return
		}
		a.showLettersTab(caseID)
		dialog.ShowInformation(i18n.T("letters.tab"), i18n.T("letters.saved_doc", map[string]string{"Name": doc.Name}), a.win)
	}
	var msgs []string
	if delayNotExtended && letters.ClaimsExtension(body) {
		msgs = append(msgs, i18n.T("letters.warn_misleading"))
	}
	if ph := letters.Placeholders(body); len(ph) > 0 {
		msgs = append(msgs, i18n.T("letters.placeholder_confirm", map[string]string{"List": "• " + strings.Join(ph, "\n• ")}))
	}
	if len(msgs) == 0 {
		keep()
		return
	}
	c := dialog.NewConfirm(i18n.T("letters.placeholder_title"), strings.Join(msgs, "\n\n"), func(ok bool) {
		a.touch()
		if ok {
			keep()
		}
	}, a.win)
	c.SetConfirmText(i18n.T("letters.save"))
	c.Show()
}

// exportLetter writes an unencrypted copy where the user chooses, after
// the warning that says so, and logs it on the case.
func (a *App) exportLetter(caseID string, l *letters.Letter, body string, format letters.Format) {
	if strings.TrimSpace(body) == "" {
		dialog.ShowInformation(i18n.T("letters.tab"), i18n.T("letters.empty"), a.win)
		return
	}
	name, title := "courrier", i18n.T("letters.tab")
	if l != nil {
		name, title = l.Template.ID, l.Template.Title
	}
	dialog.ShowConfirm(i18n.T("letters.warning_title"), i18n.T("letters.warning"), func(ok bool) {
		a.touch()
		if !ok {
			return
		}
		if v := a.Vault(); v != nil {
			if f, err := v.Case(caseID); err == nil {
				name = strings.TrimSuffix(letters.FileName(f.Ref, model.ParisDate(nowFunc()), name, format), "."+string(format))
			}
		}
		data := letters.Render(body, format)
		if format == letters.FormatPDF {
			data = a.warnNoFont(data) // pdfwarn.go
		}
		a.saveFile(name+"."+string(format), "."+string(format), data, func(file string) {
			v := a.Vault()
			if v == nil {
				return
			}
			header := i18n.T("letters.logged", map[string]string{"Title": title, "Format": strings.ToUpper(string(format))})
			if _, err := letters.Log(v, caseID, header, body); err != nil {
				a.showError(err)
				return
			}
			dialog.ShowInformation(i18n.T("letters.tab"), i18n.T("letters.saved", map[string]string{"File": file}), a.win)
		})
	}, a.win)
}

// showLettersTab reopens the case on its Letters tab.
func (a *App) showLettersTab(caseID string) {
	a.showCaseFormTab(caseID, 0)
	if t := a.caseTabs; t != nil {
		for i, it := range t.Items {
			if it.Text == i18n.T("letters.tab") {
				t.SelectIndex(i)
			}
		}
	}
}

// showLetterSender edits who signs the letters, the Défenseur des droits'
// title and the templates folder. Each field takes the dialog's whole
// width, under its label.
func (a *App) showLetterSender(caseID string, changed func()) {
	v := a.Vault()
	if v == nil {
		return
	}
	s, err := letters.LoadSender(v)
	if err != nil {
		a.showError(err)
		return
	}
	dir, _ := letters.Folder(v)
	entry := func(val string) *appEntry {
		e := a.newEntry(false)
		e.SetText(val)
		return e
	}
	clinic, address, city, signatory, title, folder := entry(s.Clinic), entry(s.Address), entry(s.City), entry(s.Signatory),
		entry(s.DefenderTitle), entry(dir)
	f, _ := v.Case(caseID)
	if def, err := letters.DefaultSignatory(v, f); err == nil && def != "" {
		signatory.SetPlaceHolder(i18n.T("letters.sender.signatory_default", map[string]string{"Name": def}))
	}
	title.SetPlaceHolder(letters.DefaultDefenderTitle)
	box := container.NewVBox()
	for _, it := range []struct {
		key string
		e   *appEntry
	}{
		{"letters.sender.clinic", clinic}, {"letters.sender.address", address}, {"letters.sender.city", city},
		{"letters.sender.signatory", signatory}, {"letters.sender.defender_title", title}, {"letters.sender.folder", folder},
	} {
		l := widget.NewLabel(i18n.T(it.key))
		l.TextStyle = fyne.TextStyle{Bold: true}
		box.Add(l)
		box.Add(it.e)
	}
	d := dialog.NewCustomConfirm(i18n.T("letters.sender_title"), i18n.T("app.form.save"), i18n.T("app.form.cancel"),
		container.NewVScroll(container.NewPadded(box)), func(ok bool) {
			a.touch()
			if !ok {
				return
			}
			dir := strings.TrimSpace(folder.Text)
			if dir != "" {
				if _, err := letters.List(dir); err != nil {
					a.showLetterError(err)
					return
				}
			}
			// Only what was changed here: another screen may have set
			// the others meanwhile (edits.go).
			now, err := letters.LoadSender(v)
			if err != nil {
				a.showError(err)
				return
			}
			s := letters.Sender{Clinic: typedOr(clinic.Text, s.Clinic, now.Clinic), Address: typedOr(address.Text, s.Address, now.Address),
				City: typedOr(city.Text, s.City, now.City), Signatory: typedOr(signatory.Text, s.Signatory, now.Signatory),
				DefenderTitle: typedOr(title.Text, s.DefenderTitle, now.DefenderTitle)}
			if err := letters.SaveSender(v, s); err != nil {
				a.showError(err)
				return
			}
			if err := letters.SetFolder(v, dir); err != nil {
				a.showError(err)
				return
			}
			changed()
		}, a.win)
	d.Resize(fyne.NewSize(720, 560))
	d.Show()
}

// letterError words the letters package's errors (the CLI does the same
// in cli/letters.go).
func letterError(err error) error {
	var ue *letters.UnknownFieldError
	var skipped *letters.SkippedError
	switch {
	case errors.As(err, &skipped):
		return plainError(skipped.Translated())
	case errors.As(err, &ue):
		return plainError(i18n.T("letters.unknown_field", map[string]string{"Template": ue.Template, "Field": ue.Field}))
	case errors.Is(err, letters.ErrUnknownTemplate):
		return plainError(i18n.T("letters.unknown_template"))
	case errors.Is(err, letters.ErrBadTemplate):
		return plainError(i18n.T("letters.bad_template", map[string]string{"Detail": err.Error()}))
	}
	return err
}

// saveFile asks where to save data and writes it there; done gets the
// file's name with its folder (savedWhere).
func (a *App) saveFile(name, ext string, data []byte, done func(file string)) {
	pickSaveFile(a, name, ext, func(w fyne.URIWriteCloser, err error) {
		a.touch()
		if err != nil {
			a.showError(err)
			return
		}
		if w == nil {
			return
		}
		_, err = w.Write(data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			a.showError(err)
			return
		}
		done(savedWhere(w.URI()))
	})
}

// pickSaveFile asks where to save a file named name (Fyne's save dialog,
// filtered on ext) and hands the chosen writer to got; tests replace it to
// choose a file themselves.
var pickSaveFile = func(a *App, name, ext string, got func(fyne.URIWriteCloser, error)) {
	d := dialog.NewFileSave(got, a.win)
	d.SetFileName(name)
	if ext != "" {
		d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	d.Show()
}

// showLetterError shows a letters error in words.
func (a *App) showLetterError(err error) {
	var pe plainError
	if e := letterError(err); errors.As(e, &pe) {
		dialog.ShowError(e, a.win)
		return
	}
	a.showError(err)
}

// plainError is an already translated message.
type plainError string

func (e plainError) Error() string { return string(e) }

// civilityOptions are the civilities the case form offers (the person's
// section): unspecified first.
func civilityOptions() []option {
	var o []option
	for _, c := range model.Civilities {
		key := "civility." + string(c)
		if c == model.CivilityUnspecified {
			key = "civility.unspecified"
		}
		o = append(o, option{string(c), i18n.T(key)})
	}
	return o
}

// dueWhen is a deadline's day, and its hour for an hour rule (the
// 48-hour delays of rétention).
func dueWhen(d model.Deadline) string {
	if d.DueAt.IsZero() {
		return i18n.Date(d.Due)
	}
	return i18n.Date(d.Due) + " " + d.DueAt.In(model.Paris()).Format("15:04")
}
