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
)

// lettersTab is a case's Letters tab (docs/letters.md): choose a template,
// the text filled from the case appears in a multi-line entry for the
// lawyer to edit, then save it as PDF or RTF (after the unencrypted-copy
// warning); each saved letter is logged on the case as a note.
func (a *App) lettersTab(caseID string) fyne.CanvasObject {
	text := a.newEntry(true)
	text.Wrapping = fyne.TextWrapWord
	text.SetMinRowsVisible(18)
	text.OnChanged = func(string) { a.touch() }
	var current letters.Template
	var templates []letters.Template
	pick := widget.NewSelect(nil, func(title string) {
		a.touch()
		v := a.Vault()
		if v == nil {
			return
		}
		for _, t := range templates {
			if t.Title != title {
				continue
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
			tmpl, filled, err := letters.Compose(v, f, dir, t.ID, dateOf(nowFunc()))
			if err != nil {
				a.showLetterError(err)
				return
			}
			current = tmpl
			text.SetText(filled)
		}
	})
	pick.PlaceHolder = i18n.T("letters.template")
	load := func() {
		v := a.Vault()
		if v == nil {
			return
		}
		dir, err := letters.Folder(v)
		if err == nil {
			templates, err = letters.List(dir)
		}
		if err != nil {
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
	save := func(format string) {
		a.touch()
		if strings.TrimSpace(text.Text) == "" {
			dialog.ShowInformation(i18n.T("letters.tab"), i18n.T("letters.empty"), a.win)
			return
		}
		body := text.Text
		data := letters.RTF(body)
		if format == "pdf" {
			data = a.warnNoFont(letters.PDF(body))
		}
		dialog.ShowConfirm(i18n.T("letters.warning_title"), i18n.T("letters.warning"), func(ok bool) {
			a.touch()
			if !ok {
				return
			}
			name := current.ID
			if name == "" {
				name = "courrier"
			}
			a.saveFile(name+"."+format, "."+format, data, func(file string) {
				v := a.Vault()
				if v == nil {
					return
				}
				title := current.Title
				if title == "" {
					title = i18n.T("letters.tab")
				}
				header := i18n.T("letters.logged", map[string]string{"Title": title, "Format": strings.ToUpper(format)})
				if _, err := letters.Log(v, caseID, header, body); err != nil {
					a.showError(err)
					return
				}
				dialog.ShowInformation(i18n.T("letters.tab"), i18n.T("letters.saved", map[string]string{"File": file}), a.win)
			})
		}, a.win)
	}
	pdfBtn := widget.NewButtonWithIcon(i18n.T("letters.save_pdf"), theme.DocumentSaveIcon(), func() { save("pdf") })
	pdfBtn.Importance = widget.HighImportance
	rtfBtn := widget.NewButtonWithIcon(i18n.T("letters.save_rtf"), theme.DocumentSaveIcon(), func() { save("rtf") })
	senderBtn := widget.NewButtonWithIcon(i18n.T("letters.sender"), theme.SettingsIcon(), func() {
		a.touch()
		a.showLetterSender(load)
	})
	hint := widget.NewLabel(i18n.T("letters.hint"))
	hint.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(hint, container.NewBorder(nil, nil, nil, container.NewHBox(senderBtn, rtfBtn, pdfBtn), pick))
	return container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewPadded(text))
}

// showLetterSender edits who signs the letters and the templates folder.
func (a *App) showLetterSender(changed func()) {
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
	clinic, address, city, signatory, folder := entry(s.Clinic), entry(s.Address), entry(s.City), entry(s.Signatory), entry(dir)
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("letters.sender.clinic"), clinic),
		widget.NewFormItem(i18n.T("letters.sender.address"), address),
		widget.NewFormItem(i18n.T("letters.sender.city"), city),
		widget.NewFormItem(i18n.T("letters.sender.signatory"), signatory),
		widget.NewFormItem(i18n.T("letters.sender.folder"), folder),
	}
	d := dialog.NewForm(i18n.T("letters.sender_title"), i18n.T("app.form.save"), i18n.T("app.form.cancel"), items, func(ok bool) {
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
		// Only what was changed here: another screen may have set the
		// others meanwhile (edits.go).
		now, err := letters.LoadSender(v)
		if err != nil {
			a.showError(err)
			return
		}
		s := letters.Sender{Clinic: typedOr(clinic.Text, s.Clinic, now.Clinic), Address: typedOr(address.Text, s.Address, now.Address),
			City: typedOr(city.Text, s.City, now.City), Signatory: typedOr(signatory.Text, s.Signatory, now.Signatory)}
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
	d.Resize(fyne.NewSize(560, 380))
	d.Show()
}

// letterError words the letters package's errors (the CLI does the same
// in cli/letters.go).
func letterError(err error) error {
	var ue *letters.UnknownFieldError
	switch {
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
// file's name.
func (a *App) saveFile(name, ext string, data []byte, done func(file string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
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
		done(w.URI().Name())
	}, a.win)
	d.SetFileName(name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
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
