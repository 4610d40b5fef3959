package app

import (
	"errors"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/store"
)

var autoLockChoices = []int{5, 10, 15, 30, 60, 0}

func autoLockLabel(m int) string {
	if m == 0 {
		return i18n.T("app.settings.never")
	}
	return i18n.T("app.settings.minutes", map[string]int{"N": m})
}

// showSettings: auto-lock delay and language (preferences of this
// computer: not personal), the author name recorded on changes (in the
// vault), and the passphrase.
func (a *App) showSettings() {
	v := a.Vault()
	if v == nil {
		return
	}
	labels := make([]string, len(autoLockChoices))
	for i, m := range autoLockChoices {
		labels[i] = autoLockLabel(m)
	}
	lock := newSelect(labels, nil)
	loadedLock := autoLockLabel(int(a.autoLockDelay().Minutes()))
	lock.SetSelected(loadedLock)
	author := widget.NewEntry()
	loadedAuthor := v.Author()
	author.SetText(loadedAuthor)
	author.Validator = func(s string) error { // refused as the vault would refuse it
		if err := store.CheckName("author", strings.TrimSpace(s)); err != nil {
			return errors.New(i18n.Error(err))
		}
		return nil
	}
	passwd := widget.NewButton(i18n.T("app.settings.passwd"), func() { a.showChangePassphrase() })
	language, languageCode := languageSelect() // language.go
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("app.settings.autolock"), lock),
		widget.NewFormItem(i18n.T("app.settings.author"), author),
		widget.NewFormItem(i18n.T("lang.setting"), language),
		widget.NewFormItem("", passwd),
	}
	d := dialog.NewForm(i18n.T("app.settings.title"), i18n.T("app.form.save"), i18n.T("app.form.cancel"), items,
		func(ok bool) {
			a.touch()
			if !ok {
				return
			}
			// Only what the user changed here: the author may have been
			// set meanwhile elsewhere (the team screen).
			for i, l := range labels {
				if l == lock.Selected && l != loadedLock {
					a.fa.Preferences().SetInt(prefAutoLock, autoLockChoices[i])
				}
			}
			if author.Text != loadedAuthor {
				if err := v.SetAuthor(author.Text); err != nil {
					a.showError(err)
				}
			}
			a.setLanguage(languageCode()) // last: it draws the window again
		}, a.win)
	d.Resize(fyne.NewSize(640, 300))
	d.Show()
}

func (a *App) showChangePassphrase() {
	old, p1, p2 := widget.NewPasswordEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
	meter, meterLabel := newStrengthMeter(), widget.NewLabel("")
	inputs := a.strengthInputs()
	p1.OnChanged = func(s string) {
		a.touch()
		showStrength(meter, meterLabel, crypto.EstimateStrength(s, inputs...), s != "")
	}
	p1.OnChanged("")
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("app.settings.old"), old),
		widget.NewFormItem(i18n.T("app.recovery.new"), p1),
		widget.NewFormItem("", container.NewVBox(meter.box, meterLabel)),
		widget.NewFormItem(i18n.T("app.setup.repeat"), p2),
	}
	dialog.ShowForm(i18n.T("app.settings.passwd"), i18n.T("app.form.save"), i18n.T("app.form.cancel"), items,
		func(ok bool) {
			a.touch()
			if !ok {
				return
			}
			if p1.Text != p2.Text {
				dialog.ShowInformation(i18n.T("app.error.title"), i18n.T("app.setup.differ"), a.win)
				return
			}
			if len([]rune(p1.Text)) < crypto.MinPassphraseLen {
				a.showError(crypto.ErrPassphraseTooShort)
				return
			}
			oldText, newText := old.Text, p1.Text
			var err error
			background(func() { err = store.ChangePassphrase(a.dir, oldText, newText) }, func() {
				if err != nil {
					a.showError(err)
					return
				}
				dialog.ShowInformation(i18n.T("app.settings.title"), i18n.T("app.passwd.done"), a.win)
			})
		}, a.win)
}

// appEntry is an entry that hands the app's own shortcuts to the app
// instead of swallowing them, and counts typing as activity. With wheel
// set, the mouse wheel over it scrolls that container (the form) instead
// of being swallowed by the entry's own scroller.
type appEntry struct {
	widget.Entry
	app     *App
	wheel   *container.Scroll
	catch   *wheelCatcher
	editing bool // has the keyboard
}

func (a *App) newEntry(multiLine bool) *appEntry {
	e := &appEntry{app: a}
	e.MultiLine = multiLine
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut runs the app's shortcut if it is one, else the entry's.
func (e *appEntry) TypedShortcut(s fyne.Shortcut) {
	if fn := e.app.shortcuts[s.ShortcutName()]; fn != nil {
		fn()
		return
	}
	e.Entry.TypedShortcut(s)
}

// The mouse wheel over a field scrolls the form. Fyne hands a wheel event
// to the deepest scrollable object under the pointer, which over an entry
// is the entry's own scroller: it swallows the event even when it has
// nothing to scroll (fyne-io/fyne#1939), so a form stops scrolling
// whenever the pointer crosses a field. The workaround: the entry's
// renderer gets a last, transparent child covering it that is scrollable
// and nothing else (so taps, hover and the cursor still reach the entry),
// and passes the wheel on to the form's scroller. A multi-line entry
// being edited keeps the wheel for its own text.

// CreateRenderer adds the wheel catcher, shown while the entry has a form
// to scroll (setWheel).
func (e *appEntry) CreateRenderer() fyne.WidgetRenderer {
	r := e.Entry.CreateRenderer()
	e.catch = &wheelCatcher{entry: e}
	e.catch.ExtendBaseWidget(e.catch)
	e.showCatcher()
	return &wheelRenderer{WidgetRenderer: r, catch: e.catch}
}

// setWheel makes the wheel over the entry scroll s (nil: the entry's own).
func (e *appEntry) setWheel(s *container.Scroll) {
	e.wheel = s
	e.showCatcher()
}

// showCatcher shows the wheel catcher when the entry has a form to scroll,
// unless it is a multi-line entry being edited, whose own scroller then
// takes the wheel.
func (e *appEntry) showCatcher() {
	if e.catch == nil {
		return
	}
	if e.wheel != nil && !(e.MultiLine && e.editing) {
		e.catch.Show()
	} else {
		e.catch.Hide()
	}
}

// FocusGained gives a multi-line entry's own scroller the wheel.
func (e *appEntry) FocusGained() {
	e.Entry.FocusGained()
	e.editing = true
	e.showCatcher()
}

// FocusLost gives the wheel back to the form.
func (e *appEntry) FocusLost() {
	e.Entry.FocusLost()
	e.editing = false
	e.showCatcher()
}

type wheelCatcher struct {
	widget.BaseWidget
	entry *appEntry
}

func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// Scrolled passes the wheel to the form's scroller.
func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) {
	w.entry.app.touch() // reading a long form is activity
	if s := w.entry.wheel; s != nil {
		s.Scrolled(ev)
	}
}

type wheelRenderer struct {
	fyne.WidgetRenderer
	catch *wheelCatcher
}

func (r *wheelRenderer) Layout(size fyne.Size) {
	r.WidgetRenderer.Layout(size)
	r.catch.Move(fyne.NewPos(0, 0))
	r.catch.Resize(size)
}

func (r *wheelRenderer) Objects() []fyne.CanvasObject {
	return append(r.WidgetRenderer.Objects(), r.catch)
}
