package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
)

// prefLanguage is the language the user chose, "fr" or "en"; absent, the
// system's. A preference of this computer (Fyne's preferences file), not
// of the vault: it is not personal, and the unlock screen needs it before
// any vault is open.
const prefLanguage = "language"

// languageOption is a choice of the language setting: code "" is the
// system's language.
type languageOption struct{ code, label string }

// languageOptions are the choices, each in its own language but the
// system's, which names the language the system gives now.
func languageOptions() []languageOption {
	system := "English"
	if i18n.SystemLanguage() == i18n.French {
		system = "Français"
	}
	return []languageOption{
		{"", i18n.T("lang.system", map[string]string{"Lang": system})},
		{i18n.French, "Français"},
		{i18n.English, "English"},
	}
}

// applyLanguagePreference speaks the language the user chose on this
// computer, before anything is drawn.
func (a *App) applyLanguagePreference() {
	if err := i18n.SetLanguage(a.fa.Preferences().String(prefLanguage)); err != nil {
		a.fa.Preferences().RemoveValue(prefLanguage) // not one of ours: the system's
	}
}

// setLanguage records the choice and redraws the window in it.
func (a *App) setLanguage(code string) {
	if code == i18n.Chosen() {
		return
	}
	if err := i18n.SetLanguage(code); err != nil {
		return
	}
	if code == "" {
		a.fa.Preferences().RemoveValue(prefLanguage)
	} else {
		a.fa.Preferences().SetString(prefLanguage, code)
	}
	a.retranslate()
}

// redrawable is a screen the app can draw again in another language: the
// content it showed, and how to draw it.
type redrawable struct {
	content fyne.CanvasObject
	draw    func()
}

// canRedraw notes that the screen now shown is drawn again by draw when
// the language changes (while it is still the one shown).
func (a *App) canRedraw(draw func()) {
	a.redraw = redrawable{a.win.Content(), draw}
}

// retranslate draws the window again in the language now chosen: its
// title and menu, and the screen shown. Unlocked, that is the case list
// (a form with unsaved changes asks first); locked, the unlock screen or
// the set-up's first step. A step of the set-up past the first keeps its
// words until the next one, which comes in the new language: drawing it
// again would lose what it shows (the recovery key).
func (a *App) retranslate() {
	a.win.SetTitle(i18n.T("app.name"))
	a.setMenu()
	switch {
	case a.Vault() != nil:
		a.leaveForm(a.showCaseList)
	case a.redraw.draw != nil && a.redraw.content == a.win.Content():
		a.redraw.draw()
	}
}

// showLanguage is the language setting on its own (Help menu), reachable
// before unlocking.
func (a *App) showLanguage() {
	opts := languageOptions()
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.label
	}
	choice := widget.NewRadioGroup(labels, nil)
	for _, o := range opts {
		if o.code == i18n.Chosen() {
			choice.SetSelected(o.label)
		}
	}
	choice.Required = true
	hint := widget.NewLabel(i18n.T("lang.hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	d := dialog.NewForm("Langue / Language", i18n.T("app.form.save"), i18n.T("app.form.cancel"),
		[]*widget.FormItem{widget.NewFormItem("", choice), widget.NewFormItem("", hint)},
		func(ok bool) {
			a.touch()
			if !ok {
				return
			}
			for _, o := range opts {
				if o.label == choice.Selected {
					a.setLanguage(o.code)
				}
			}
		}, a.win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
}

// languageSelect is the language line of the settings dialog; code reads
// the choice.
func languageSelect() (sel *widget.Select, code func() string) {
	opts := languageOptions()
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.label
	}
	sel = newSelect(labels, nil)
	for _, o := range opts {
		if o.code == i18n.Chosen() {
			sel.SetSelected(o.label)
		}
	}
	return sel, func() string {
		for _, o := range opts {
			if o.label == sel.Selected {
				return o.code
			}
		}
		return i18n.Chosen()
	}
}
