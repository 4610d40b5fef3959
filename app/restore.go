package app

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/store"
)

// Restoring a backup from the unlock screen, as `casefile restore` does
// (docs/bundles.md, "Backups"): the backup file, the passphrase the vault
// had when it was made, and a new or empty folder; store.Restore does the
// work off the UI goroutine while a bar follows the bytes read. Then the
// window offers to open the restored vault.

// restoreTarget is the folder a restore proposes: the vault's own folder
// when it has no vault yet (a new computer), else a new folder beside it.
func restoreTarget(dir string, today time.Time) string {
	if !crypto.Exists(dir) && emptyOrAbsent(dir) {
		return dir
	}
	base := filepath.Clean(dir) + "-" + today.Format("2006-01-02")
	target := base
	for i := 2; !emptyOrAbsent(target); i++ {
		target = base + "-" + strconv.Itoa(i)
	}
	return target
}

// emptyOrAbsent reports whether dir can receive a restore.
func emptyOrAbsent(dir string) bool {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return true
	}
	return err == nil && len(entries) == 0
}

// restoreButton opens the restore screen (on the unlock screen, and on the
// set-up's first step: a new computer, the old one lost).
func (a *App) restoreButton() *widget.Button {
	b := widget.NewButton(i18n.T("restore.menu"), func() { a.touch(); a.showRestore() })
	b.Importance = widget.LowImportance
	return b
}

// showRestore is the restore screen, in place of the unlock screen.
func (a *App) showRestore() {
	if a.Vault() != nil {
		return
	}
	file := widget.NewLabel(i18n.T("restore.no_file"))
	file.Truncation = fyne.TextTruncateEllipsis
	var backup string
	pass := widget.NewPasswordEntry()
	target := widget.NewEntry()
	target.SetText(restoreTarget(a.dir, time.Now()))
	intro := widget.NewLabel(i18n.T("restore.intro"))
	intro.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	bar := widget.NewProgressBar()
	bar.Hide()
	var start, back, chooseFile, chooseDir *widget.Button
	chooseFile = widget.NewButton(i18n.T("restore.choose_file"), func() {
		a.touch()
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			backup = r.URI().Path()
			r.Close()
			file.SetText(filepath.Base(backup))
			a.win.Canvas().Focus(pass)
		}, a.win)
		d.SetTitleText(i18n.T("restore.choose_file"))
		d.Resize(fyne.NewSize(800, 560))
		d.Show()
	})
	chooseDir = widget.NewButton(i18n.T("restore.choose_dir"), func() {
		a.touch()
		d := dialog.NewFolderOpen(func(u fyne.ListableURI, err error) {
			if err == nil && u != nil {
				target.SetText(u.Path())
			}
		}, a.win)
		d.SetTitleText(i18n.T("restore.choose_dir"))
		d.Resize(fyne.NewSize(800, 560))
		d.Show()
	})
	fail := func(msg string) {
		status.Importance = widget.DangerImportance
		status.SetText(msg)
	}
	start = widget.NewButton(i18n.T("restore.start"), func() {
		a.touch()
		switch dir := filepath.Clean(target.Text); {
		case backup == "":
			fail(i18n.T("restore.no_file"))
		case pass.Text == "":
			fail(i18n.T("restore.no_passphrase"))
		case target.Text == "" || !filepath.IsAbs(dir):
			fail(i18n.T("restore.dir_absolute"))
		case !emptyOrAbsent(dir):
			fail(i18n.T("restore.dir_not_empty", map[string]string{"Dir": dir}))
		default:
			for _, w := range []fyne.Disableable{start, back, chooseFile, chooseDir, pass, target} {
				w.Disable()
			}
			status.Importance = widget.MediumImportance
			status.SetText(i18n.T("restore.working"))
			bar.SetValue(0)
			bar.Show()
			a.restoreBackup(backup, pass.Text, dir, bar, func(err error) {
				bar.Hide()
				if err != nil {
					for _, w := range []fyne.Disableable{start, back, chooseFile, chooseDir, pass, target} {
						w.Enable()
					}
					pass.SetText("")
					fail(restoreError(err))
					return
				}
				status.SetText(i18n.T("backup.restored", map[string]string{"Dir": dir}))
				a.offerRestored(dir, pass.Text)
			})
		}
	})
	start.Importance = widget.HighImportance
	back = widget.NewButton(i18n.T("app.recovery.back"), func() { a.touch(); a.showLocked() })
	pass.OnSubmitted = func(string) { start.OnTapped() }
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("restore.file"), container.NewBorder(nil, nil, nil, chooseFile, file)),
		widget.NewFormItem(i18n.T("restore.passphrase"), pass),
		widget.NewFormItem(i18n.T("restore.dir"), container.NewBorder(nil, nil, nil, chooseDir, target)),
	)
	a.win.SetContent(centered(container.NewVBox(
		title(i18n.T("restore.title")),
		intro,
		form,
		status,
		bar,
		container.NewHBox(back, layoutSpacer(), start),
	)))
	a.canRedraw(a.showRestore) // language.go
}

