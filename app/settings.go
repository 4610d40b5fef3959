package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
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

// showSettings: auto-lock delay (a preference: not personal), the author
// name recorded on changes (in the vault), and the passphrase.
func (a *App) showSettings() {
	v := a.Vault()
	if v == nil {
		return
	}
	labels := make([]string, len(autoLockChoices))
	for i, m := range autoLockChoices {
		labels[i] = autoLockLabel(m)
	}
	lock := widget.NewSelect(labels, nil)
	lock.SetSelected(autoLockLabel(int(a.autoLockDelay().Minutes())))
	author := widget.NewEntry()
	author.SetText(v.Author())
	passwd := widget.NewButton(i18n.T("app.settings.passwd"), func() { a.showChangePassphrase() })
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("app.settings.autolock"), lock),
		widget.NewFormItem(i18n.T("app.settings.author"), author),
		widget.NewFormItem("", passwd),
	}
	d := dialog.NewForm(i18n.T("app.settings.title"), i18n.T("app.form.save"), i18n.T("app.form.cancel"), items,
		func(ok bool) {
			a.touch()
			if !ok {
				return
			}
			for i, l := range labels {
				if l == lock.Selected {
					a.fa.Preferences().SetInt(prefAutoLock, autoLockChoices[i])
				}
			}
			if author.Text != v.Author() {
				if err := v.SetAuthor(author.Text); err != nil {
					a.showError(err)
				}
			}
		}, a.win)
	d.Resize(fyne.NewSize(520, 300))
	d.Show()
}

func (a *App) showChangePassphrase() {
	old, p1, p2 := widget.NewPasswordEntry(), widget.NewPasswordEntry(), widget.NewPasswordEntry()
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("app.settings.old"), old),
		widget.NewFormItem(i18n.T("app.recovery.new"), p1),
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

// installShortcuts: Ctrl+N new case, Ctrl+F search, Ctrl+L lock, Ctrl+R
// weekly review. They are
// registered on the canvas and kept in a.shortcuts, so that entries (which
// swallow every shortcut while focused) can pass them on: see appEntry.
func (a *App) installShortcuts() {
	c := a.win.Canvas()
	a.shortcuts = map[string]func(){}
	add := func(key fyne.KeyName, fn func()) {
		sc := &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
		run := func() {
			if a.Vault() != nil {
				a.touch()
				fn()
			}
		}
		a.shortcuts[sc.ShortcutName()] = run
		c.AddShortcut(sc, func(fyne.Shortcut) { run() })
	}
	add(fyne.KeyN, func() { a.showCaseForm("") })
	add(fyne.KeyF, func() {
		if a.list == nil {
			a.showCaseList()
		}
		if a.list != nil {
			a.win.Canvas().Focus(a.list.search)
		}
	})
	add(fyne.KeyL, func() { a.lockToUnlockScreen("") })
	add(fyne.KeyR, func() { a.showReview() })
}

// appEntry is an entry that hands the app's own shortcuts to the app
// instead of swallowing them, and counts typing as activity.
type appEntry struct {
	widget.Entry
	app *App
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
