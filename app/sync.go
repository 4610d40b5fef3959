package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
	teamsync "casefile/sync"
)

// The Team & sync screen (docs/sync.md): the shared folder, this device's
// fingerprint, the members with theirs and their status, newcomers to
// accept after comparing fingerprints, "Sync now" and what the last sync
// found. A background sync runs every syncTick while the vault is open
// and a folder is set.

// syncTick is how often the background sync runs; a variable for tests.
var syncTick = 5 * time.Minute

// watchSync syncs in the background until stop closes. Lock waits for it
// (a.reminding), so the vault never closes under a sync.
func (a *App) watchSync(v *store.Vault, stop chan struct{}) {
	t := time.NewTicker(syncTick)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		// An erasure running keeps the sync waiting (store.BeginSync).
		if tm, err := teamsync.Open(v); err == nil {
			// A failed sync (folder away) waits for the next tick.
			// Problems are kept in the last report, shown on the screen;
			// what arrived reaches the search index through the vault's
			// case feed (search.go).
			_, _ = tm.Sync()
			a.syncedInBackground()
		}
	}
}

// teamView is what the screen shows, read off the UI goroutine.
type teamView struct {
	team       *teamsync.Team
	members    []teamsync.Member
	last       *teamsync.Report
	collisions []store.QueuedCollision
	err        error
}

func loadTeamView(v *store.Vault) teamView {
	var tv teamView
	tv.team, tv.err = teamsync.Open(v)
	if tv.err != nil {
		return tv
	}
	tv.members, tv.err = tv.team.Members()
	if tv.err == nil {
		tv.last, tv.err = tv.team.LastReport()
	}
	if tv.err == nil {
		tv.collisions, tv.err = v.AllCollisions()
	}
	return tv
}

// showTeam opens the Team & sync screen.
func (a *App) showTeam() {
	v := a.Vault()
	if v == nil {
		return
	}
	var tv teamView
	background(func() { tv = loadTeamView(v) }, func() {
		if tv.team == nil {
			a.showTeamStart(v)
			return
		}
		a.showTeamDialog(v, tv)
	})
}

// showTeamStart offers to create or join a team.
func (a *App) showTeamStart(v *store.Vault) {
	folder := widget.NewEntry()
	folder.SetPlaceHolder(i18n.T("app.sync.folder_hint"))
	browse := widget.NewButton(i18n.T("app.sync.browse"), func() {
		dialog.ShowFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				folder.SetText(u.Path())
			}
		}, a.win)
	})
	name := widget.NewEntry()
	name.SetText(v.Author())
	mode := widget.NewRadioGroup([]string{i18n.T("app.sync.create"), i18n.T("app.sync.join")}, nil)
	mode.SetSelected(i18n.T("app.sync.join"))
	items := []*widget.FormItem{
		widget.NewFormItem("", wrapped(i18n.T("app.sync.no_team"))),
		widget.NewFormItem(i18n.T("app.sync.folder"), container.NewBorder(nil, nil, nil, browse, folder)),
		widget.NewFormItem(i18n.T("app.sync.name"), name),
		widget.NewFormItem("", mode),
	}
	d := dialog.NewForm(i18n.T("app.sync.title"), i18n.T("app.sync.start"), i18n.T("app.bundle.close"), items, func(ok bool) {
		if !ok {
			return
		}
		create := mode.Selected == i18n.T("app.sync.create")
		dir, who := strings.TrimSpace(folder.Text), strings.TrimSpace(name.Text)
		var err error
		var tv teamView
		background(func() {
			if err = v.SetAuthor(who); err != nil {
				return
			}
			start := teamsync.Join
			if create {
				start = teamsync.Create
			}
			if _, err = start(v, dir, who); err == nil {
				tv = loadTeamView(v)
			}
		}, func() {
			if err != nil {
				a.showError(err)
				return
			}
			a.showTeamDialog(v, tv)
		})
	}, a.win)
	d.Resize(fyne.NewSize(620, 320))
	d.Show()
}

