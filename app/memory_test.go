package app

import (
	"testing"
	"time"
)

var garbage [][]byte

// While unlocked, the memory watcher trims once garbage has piled up (and
// at first anyway); Lock stops it and waits for it.
func TestMemoryWatcherTrimsWhileUnlocked(t *testing.T) {
	memoryTick = 20 * time.Millisecond
	t.Cleanup(func() { memoryTick = time.Minute })
	a, _ := unlockedApp(t, 2)
	trims := func() uint64 {
		a.trim.mu.Lock()
		defer a.trim.mu.Unlock()
		return a.trim.Base()
	}
	before := trims()
	for range 96 { // 96 MiB, dropped: garbage for the watcher to trim
		garbage = append(garbage, make([]byte, 1<<20))
	}
	garbage = nil
	deadline := time.Now().Add(10 * time.Second)
	for trims() == before {
		if time.Now().After(deadline) {
			t.Fatal("the memory watcher did not trim in 10 s")
		}
		time.Sleep(10 * time.Millisecond)
	}
	a.Lock()
	after := trims()
	time.Sleep(100 * time.Millisecond)
	if trims() != after {
		t.Fatal("the memory watcher still trims after Lock")
	}
}
