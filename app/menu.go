package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"casefile/i18n"
)

// setMenu gives the window the main menu of the app's state: while the
// vault is unlocked, its tools; while it is locked (or not made yet),
// restoring a backup. Help is always there. Items with a shortcut show it
// (shortcuts.go); the desktop driver runs them from the menu first.
func (a *App) setMenu() {
	byKey := map[fyne.KeyName]shortcut{}
	for _, s := range shortcuts() {
		byKey[s.key] = s
	}
	keyed := func(k fyne.KeyName) *fyne.MenuItem {
		s := byKey[k]
		it := fyne.NewMenuItem(i18n.T(s.label), a.action(s))
		it.Shortcut = s.desktop()
		return it
	}
	item := func(label string, fn func()) *fyne.MenuItem {
		return fyne.NewMenuItem(label, func() { a.touch(); fn() })
	}
	file := fyne.NewMenu(i18n.T("menu.file"))
	if a.Vault() != nil {
		file.Items = append(file.Items,
			keyed(fyne.KeyN),
			fyne.NewMenuItemSeparator(),
			keyed(fyne.KeyI),
			item(i18n.T("menu.export_csv"), func() { a.showCSVExport() }),
			fyne.NewMenuItemSeparator(),
			keyed(fyne.KeyComma),
			keyed(fyne.KeyL),
		)
	} else {
		file.Items = append(file.Items, item(i18n.T("restore.menu"), func() { a.showRestore() }))
	}
	// Labelled as Fyne labels it, so that Fyne takes it for its own Quit
	// (on macOS, in the application menu) instead of adding a second.
	quit := keyed(fyne.KeyQ)
	quit.Label = lang.L("Quit")
	quit.IsQuit = true
	file.Items = append(file.Items, fyne.NewMenuItemSeparator(), quit)
	help := fyne.NewMenu(i18n.T("menu.help"),
		item(i18n.T("keys.title"), a.showShortcuts),
		// In both languages: whoever cannot read the current one finds it.
		item("Langue / Language…", a.showLanguage),
		fyne.NewMenuItemSeparator(),
		item(i18n.T("about.menu"), a.showAbout),
	)
	a.win.SetMainMenu(fyne.NewMainMenu(file, help))
}