// showTeamDialog shows the team of a vault in a team.
func (a *App) showTeamDialog(v *store.Vault, tv teamView) {
	if tv.err != nil {
		a.showError(tv.err)
	}
	var d dialog.Dialog
	reopen := func() {
		d.Hide()
		a.showTeam()
	}
	me := widget.NewLabel(tv.team.Fingerprint())
	me.TextStyle.Monospace = true
	rows := container.NewVBox()
	for _, m := range tv.members {
		rows.Add(a.memberRow(tv.team, m, reopen))
	}
	if len(tv.collisions) > 0 {
		head := widget.NewLabelWithStyle(i18n.T("app.sync.collisions", map[string]int{"N": len(tv.collisions)}),
			fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		head.Wrapping = fyne.TextWrapWord
		rows.Add(head)
		for _, c := range tv.collisions {
			rows.Add(a.collisionRow(v, c, reopen))
		}
	}
	status := widget.NewLabel(lastSyncText(tv.last))
	status.Wrapping = fyne.TextWrapWord
	progress := widget.NewProgressBarInfinite()
	progress.Hide()
	var syncBtn *widget.Button
	syncBtn = widget.NewButton(i18n.T("app.sync.now"), func() {
		a.touch()
		syncBtn.Disable()
		progress.Show()
		var rep *teamsync.Report
		var err error
		background(func() {
			rep, err = tv.team.Sync()
		}, func() {
			progress.Hide()
			syncBtn.Enable()
			if err != nil {
				a.showError(err)
				return
			}
			status.SetText(lastSyncText(rep))
			if a.list != nil {
				a.refreshSyncIndicator(a.list.sync)
			}
			if a.list != nil && (rep.Applied > 0 || rep.Erased > 0) {
				a.showCaseList() // what arrived shows in the list
				reopen()
			}
		})
	})
	syncBtn.Importance = widget.HighImportance
	top := container.NewVBox(
		widget.NewLabel(i18n.T("app.sync.folder_is", map[string]string{"Folder": tv.team.Folder()})),
		container.NewHBox(widget.NewLabel(i18n.T("app.sync.me")), me),
		widget.NewLabelWithStyle(i18n.T("app.sync.members"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
	)
	bottom := container.NewVBox(container.NewHBox(syncBtn, progress), status)
	d = dialog.NewCustom(i18n.T("app.sync.title"), i18n.T("app.bundle.close"),
		container.NewBorder(top, bottom, nil, nil, container.NewVScroll(rows)), a.win)
	d.Resize(fyne.NewSize(880, 760))
	d.Show()
}

// memberRow is one member: name, fingerprint, status, and what can be done.
func (a *App) memberRow(t *teamsync.Team, m teamsync.Member, changed func()) fyne.CanvasObject {
	st := i18n.T("sync.status." + string(m.Status))
	if m.Self {
		st = i18n.T("sync.status.self")
	}
	name := widget.NewLabelWithStyle(m.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	fp := widget.NewLabel(m.Fingerprint)
	fp.TextStyle.Monospace = true
	var action fyne.CanvasObject = widget.NewLabel("")
	switch {
	case m.Self:
	case m.Status == teamsync.StatusPending:
		action = widget.NewButton(i18n.T("app.sync.accept"), func() { a.askAccept(t, m, changed) })
	case m.Status == teamsync.StatusAccepted:
		action = widget.NewButton(i18n.T("app.sync.remove"), func() {
			dialog.ShowConfirm(i18n.T("app.sync.remove"), i18n.T("app.sync.remove_confirm", map[string]string{"Name": m.Name}), func(ok bool) {
				if !ok {
					return
				}
				var err error
				background(func() { err = t.Remove(m.Device) }, func() {
					if err != nil {
						a.showError(err)
						return
					}
					changed()
				})
			}, a.win)
		})
	}
	return container.NewBorder(nil, nil, nil, action,
		container.NewVBox(container.NewHBox(name, widget.NewLabel("· "+st)), fp))
}

// askAccept asks for the fingerprint the newcomer reads out, and accepts
// only when it matches.
func (a *App) askAccept(t *teamsync.Team, m teamsync.Member, changed func()) {
	entry := widget.NewEntry()
	entry.SetPlaceHolder("00000 00000 00000 00000 00000 00000 00000 00000")
	help := widget.NewLabel(i18n.T("app.sync.accept_help", map[string]string{"Name": m.Name}))
	help.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("", help),
		widget.NewFormItem(i18n.T("app.sync.fingerprint"), entry),
	}
	d := dialog.NewForm(i18n.T("app.sync.accept"), i18n.T("app.sync.accept"), i18n.T("app.bundle.close"), items, func(ok bool) {
		if !ok {
			return
		}
		var err error
		fp := entry.Text
		background(func() { err = t.Accept(m.Device, fp) }, func() {
			if err != nil {
				a.showError(syncErr(err))
				return
			}
			changed()
		})
	}, a.win)
	d.Resize(fyne.NewSize(620, 260))
	d.Show()
}

// syncErr names the translated sentence of a sync error (i18n.Error reads
// MessageKey), as the CLI does.
func syncErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, teamsync.ErrFingerprintMismatch):
		return keyedError{err, "sync.err.fingerprint"}
	case errors.Is(err, teamsync.ErrFolderUnavailable):
		return keyedError{err, "sync.err.folder"}
	case errors.Is(err, teamsync.ErrMemberRemoved):
		return keyedError{err, "sync.err.removed"}
	}
	return err
}

