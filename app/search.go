package app

import (
	"strings"
	"sync"
	"time"

	"casefile/internal/memtrim"
	"casefile/search"
	"casefile/store"
)

// searchState holds the in-memory search index of the unlocked vault. It
// is built in the background after unlock (a few seconds for 100,000
// cases) and kept current by searchCaseChanged after every save; until it
// is ready, searchIndex returns nil and the case list keeps its plain
// filter.
type searchState struct {
	mu  sync.Mutex
	ix  *search.Index
	gen int // bumped at each build and lock, so a stale build is dropped

	rows  *store.CaseList // the list rowOf indexes, and its rows by case id
	rowOf map[string]int32
}

// searchIndex is the index of the unlocked vault, or nil while it builds.
func (a *App) searchIndex() *search.Index {
	a.search.mu.Lock()
	defer a.search.mu.Unlock()
	return a.search.ix
}

// buildSearchIndex starts building the index of v off the UI goroutine.
// It touches no widget when done: the list uses it from the next
// keystroke (under Fyne's test driver fyne.Do runs inline, so touching
// widgets from here would race with a test).
func (a *App) buildSearchIndex(v *store.Vault) {
	a.search.mu.Lock()
	a.search.gen++
	gen := a.search.gen
	a.search.ix = nil
	a.search.mu.Unlock()
	// Not background(): tests wait on its jobs one by one, and this one
	// runs beside them.
	go func() {
		ix, err := search.Build(v.EachSearchDoc)
		if err == nil { // else locked meanwhile: the list keeps its plain filter
			a.searchBuilt(gen, ix)
			a.settle(v)
		}
	}()
}

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
	t := time.NewTicker(memoryTick)
	defer t.Stop()
	for n := 1; ; n++ {
		select {
		case <-stop:
			return
		case <-t.C:
			a.trim.mu.Lock()
			if n <= settleTicks {
				a.trim.Trim(func() { v.ReleaseMappedTables() })
			} else {
				a.trim.Maybe(func() { v.ReleaseMappedTables() })
			}
			a.trim.mu.Unlock()
		}
	}
}

func (a *App) searchBuilt(gen int, ix *search.Index) {
	a.search.mu.Lock()
	defer a.search.mu.Unlock()
	if a.search.gen == gen {
		a.search.ix = ix
	}
}

// dropSearchIndex forgets the index (at lock): the names it holds go with
// the vault.
func (a *App) dropSearchIndex() {
	a.search.mu.Lock()
	a.search.gen++
	a.search.ix = nil
	a.search.rows, a.search.rowOf = nil, nil
	a.search.mu.Unlock()
}

// searchCaseChanged brings the index up to date after caseID was saved
// (or removed: the store no longer finds it).
func (a *App) searchCaseChanged(caseID string) {
	ix, v := a.searchIndex(), a.Vault()
	if ix == nil || v == nil {
		return
	}
	d, err := v.SearchDoc(caseID)
	if err != nil {
		ix.Remove(caseID)
		return
	}
	ix.Update(d)
}

// filterCases is the case list's filter, the rows of all that match q in
// a new slice: the search index, best matches first, once it is built;
// the plain filter before.
func (a *App) filterCases(all *store.CaseList, q string) []int32 {
	ix := a.searchIndex()
	if ix == nil || strings.TrimSpace(q) == "" {
		return all.Filter(q)
	}
	a.search.mu.Lock()
	if a.search.rows != all {
		a.search.rows, a.search.rowOf = all, make(map[string]int32, all.Len())
		for i := range all.Len() {
			a.search.rowOf[all.ID(i)] = int32(i)
		}
	}
	rowOf := a.search.rowOf
	a.search.mu.Unlock()
	hits, _ := ix.Search(q, 0)
	out := make([]int32, 0, len(hits))
	for _, h := range hits {
		if i, ok := rowOf[h.CaseID]; ok {
			out = append(out, i)
		}
	}
	return out
}
