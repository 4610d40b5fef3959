package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/store"
)

// historyTab is a case's history from the change log, newest first: when,
// who, which field of which record, old → new. A case can have hundreds of
// changes, so rows are a widget.List over the slice read once.
func (a *App) historyTab(caseID string) fyne.CanvasObject {
	var rows []store.FieldChange
	if v := a.Vault(); v != nil {
		h, err := v.CaseHistory(caseID)
		if err != nil {
			a.showError(err)
		}
		// Newest change first; a change's fields keep their order.
		for end := len(h); end > 0; {
			start := end - 1
			for start > 0 && h[start-1].HLC == h[end-1].HLC && h[start-1].Device == h[end-1].Device {
				start--
			}
			for _, c := range h[start:end] {
				if i18n.HistoryShown(c) {
					rows = append(rows, c)
				}
			}
			end = start
		}
	}
	if len(rows) == 0 {
		return container.NewVBox(widget.NewLabel(i18n.T("app.history.none")))
	}
	list := widget.NewList(
		func() int { return len(rows) },
		func() fyne.CanvasObject {
			when := widget.NewLabel("00/00/0000 00:00")
			who := widget.NewLabel("Me Xxxxxxxxxx Xxxxxx")
			who.Truncation = fyne.TextTruncateEllipsis
			what := widget.NewLabel("")
			what.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil,
				container.NewHBox(container.New(&fixedWidth{width: 150}, when), container.New(&fixedWidth{width: 190}, who)),
				nil, what)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			c := rows[i]
			b := o.(*fyne.Container)
			left := b.Objects[1].(*fyne.Container)
			t := c.Time.Local()
			left.Objects[0].(*fyne.Container).Objects[0].(*widget.Label).SetText(i18n.Date(dateOf(t)) + " " + t.Format("15:04"))
			left.Objects[1].(*fyne.Container).Objects[0].(*widget.Label).SetText(c.Author)
			b.Objects[0].(*widget.Label).SetText(i18n.HistoryField(c.Entity, c.Field) + i18n.T("punct.colon") + i18n.HistoryChange(c.Field, c.Old, c.New))
		})
	return container.NewBorder(widget.NewLabel(i18n.T("app.history.count", map[string]int{"N": len(rows)})), nil, nil, nil, list)
}
