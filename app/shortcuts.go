package app

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
)

// shortcut is one of the app's keyboard shortcuts: Ctrl (⌘ on macOS) and
// a key. The table below is the one list: installShortcuts registers it,
// the main menu shows it beside its items, the Help dialog lists it, and
// docs/keyboard.md copies it (TestShortcutsDocumented compares).
type shortcut struct {
	key    fyne.KeyName
	label  string // translation key of what it does
	locked bool   // also works while the vault is locked
	run    func(a *App)
}

// shortcuts is the table (a function: its actions lead back to it).
func shortcuts() []shortcut {
	return []shortcut{
		// Leaving a case form with unsaved changes asks first (edits.go);
		// locking keeps them as a draft.
		{fyne.KeyN, "keys.new_case", false, func(a *App) { a.leaveForm(func() { a.showCaseForm("") }) }},
		{fyne.KeyF, "keys.search", false, func(a *App) {
			onForm := a.activeForm() != nil
			a.leaveForm(func() {
				if a.list == nil || onForm {
					a.showCaseList()
				}
				if a.list != nil {
					a.win.Canvas().Focus(a.list.search)
				}
			})
		}},
		{fyne.KeyS, "keys.save", false, func(a *App) {
			if f := a.activeForm(); f != nil {
				a.saveCaseForm(f)
			}
		}},
		{fyne.KeyR, "keys.review", false, func(a *App) { a.leaveForm(a.showReview) }},
		{fyne.KeyI, "keys.import_csv", false, func(a *App) { a.showCSVImport() }},
		{fyne.KeyL, "keys.lock", false, func(a *App) { a.lockToUnlockScreen("") }},
		{fyne.KeyComma, "keys.settings", false, func(a *App) { a.showSettings() }},
		{fyne.KeyQ, "keys.quit", true, func(a *App) { a.closeWindow() }},
	}
}

// desktopShortcut is s as Fyne names it.
func (s shortcut) desktop() *desktop.CustomShortcut {
	return &desktop.CustomShortcut{KeyName: s.key, Modifier: fyne.KeyModifierShortcutDefault}
}

// keysText is how the shortcut is written for the user: "Ctrl+N", or
// "⌘N" on macOS.
func (s shortcut) keysText() string {
	key := string(s.key)
	if s.key == fyne.KeyComma {
		key = ","
	}
	if runtime.GOOS == "darwin" {
		return "⌘" + key
	}
	return "Ctrl+" + key
}

// action is what the shortcut does now: nothing while the vault is locked
// unless it works then too. Pressing one counts as activity.
func (a *App) action(s shortcut) func() {
	return func() {
		if s.locked || a.Vault() != nil {
			a.touch()
			s.run(a)
		}
	}
}

// installShortcuts registers the shortcuts on the window's canvas and keeps
// them in a.shortcuts, so that entries (which swallow every shortcut while
// focused) can pass them on: see appEntry. The main menu also carries
// them (menu.go), which is what the desktop driver looks at first.
func (a *App) installShortcuts() {
	c := a.win.Canvas()
	a.shortcuts = map[string]func(){}
	for _, s := range shortcuts() {
		sc := s.desktop()
		run := a.action(s)
		a.shortcuts[sc.ShortcutName()] = run
		c.AddShortcut(sc, func(fyne.Shortcut) { run() })
	}
}

// showShortcuts lists the shortcuts, and the keys every screen knows.
func (a *App) showShortcuts() {
	grid := container.New(layout.NewFormLayout())
	add := func(keys, what string) {
		k := widget.NewLabel(keys)
		k.TextStyle = fyne.TextStyle{Bold: true}
		grid.Add(k)
		grid.Add(widget.NewLabel(what))
	}
	for _, s := range shortcuts() {
		add(s.keysText(), i18n.T(s.label))
	}
	for _, k := range []string{"keys.tab", "keys.enter", "keys.clipboard", "keys.undo"} {
		keys := i18n.T(k + "_keys")
		if runtime.GOOS == "darwin" {
			keys = strings.ReplaceAll(keys, "Ctrl+", "⌘")
		}
		add(keys, i18n.T(k))
	}
	note := widget.NewLabel(i18n.T("keys.note"))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.LowImportance
	d := dialog.NewCustom(i18n.T("keys.title"), i18n.T("app.bundle.close"),
		container.NewBorder(nil, note, nil, nil, container.NewVScroll(grid)), a.win)
	d.Resize(fyne.NewSize(620, 640))
	d.Show()
}
