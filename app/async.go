package app

import (
	"sync/atomic"

	"fyne.io/fyne/v2"
)

// background runs work off the UI goroutine (scrypt, Badger, the demo
// clinic), then done on it through fyne.Do: the one way slow work reaches
// widgets.
func background(work, done func()) {
	running.Add(1)
	go func() {
		defer running.Add(-1)
		work()
		fyne.Do(done)
		if asyncDone != nil {
			asyncDone()
		}
	}()
}

// running counts the background jobs not finished, for tests that must
// read the widgets only once no job is left to change them.
var running atomic.Int64

// asyncDone, set by tests only, is called after each background job has
// updated the UI, so a test can wait for it (and the race detector sees the
// hand-over).
var asyncDone func()
