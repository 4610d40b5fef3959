package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	teamsync "casefile/sync"
)

// syncIndicator is the case list's sync status, bottom right: when the last
// team sync ran, how many files it skipped and collisions it found; a tap
// opens the Team & sync screen. Hidden while this vault is in no team.
func (a *App) syncIndicator() *widget.Button {
	b := widget.NewButtonWithIcon("", theme.ViewRefreshIcon(), func() {
		a.touch()
		a.showTeam()
	})
	b.Importance = widget.LowImportance
	a.refreshSyncIndicator(b)
	return b
}

// refreshSyncIndicator rereads the last sync's report (two settings reads).
func (a *App) refreshSyncIndicator(b *widget.Button) {
	v := a.Vault()
	if v == nil || b == nil {
		return
	}
	t, err := teamsync.Open(v)
	if err != nil {
		b.Hide()
		return
	}
	b.SetText(syncIndicatorText(t))
	b.Show()
}

func syncIndicatorText(t *teamsync.Team) string {
	r, err := t.LastReport()
	if err != nil || r == nil {
		return i18n.T("app.list.sync_never")
	}
	at := r.Time.Local()
	when := i18n.Date(model.DateOf(at)) + " " + at.Format("15:04")
	s := i18n.T("app.list.sync_ok", map[string]string{"When": when})
	if len(r.Skipped) > 0 {
		s = i18n.TPlural("app.list.sync_problems", len(r.Skipped), map[string]any{"When": when})
	}
	if r.Collisions > 0 {
		s += " · " + i18n.TPlural("app.list.sync_collisions", r.Collisions)
	}
	return s
}

// syncedInBackground updates the indicator after a background sync.
func (a *App) syncedInBackground() {
	fyne.Do(func() {
		if a.list != nil {
			a.refreshSyncIndicator(a.list.sync)
		}
	})
}
