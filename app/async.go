package app

import "fyne.io/fyne/v2"

// background runs work off the UI goroutine (scrypt, Badger, the demo
// clinic), then done on it through fyne.Do: the one way slow work reaches
// widgets.
func background(work, done func()) {
	go func() {
		work()
		fyne.Do(done)
		if asyncDone != nil {
			asyncDone()
		}
	}()
}

// asyncDone, set by tests only, is called after each background job has
// updated the UI, so a test can wait for it (and the race detector sees the
// hand-over).
var asyncDone func()
