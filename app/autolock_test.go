package app

import (
	"testing"
	"time"
)

// The idle watcher locks the vault once no activity has been seen for the
// configured delay, says why on the unlock screen, and never locks while
// the user is active or when auto-lock is off.
func TestAutoLock(t *testing.T) {
	a, _, _ := listApp(t, 1)
	a.mu.Lock()
	close(a.stopIdle) // the app's own watcher: this test runs its own
	a.stopIdle = nil
	a.mu.Unlock()
	const tick = 5 * time.Millisecond

	a.fa.Preferences().SetInt(prefAutoLock, 0) // off
	a.lastActive.Store(time.Now().Add(-10 * time.Hour).UnixNano())
	watchFor := func(d time.Duration) { // runs a watcher for d, then stops it and waits
		stop, done := make(chan struct{}), make(chan struct{})
		go func() { a.watchIdle(stop, tick); close(done) }()
		time.Sleep(d)
		close(stop)
		<-done
	}
	watchFor(100 * time.Millisecond) // twenty ticks
	if a.Vault() == nil {
		t.Fatal("locked although auto-lock is off")
	}

	a.fa.Preferences().SetInt(prefAutoLock, 15)
	a.touch() // active just now
	watchFor(100 * time.Millisecond)
	if a.Vault() == nil {
		t.Fatal("locked while the user was active")
	}

	v := a.Vault()
	a.lastActive.Store(time.Now().Add(-16 * time.Minute).UnixNano())
	// Run in this goroutine: watchIdle returns once it has locked (the test
	// driver runs fyne.Do inline, so the screens change here too).
	a.watchIdle(make(chan struct{}), tick)
	if a.Vault() != nil {
		t.Fatal("not locked after 16 idle minutes with a 15-minute setting")
	}
	if _, err := v.ListCases(); err == nil {
		t.Fatal("the vault is still open after auto-lock")
	}
	label(t, a.Window(), "Locked after inactivity")
}
