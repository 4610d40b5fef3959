package memtrim

import (
	"runtime"
	"testing"
)

var sink [][]byte

// Once more than Slack has been allocated, the garbage is collected and
// handed back; before, nothing is done.
func TestMaybeTrimsGarbageBeyondSlack(t *testing.T) {
	tr := &Trimmer{Slack: 16 << 20}
	released := 0
	tr.Trim(func() { released++ })
	if tr.Maybe(func() { released++ }) {
		t.Fatal("trimmed with nothing allocated")
	}
	for range 64 { // 64 MiB, then dropped: garbage
		sink = append(sink, make([]byte, 1<<20))
	}
	sink = nil
	if !tr.Maybe(func() { released++ }) {
		t.Fatal("64 MiB of garbage left in place")
	}
	if released != 2 {
		t.Fatalf("release called %d times, want 2", released)
	}
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if idle := m.HeapIdle - m.HeapReleased; idle > 16<<20 {
		t.Fatalf("%d MiB free but not handed back after a trim", idle>>20)
	}
}
