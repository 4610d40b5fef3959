package app

import (
	"sync"
	"time"

	"casefile/internal/memtrim"
	"casefile/store"
)

// settle hands back what the unlock's burst of reading left behind, once
// the index (its last and largest part) is built: the table pages the full
// scan mapped (store.Vault.ReleaseMappedTables) and the garbage of decoding
// every record, which the collector would otherwise keep until the heap
// doubles again. On a vault of 100,000 cases the settled app went from
// about 780 MB resident to the figure in docs/performance.md.
//
// The memory watcher (watchMemory) does the same later, whenever garbage
// has piled up again.
func (a *App) settle(v *store.Vault) {
	a.trim.mu.Lock()
	defer a.trim.mu.Unlock()
	a.trim.Trim(func() { v.ReleaseMappedTables() })
}

// trimmer is the app's memtrim.Trimmer, shared by settle and the memory
// watcher.
type trimmer struct {
	mu sync.Mutex
	memtrim.Trimmer
}

// memoryTick is how often the memory watcher looks (a variable for
// tests); trimSlack is how much may be allocated (hence become garbage)
// between two trims; for the first settleTicks looks after unlock it trims
// anyway.
var memoryTick = time.Minute

const (
	trimSlack   = 32 << 20
	settleTicks = 5
)

// watchMemory hands memory back while the vault is unlocked: once a minute
// for the first five minutes, then whenever trimSlack has been allocated
// since the last trim. Badger's compaction of a vault just filled by
// casefile demo runs for some seconds after the first open, often past the
// index build: its buffers, live at settle, are garbage a moment later,
// and no collection comes to see it while the app is idle (about 110 MB
// kept for two minutes, then left unreturned). An idle window's repaints
// make about 20 MB of garbage a minute. A check costs microseconds, a trim
// a collection of the live heap (about 0.1 s of CPU on a vault of 100,000
// cases), at most once a minute.
func (a *App) watchMemory(v *store.Vault, stop chan struct{}) {
	release := func() { v.ReleaseMappedTables() }
	t := time.NewTicker(memoryTick)
	defer t.Stop()
	for n := 1; ; n++ {
		select {
		case <-stop:
			return
		case <-t.C:
			a.trim.mu.Lock()
			if n <= settleTicks {
				a.trim.Trim(release)
			} else {
				a.trim.Maybe(release)
			}
			a.trim.mu.Unlock()
		}
	}
}
