// Package memtrim hands memory back to the operating system once the Go
// program has allocated a good deal since the last time it did.
//
// A Go process keeps the memory its collector frees and returns it to the
// system only slowly, and collects only when the heap has grown by GOGC
// percent. Casefile's heap after unlock is mostly what it keeps on purpose
// (the case list, the search index, Badger's caches); what comes on top is
// garbage from bursts (Badger compacting a vault just filled by casefile
// demo, imports, syncs) or from the window repainting. A Trimmer, checked
// once a minute, collects and hands back what is free once Slack bytes
// have been allocated since its last trim. It counts allocations because
// the heap shows garbage only after a collection. A burst still running
// at a trim (its buffers live then, garbage a moment later, with nothing
// allocated since) shows in neither: for that the app trims regardless
// for the first minutes after unlock (app.watchMemory).
package memtrim

import (
	"runtime"
	"runtime/debug"
)

// Trimmer remembers how much had been allocated at its last trim.
type Trimmer struct {
	Slack uint64 // bytes allocated since the last trim before Maybe trims
	base  uint64
}

// Trim collects now and hands back the free memory, calling release first
// (to give back other memory, such as mapped table pages).
func (t *Trimmer) Trim(release func()) {
	if release != nil {
		release()
	}
	debug.FreeOSMemory()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.base = m.TotalAlloc
}

// Maybe trims if more than Slack bytes have been allocated since the last
// trim, and reports whether it did.
func (t *Trimmer) Maybe(release func()) bool {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	if m.TotalAlloc <= t.base+t.Slack {
		return false
	}
	t.Trim(release)
	return true
}

// Base is how much the program had allocated at the last trim (0 before
// the first): it changes with every trim.
func (t *Trimmer) Base() uint64 { return t.base }
