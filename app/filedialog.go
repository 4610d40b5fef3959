package app

import (
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
)

// Fyne's file dialog remembers the last folder it showed in the app's
// preferences (lastFolderKey), a file in clear outside the vault
// (~/.config/fyne/org.casefile.desktop/preferences.json, %AppData%\fyne\…
// on Windows), written each time the user enters a folder. A folder name
// is often a client's name. So Casefile never lets the key be written:
//
//   - the app Fyne's dialogs reach (fyne.CurrentApp) is wrapped, and its
//     preferences drop that key when it is written and answer with the
//     folder every dialog starts in (startFolder) when it is read;
//   - the key is removed from the real preferences at start (a version
//     before this one may have left it), at each lock, and as soon as any
//     other code writes it (a change listener).
//
// TestFileDialogsLeaveNoFolderBehind opens each of the app's file dialogs,
// enters a folder named like a client, and scans the preferences and every
// file written outside the vault for that name.

// lastFolderKey is the preference Fyne's file dialog keeps the last
// folder in (fyne.io/fyne/v2/dialog, Fyne 2.7).
const lastFolderKey = "fyne:fileDialogLastFolder"

// guardFolders turns the protection on; a test turns it off once to prove
// that the scan finds what the key would leave.
var guardFolders = true

// startFolder is the folder every file dialog opens in: the user's
// Documents folder when there is one, else their home folder.
func startFolder() string {
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	for _, name := range []string{"Documents", "Mes documents"} {
		if fi, err := os.Stat(filepath.Join(home, name)); err == nil && fi.IsDir() {
			return filepath.Join(home, name)
		}
	}
	return home
}

// guardFileDialogs installs the protection for fa (see above).
func guardFileDialogs(fa fyne.App) {
	if !guardFolders {
		return
	}
	prefs := fa.Preferences()
	forgetLastFolder(prefs)
	prefs.AddChangeListener(func() {
		// Fyne calls listeners after each change, its own saver first;
		// removing the key makes it save again without it.
		if prefs.String(lastFolderKey) != "" {
			prefs.RemoveValue(lastFolderKey)
		}
	})
	fyne.SetCurrentApp(&folderlessApp{App: fa, prefs: folderlessPrefs{prefs}})
}

// forgetLastFolder removes the key from prefs if it is there.
func forgetLastFolder(prefs fyne.Preferences) {
	if guardFolders && prefs.String(lastFolderKey) != "" {
		prefs.RemoveValue(lastFolderKey)
	}
}

// folderlessApp is the app as Fyne's widgets see it, with preferences
// that keep no folder.
type folderlessApp struct {
	fyne.App
	prefs folderlessPrefs
}

func (f *folderlessApp) Preferences() fyne.Preferences { return f.prefs }

// folderlessPrefs passes every preference through but the last folder:
// written, it is dropped; read, it is the folder dialogs start in.
type folderlessPrefs struct{ fyne.Preferences }

func (p folderlessPrefs) String(key string) string { return p.StringWithFallback(key, "") }

func (p folderlessPrefs) StringWithFallback(key, fallback string) string {
	if key == lastFolderKey {
		if dir := startFolder(); dir != "" {
			return storage.NewFileURI(dir).String()
		}
		return fallback
	}
	return p.Preferences.StringWithFallback(key, fallback)
}

func (p folderlessPrefs) SetString(key, value string) {
	if key != lastFolderKey {
		p.Preferences.SetString(key, value)
	}
}
