package app

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"casefile/i18n"
	"casefile/internal/atomicfile"
	teamsync "casefile/sync"
)

// Backups of the whole vault from the app (docs/security.md): written in
// the background, and the reminder when none was made lately.

// showBackup asks where to write a backup of the whole vault, then writes
// it in the background (the vault stays usable meanwhile).
func (a *App) showBackup() {
	dialog.ShowFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		a.backupTo(path, nil)
	}, a.win)
}

func (a *App) backupTo(path string, done func(error)) {
	v := a.Vault()
	if v == nil {
		return
	}
	var err error
	background(func() {
		err = atomicfile.WriteStream(path, 0o600, func(f *os.File) error { return v.Backup(f, filepath.Dir(path)) })
	}, func() {
		if done != nil {
			done(err)
		}
		if err != nil {
			a.showError(err)
			return
		}
		dialog.ShowInformation(i18n.T("app.bundle.backup"), i18n.T("backup.done", map[string]string{"File": path}), a.win)
	})
}

// remindBackup, called after unlock, offers a backup when the vault has
// neither a sync folder (none yet: team sync will say) nor a backup younger
// than a week, and holds at least one case (a vault just created has nothing
// to back up). It reports whether it showed the reminder.
func (a *App) remindBackup() bool {
	v := a.Vault()
	if v == nil {
		return false
	}
	_, inTeam, _ := v.Setting(teamsync.SettingFolder) // sync.go: the team holds copies
	due, err := v.BackupOverdue(inTeam)
	if err != nil || !due {
		return false
	}
	if l, err := v.CaseList(); err != nil || l.Len() == 0 {
		return false // a vault with no case yet has nothing to lose
	}
	dialog.ShowConfirm(i18n.T("app.bundle.backup"), i18n.T("app.bundle.backup_reminder"), func(ok bool) {
		if ok {
			a.showBackup()
		}
	}, a.win)
	return true
}
