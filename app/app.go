package app

import (
	"errors"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/icons"
	"casefile/internal/privtemp"
	"casefile/store"
)

// ID is the application id (also in FyneApp.toml). Fyne keeps the app's
// preferences under it; they never hold personal data (only the auto-lock
// delay).
const ID = "org.casefile.desktop"

// Preference keys. Nothing personal: see DESIGN.md, "What may leave the vault".
const prefAutoLock = "autolock_minutes"

// DefaultAutoLock is the idle time before the vault locks itself.
const DefaultAutoLock = 10 * time.Minute

// App is one Casefile window and the vault it has unlocked, if any.
type App struct {
	fa  fyne.App
	win fyne.Window
	dir string

	mu    sync.Mutex
	vault *store.Vault

	lastActive atomic.Int64 // unix nanoseconds of the last user action
	trim       trimmer      // hands memory back (memory.go)
	stopIdle   chan struct{}
	caseTabs   *container.AppTabs // the case screen's tabs, when shown
	letters    letterState        // the Letters tab's drafts (letters.go)
	// reminding counts the watchers Lock waits for (reminders, sync,
	// memory): they read or touch the vault being closed.
	reminding sync.WaitGroup

	search    searchState       // the search index, while unlocked (search.go)
	stopFeed  func()            // ends the vault's case feed to the index
	list      *caseList         // the main screen, while unlocked
	shortcuts map[string]func() // by shortcut name; see installShortcuts

	form    *caseForm    // the last case form shown (activeForm: if still on screen)
	dialog  *liveDialog  // the event or evidence dialog on screen (dialogdraft.go)
	warning *lockWarning // the auto-lock countdown, while shown (UI goroutine)
	warned  atomic.Bool  // whether it is shown (read by the idle watcher)
	redraw  redrawable   // the locked screen shown, to draw again in another language
	csv     *csvImport   // the spreadsheet import shown last (csvimport.go)

	pendingImports []string // bundles to preview after unlocking (openfile.go)
}

// Run opens the desktop app on the vault in dir and returns when the window
// closes; the vault is locked then. Bundles given (a double-clicked
// .casefile.age file) open in the import preview once the vault is
// unlocked (openfile.go).
func Run(dir string, bundles ...string) error {
	if os.Getenv("GOGC") == "" {
		// The collector runs when the heap has grown by half of what is
		// live, not by all of it: an open vault of 100,000 cases keeps
		// about 180 MB live (list, search index, Badger's caches), and the
		// default let the heap reach twice that between collections. A
		// desktop app allocates little once settled, so the cost is small.
		debug.SetGCPercent(50)
	}
	i18n.Init()
	privtemp.Wipe() // copies a crash left behind (documents.go)
	a := New(fyneapp.NewWithID(ID), dir)
	a.pendingImports = bundles
	a.win.ShowAndRun()
	a.Lock()
	return nil
}

// New builds the window for fa and shows the set-up wizard (no vault in dir
// yet) or the unlock screen. Tests pass a test app.
func New(fa fyne.App, dir string) *App {
	i18n.Init()
	guardFileDialogs(fa) // filedialog.go: no folder name left in the preferences
	a := &App{fa: fa, dir: dir}
	a.applyLanguagePreference() // language.go
	fa.Settings().SetTheme(readableTheme{theme.DefaultTheme()})
	fa.SetIcon(icons.App)
	w := fa.NewWindow(i18n.T("app.name"))
	w.SetIcon(icons.App)
	w.Resize(fyne.NewSize(1024, 700))
	a.win = w
	a.trim.Slack = trimSlack
	w.SetCloseIntercept(a.closeWindow) // edits.go: unsaved changes ask first
	a.touch()
	if crypto.Exists(dir) {
		a.showUnlock("")
	} else {
		a.showSetup()
		a.canRedraw(a.showSetup) // language.go: its first step only
	}
	a.setMenu()          // menu.go
	a.installShortcuts() // shortcuts.go
	return a
}

// Window is the app's window.
func (a *App) Window() fyne.Window { return a.win }

// Vault is the unlocked vault, or nil.
func (a *App) Vault() *store.Vault {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.vault
}

// touch records user activity, postponing auto-lock. Every handler that
// reacts to the user calls it.
func (a *App) touch() { a.lastActive.Store(time.Now().UnixNano()) }

