package store

import (
	"errors"
	"runtime"
	"testing"

	"casefile/search"
)

// Closing the vault while the search documents are being read (the app
// locking during the index build at unlock) stops the read cleanly instead
// of closing Badger under its iterator.
func TestCloseDuringEachSearchDoc(t *testing.T) {
	v := newVault(t)
	for range 50 {
		f := sampleFile()
		if err := v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
	}
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		n := 0
		done <- v.EachSearchDoc(func(search.Doc) {
			if n++; n == 1 {
				close(started)
				<-release
			}
		})
	}()
	<-started
	closed := make(chan struct{})
	go func() { v.Close(); close(closed) }()
	for !v.closing.Load() {
		runtime.Gosched()
	}
	close(release)
	if err := <-done; !errors.Is(err, ErrClosed) {
		t.Fatalf("read during close: %v, want ErrClosed", err)
	}
	<-closed
	if err := v.EachSearchDoc(func(search.Doc) {}); !errors.Is(err, ErrClosed) {
		t.Fatalf("after close: %v", err)
	}
}
