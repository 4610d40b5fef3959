package app

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/rights"
	"casefile/store"
)

// showRetention is the retention screen (docs/retention.md), from the case
// list's More menu: the closed cases due for deletion, each erased only
// after a confirmation, and the retention period.
func (a *App) showRetention() {
	v := a.Vault()
	if v == nil {
		return
	}
	rows, err := v.CasesDue(model.ParisDate(nowFunc()))
	if err != nil {
		a.showError(err)
		return
	}
	years, err := v.RetentionYears()
	if err != nil {
		a.showError(err)
		return
	}
	yearsEntry := a.newEntry(false)
	yearsEntry.SetText(strconv.Itoa(years))
	yearsEntry.OnSubmitted = func(s string) {
		a.touch()
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 || n > 100 {
			dialog.ShowError(plainError(i18n.T("retention.bad_years", map[string]string{"Value": s})), a.win)
			return
		}
		if err := v.SetRetentionYears(n); err != nil {
			a.showError(err)
			return
		}
		a.showRetention()
	}
	list := container.NewVBox()
	if len(rows) == 0 {
		list.Add(widget.NewLabel(i18n.T("retention.none")))
	}
	grid := container.NewGridWithColumns(4,
		bold(i18n.T("retention.col.ref")), bold(i18n.T("retention.col.name")), bold(i18n.T("retention.col.from")), widget.NewLabel(""))
	for _, r := range rows {
		r := r
		from := i18n.T("retention.no_date")
		if !r.NoDate {
			from = i18n.Date(r.DeletableFrom)
		}
		erase := widget.NewButtonWithIcon(i18n.T("retention.erase"), theme.DeleteIcon(), func() {
			a.touch()
			a.confirmErase(r.ID, r.Ref, r.Name)
		})
		erase.Importance = widget.DangerImportance
		if r.NoDate {
			erase.Disable()
		}
		grid.Add(widget.NewLabel(r.Ref))
		grid.Add(widget.NewLabel(ltrSpaces(r.Name)))
		grid.Add(widget.NewLabel(from))
		grid.Add(erase)
	}
	if len(rows) > 0 {
		list.Add(grid)
	}
	reach := widget.NewLabel(i18n.T("retention.cannot_reach"))
	reach.Wrapping = fyne.TextWrapWord
	back := widget.NewButtonWithIcon(i18n.T("app.form.cancel"), theme.NavigateBackIcon(), func() {
		a.touch()
		a.showCaseList()
	})
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, back, title(i18n.T("retention.title"))),
		container.NewBorder(nil, nil, widget.NewLabel(i18n.T("retention.years_label")), nil, yearsEntry),
		reach,
	)
	a.win.SetContent(container.NewBorder(container.NewPadded(top), nil, nil, nil, container.NewVScroll(container.NewPadded(list))))
}

func bold(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// confirmErase asks, then erases the case off the UI goroutine (Badger is
// compacted and reopened) and shows the list again.
func (a *App) confirmErase(caseID, ref, name string) {
	msg := i18n.T("retention.confirm_text", map[string]string{"Ref": ref, "Name": name})
	dialog.ShowConfirm(i18n.T("retention.confirm_title"), msg, func(ok bool) {
		a.touch()
		v := a.Vault()
		if !ok || v == nil {
			return
		}
		a.eraseDue(v, caseID, func(err error) {
			if err != nil {
				a.showError(err)
				return
			}
			a.showRetention()
		})
	}, a.win)
}

// eraseDue erases the case off the UI goroutine, then calls done on it.
// The store refuses an open or not-yet-due case (store.EraseDue) and waits
// for a running sync to end.
func (a *App) eraseDue(v *store.Vault, caseID string, done func(error)) {
	var err error
	background(func() {
		_, err = v.EraseDue(caseID, model.ParisDate(nowFunc()))
	}, func() { done(err) })
}

// retentionLine is the case screen's word on deletion: "may be deleted
// from <date>" on a closed case, nothing on an open one.
func (a *App) retentionLine(c model.Case) fyne.CanvasObject {
	v := a.Vault()
	if v == nil || c.Status == model.StatusOpen {
		return container.NewVBox()
	}
	years, err := v.RetentionYears()
	if err != nil {
		return container.NewVBox()
	}
	text := i18n.T("retention.deletable_nodate")
	if from, ok := model.DeletableFrom(c, years); ok {
		text = i18n.T("retention.deletable_from", map[string]string{"Date": i18n.Date(from)})
	}
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// accessExportButton writes a person's right-of-access PDF, after the
// unencrypted-copy warning.
func (a *App) accessExportButton(personID string) fyne.CanvasObject {
	return widget.NewButtonWithIcon(i18n.T("retention.export_person"), theme.DocumentPrintIcon(), func() {
		a.touch()
		dialog.ShowConfirm(i18n.T("retention.export_person"), i18n.T("app.review.unencrypted"), func(ok bool) {
			v := a.Vault()
			if !ok || v == nil {
				return
			}
			d, err := v.PersonData(personID)
			if err != nil {
				a.showError(err)
				return
			}
			a.saveFile("acces-donnees.pdf", ".pdf", a.warnNoFont(rights.AccessPDF(d, nowFunc())), func(file string) {
				dialog.ShowInformation(i18n.T("retention.export_person"), i18n.T("retention.exported", map[string]string{"File": file}), a.win)
			})
		}, a.win)
	})
}
