package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/store"
)

// showUnlock is the screen of a locked vault. msg, if any, says why it
// locked.
func (a *App) showUnlock(msg string) {
	pass := widget.NewPasswordEntry()
	status := widget.NewLabel(msg)
	status.Wrapping = fyne.TextWrapWord
	progress := widget.NewProgressBarInfinite()
	progress.Hide()
	progress.Stop()
	var btn *widget.Button
	unlock := func() {
		a.touch()
		if pass.Text == "" {
			return
		}
		btn.Disable()
		pass.Disable()
		status.Importance = widget.MediumImportance
		status.SetText(i18n.T("app.unlock.working"))
		progress.Show()
		progress.Start()
		p := pass.Text
		var v *store.Vault
		var err error
		background(func() { v, err = store.Open(a.dir, p) }, func() {
			progress.Stop()
			progress.Hide()
			if err != nil {
				btn.Enable()
				pass.Enable()
				pass.SetText("")
				status.Importance = widget.DangerImportance
				status.SetText(i18n.Error(err))
				a.win.Canvas().Focus(pass)
				return
			}
			a.unlocked(v)
		})
	}
	btn = widget.NewButton(i18n.T("app.unlock.button"), unlock)
	btn.Importance = widget.HighImportance
	pass.OnSubmitted = func(string) { unlock() }
	pass.OnChanged = func(string) { a.touch() }
	intro := widget.NewLabel(i18n.T("app.unlock.intro", map[string]string{"Dir": a.dir}))
	intro.Wrapping = fyne.TextWrapWord
	recovery := widget.NewButton(i18n.T("app.unlock.recovery"), func() { a.showRecoveryUnlock() })
	recovery.Importance = widget.LowImportance
	content := container.NewVBox(
		title(i18n.T("app.unlock.title")),
		intro,
		widget.NewForm(widget.NewFormItem(i18n.T("app.setup.passphrase"), pass)),
		status,
		progress,
		container.NewHBox(recovery, layoutSpacer(), btn),
		container.NewHBox(a.restoreButton()), // restore.go
	)
	a.win.SetContent(centered(content))
	a.win.Canvas().Focus(pass)
	a.canRedraw(func() { a.showUnlock(msg) }) // language.go
	if a.win.MainMenu() != nil {
		a.setMenu() // menu.go: a locked vault's
	}
}

// showRecoveryUnlock opens the vault with the recovery key; a new
// passphrase is set before anything else is opened.
func (a *App) showRecoveryUnlock() {
	key := widget.NewMultiLineEntry()
	key.SetPlaceHolder("AGE-SECRET-KEY-PQ-1…")
	key.Wrapping = fyne.TextWrapBreak
	key.SetMinRowsVisible(3)
	pass, repeat := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	status.Importance = widget.DangerImportance
	var btn *widget.Button
	btn = widget.NewButton(i18n.T("app.recovery.button"), func() {
		a.touch()
		if pass.Text != repeat.Text {
			status.SetText(i18n.T("app.setup.differ"))
			return
		}
		if len([]rune(pass.Text)) < crypto.MinPassphraseLen {
			status.SetText(i18n.Error(crypto.ErrPassphraseTooShort))
			return
		}
		btn.Disable()
		status.Importance = widget.MediumImportance
		status.SetText(i18n.T("app.unlock.working"))
		k, p := key.Text, pass.Text
		var v *store.Vault
		var err error
		background(func() { v, err = store.OpenWithRecovery(a.dir, k, p) }, func() {
			if err != nil {
				btn.Enable()
				status.Importance = widget.DangerImportance
				status.SetText(i18n.Error(err))
				return
			}
			a.unlocked(v)
		})
	})
	btn.Importance = widget.HighImportance
	back := widget.NewButton(i18n.T("app.recovery.back"), func() { a.showUnlock("") })
	content := container.NewVBox(
		title(i18n.T("app.recovery.title")),
		widget.NewForm(
			widget.NewFormItem(i18n.T("app.recovery.key"), key),
			widget.NewFormItem(i18n.T("app.recovery.new"), pass),
			widget.NewFormItem(i18n.T("app.setup.repeat"), repeat),
		),
		status,
		container.NewHBox(back, layoutSpacer(), btn),
	)
	a.win.SetContent(centered(content))
}