// showLocked is the screen of a window without an open vault: unlock, or
// the set-up when there is no vault yet.
func (a *App) showLocked() {
	if crypto.Exists(a.dir) {
		a.showUnlock("")
		return
	}
	a.showSetup()
	a.canRedraw(a.showSetup)
}

// restoreError words a failed restore for the app (the store's sentence
// for a used folder names the command line's --vault).
func restoreError(err error) string {
	if errors.Is(err, store.ErrRestoreTarget) {
		return i18n.T("restore.dir_not_empty_plain")
	}
	return i18n.Error(err)
}

// restoreBackup runs store.Restore in the background; the bar follows the
// share of the file read, up to 95 % until the restore is done. done runs
// on the UI goroutine.
func (a *App) restoreBackup(backup, passphrase, dir string, bar *widget.ProgressBar, done func(error)) {
	f, err := os.Open(backup)
	if err != nil {
		done(err)
		return
	}
	var size int64 = 1
	if fi, err := f.Stat(); err == nil && fi.Size() > 0 {
		size = fi.Size()
	}
	var read atomic.Int64
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				// Reading is most of the work; checking every record
				// and renaming the folder follow: the bar stops short
				// until they are done.
				p := float64(read.Load()) / float64(size)
				fyne.Do(func() { bar.SetValue(min(p, 1) * 0.95) })
			}
		}
	}()
	background(func() {
		defer f.Close()
		// The ticker has handed its last value to the UI before done
		// sets the bar full (and, in tests, before done runs at all).
		defer func() { close(stop); <-stopped }()
		unlock := func(dir string) (*crypto.MasterKey, error) { return crypto.UnlockPassphrase(dir, passphrase) }
		err = store.Restore(&countingReader{r: f, n: &read}, dir, unlock)
	}, func() {
		bar.SetValue(1)
		done(err)
	})
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// offerRestored asks whether to open the restored vault now. Opened, it
// is this window's vault until it closes; the next start opens the folder
// Casefile is set to, which the message names when it differs.
func (a *App) offerRestored(dir, passphrase string) {
	msg := i18n.T("backup.restored", map[string]string{"Dir": dir})
	if filepath.Clean(dir) != filepath.Clean(a.dir) {
		msg += "\n\n" + i18n.T("restore.other_dir", map[string]string{"Dir": dir, "Default": a.dir})
	}
	label := widget.NewLabel(msg)
	label.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(i18n.T("restore.title"), i18n.T("restore.open"), i18n.T("restore.not_now"), label, func(open bool) {
		a.touch()
		if !open {
			a.showLocked()
			return
		}
		a.dir = dir
		var v *store.Vault
		var err error
		background(func() { v, err = store.Open(dir, passphrase) }, func() {
			if err != nil {
				a.showUnlock(i18n.Error(err))
				return
			}
			a.unlocked(v)
		})
	}, a.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}