// unlocked switches to the case list once a vault is open, and starts the
// idle watcher.
func (a *App) unlocked(v *store.Vault) {
	a.mu.Lock()
	a.vault = v
	a.stopIdle = make(chan struct{})
	stop := a.stopIdle
	a.mu.Unlock()
	a.touch()
	go a.watchIdle(stop, idleTick)
	a.reminding.Add(1)
	go func() { defer a.reminding.Done(); a.watchReminders(v, stop) }()
	a.reminding.Add(1)
	go func() { defer a.reminding.Done(); a.watchSync(v, stop) }() // sync.go
	a.reminding.Add(1)
	go func() { defer a.reminding.Done(); a.watchMemory(v, stop) }() // memory.go
	// Finish a deadline recomputation that a crash or a lock interrupted.
	if err := v.ResumeDeadlines(); err != nil {
		a.showError(err)
	}
	a.setMenu() // the vault's tools
	a.showCaseList()
	// The index follows the vault's changes from the start, whoever makes
	// them (search.go); the build below covers what is there already.
	a.mu.Lock()
	a.stopFeed = v.WatchCases(a.searchFeed)
	a.mu.Unlock()
	a.buildSearchIndex(v)
	// Dialogs stack: the last shown is on top.
	a.remindBackup()
	a.restoreDraft(v)      // edits.go: a form the last lock kept
	a.askAuthorOnce(v)     // setup.go: vaults made before the wizard asked
	a.openPendingImports() // openfile.go: a bundle the app was started with
	// Unlocking and listing leave garbage (scrypt alone used 256 MiB);
	// give it back to the system now rather than in a few minutes.
	go debug.FreeOSMemory()
}

// Lock closes the vault, drops the screens that showed its data and goes
// back to the unlock screen. Safe to call when already locked.
func (a *App) Lock() { a.lock() }

// lock is Lock; it reports whether a form's unsaved changes were kept as a
// draft inside the vault (edits.go) before it closed.
func (a *App) lock() (kept bool) {
	if v := a.Vault(); v != nil {
		kept = a.keepDraft(v)
	}
	a.hideLockWarning()
	a.mu.Lock()
	v := a.vault
	a.vault = nil
	if a.stopIdle != nil {
		close(a.stopIdle)
		a.stopIdle = nil
	}
	stopFeed := a.stopFeed
	a.stopFeed = nil
	a.list = nil
	a.form = nil
	a.dialog = nil
	a.mu.Unlock()
	if stopFeed != nil {
		stopFeed()
	}
	a.reminding.Wait()
	a.dropSearchIndex()
	if v != nil {
		v.Close()
	}
	privtemp.Wipe()                      // clear copies of opened documents (documents.go)
	forgetLastFolder(a.fa.Preferences()) // filedialog.go
	return kept
}

// lockToUnlockScreen locks and shows the unlock screen with a message,
// and says so when unsaved changes were kept for the next unlock.
func (a *App) lockToUnlockScreen(msg string) {
	if a.lock() {
		msg = strings.TrimSpace(msg + "\n" + i18n.T("edits.kept_draft"))
	}
	// Dialogs left open (an event being recorded, a reminder) showed the
	// vault's data: none stays over the unlock screen.
	c := a.win.Canvas()
	for o := c.Overlays().Top(); o != nil; o = c.Overlays().Top() {
		c.Overlays().Remove(o)
	}
	a.showUnlock(msg)
}

func (a *App) autoLockDelay() time.Duration {
	m := a.fa.Preferences().IntWithFallback(prefAutoLock, int(DefaultAutoLock/time.Minute))
	if m <= 0 {
		return 0
	}
	return time.Duration(m) * time.Minute
}

// idleTick is how often the idle watcher looks: each second, so that the
// countdown before auto-lock counts seconds.
const idleTick = time.Second

// lockWarnBefore is how long before auto-lock its countdown shows (half
// the delay when that is shorter).
var lockWarnBefore = 30 * time.Second

// watchIdle locks the vault once no activity has been seen for the
// auto-lock delay, after a countdown the user dismisses by moving the
// mouse or typing (lockwarning.go). A form's unsaved changes are kept as a
// draft inside the vault (Lock).
func (a *App) watchIdle(stop chan struct{}, tick time.Duration) {
	t := time.NewTicker(tick)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
		}
		d := a.autoLockDelay()
		if d <= 0 {
			continue
		}
		idle := time.Since(time.Unix(0, a.lastActive.Load()))
		switch warn := min(lockWarnBefore, d/2); {
		case idle >= d:
			fyne.Do(func() {
				if a.Vault() != nil {
					a.lockToUnlockScreen(i18n.T("app.locked_idle"))
				}
			})
			return
		case idle >= d-warn:
			left := d - idle
			fyne.Do(func() {
				if a.Vault() != nil {
					a.showLockWarning(left)
				}
			})
		case a.warned.Load(): // active again (a shortcut, a tap)
			fyne.Do(a.hideLockWarning)
		}
	}
}

// showError shows err as a translated sentence in a dialog.
func (a *App) showError(err error) {
	dialog.ShowError(errors.New(i18n.Error(err)), a.win)
}