type keyedError struct {
	err error
	key string
}

func (e keyedError) Error() string      { return e.err.Error() }
func (e keyedError) Unwrap() error      { return e.err }
func (e keyedError) MessageKey() string { return e.key }

// lastSyncText says when the last sync ran and what it found.
func lastSyncText(r *teamsync.Report) string {
	if r == nil {
		return i18n.T("app.sync.never")
	}
	var b strings.Builder
	at := r.Time.Local()
	b.WriteString(i18n.T("app.sync.last", map[string]string{"When": i18n.Date(model.DateOf(at)) + " " + at.Format("15:04")}))
	b.WriteString("\n")
	b.WriteString(i18n.TCounts("sync.summary", map[string]int{
		"Pushed": r.PushedOps, "Segments": r.PushedSegments, "Pulled": r.PulledSegments,
		"Applied": r.Applied, "Collisions": r.Collisions, "Skipped": len(r.Skipped)}))
	if r.Waiting {
		b.WriteString("\n" + i18n.T("sync.waiting"))
	}
	if r.Documents > 0 {
		b.WriteString("\n" + i18n.TPlural("sync.documents", r.Documents))
	}
	if r.Erased > 0 || r.Cleaned > 0 {
		b.WriteString("\n" + i18n.TCounts("sync.erased", map[string]int{"N": r.Erased, "Segments": r.Cleaned}))
	}
	if r.FutureClocks > 0 {
		b.WriteString("\n" + i18n.TPlural("sync.future", r.FutureClocks))
	}
	for i, p := range r.Skipped {
		if i == 5 {
			b.WriteString(fmt.Sprintf("\n… (%d)", len(r.Skipped)-5))
			break
		}
		b.WriteString("\n" + i18n.T("sync.skipped", map[string]string{"File": p.File, "Reason": i18n.T("sync.reason." + p.Code())}))
	}
	return b.String()
}

// collisionText says, for the lawyer, which value was kept and which lost,
// by whom and when.
func collisionText(c store.QueuedCollision) string {
	val := func(raw json.RawMessage) string { return i18n.HistoryValue(c.Field, raw) }
	at := c.LostHLC.Time().Local()
	return i18n.T("app.sync.collision", map[string]string{
		"Ref": c.CaseRef, "Field": i18n.HistoryField(c.Kind, c.Field), "Kept": val(c.Value), "Lost": val(c.Lost),
		"Who": c.LostAuthor, "When": i18n.Date(model.DateOf(at)) + " " + at.Format("15:04")})
}
