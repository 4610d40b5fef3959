package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
)

// A bundle the app was started with (a double-clicked .casefile.age file)
// waits for the unlock, then opens in the import preview, once.
func TestBundleGivenAtStartOpensAfterUnlock(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	wait := waiter(t)
	bob, file := bundleForBob(t, wait)
	bob.lockToUnlockScreen("")
	bob.pendingImports = []string{file}

	test.Type(allEntries(t, bob.win)[0], pass)
	test.Tap(button(t, bob.win, i18n.T("app.unlock.button")))
	wait() // the unlock
	wait() // the bundle read for the preview
	if checks := inOverlays[*widget.Check](t, bob.win); len(checks) != 2 {
		t.Fatalf("import preview after unlock: %d cases, want 2", len(checks))
	}
	if bob.pendingImports != nil {
		t.Error("the bundle would open again at the next unlock")
	}
}
