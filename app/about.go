package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/icons"
	"casefile/internal/version"
	"casefile/model"
	"casefile/model/deadline"
	"casefile/store"
)

// rulesLawAsOf is the law-as-of date of the deadline rules this build
// carries (tests change it).
var rulesLawAsOf = model.Date(deadline.LawAsOf)

// showAbout says which Casefile this is, with the same lines as `casefile
// version` (i18n.VersionLines) under a sentence on what Casefile is:
// version, build date, vault format, and how old the rules are, offline,
// with the advice to update once they are old. The folder of the vault
// follows, for whoever maintains the computer; a button copies it all for
// a support request.
func (a *App) showAbout() {
	today := model.DateOf(nowFunc())
	lines := i18n.VersionLines(version.Get(), store.FormatVersion, rulesLawAsOf, today)
	what := widget.NewLabel(i18n.T("about.what"))
	what.Wrapping = fyne.TextWrapWord
	box := container.NewVBox()
	stale := rulesStale(today)
	for i, l := range lines {
		lb := widget.NewLabel(l)
		lb.Wrapping = fyne.TextWrapWord
		box.Add(lb)
		switch {
		case i == 0:
			lb.TextStyle = fyne.TextStyle{Bold: true}
			box.Add(what)
		case stale && l == i18n.RulesAge(rulesLawAsOf, today):
			lb.Importance = widget.WarningImportance
			advice := widget.NewLabel(i18n.T("about.update"))
			advice.Wrapping = fyne.TextWrapWord
			box.Add(advice)
		}
	}
	dir := widget.NewLabel(i18n.T("about.vault_dir", map[string]string{"Dir": a.dir}))
	dir.Wrapping = fyne.TextWrapBreak
	dir.Importance = widget.LowImportance
	box.Add(dir)
	icon := canvas.NewImageFromResource(icons.App)
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSize(72, 72))
	copyBtn := widget.NewButton(i18n.T("about.copy"), func() {
		a.touch()
		a.fa.Clipboard().SetContent(strings.Join(append(lines, a.dir), "\n"))
	})
	d := dialog.NewCustom(i18n.T("about.title"), i18n.T("app.bundle.close"),
		container.NewBorder(nil, container.NewHBox(copyBtn), container.NewVBox(icon), nil, box), a.win)
	d.Resize(fyne.NewSize(600, 0))
	d.Show()
}

// rulesStale reports whether the rules are old enough to call for an
// update on today.
func rulesStale(today model.Date) bool {
	if rulesLawAsOf.IsZero() {
		return false
	}
	return version.RulesStale(version.RulesAge(rulesLawAsOf.Time(time.UTC), today.Time(time.UTC)))
}
