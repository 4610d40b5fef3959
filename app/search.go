package app

import (
	"errors"
	"strings"
	"sync"

	"casefile/search"
	"casefile/store"
)

// searchState holds the in-memory search index of the unlocked vault. It
// is built in the background after unlock (a few seconds for 100,000
// cases) and kept current from the vault's case feed (searchFeed), which
// every write reaches whatever screen or background job made it: saves,
// notes, imports, sync, merges, erasures. Until the index is ready,
// searchIndex returns nil and the case list keeps its plain filter.
type searchState struct {
	mu  sync.Mutex
	ix  *search.Index
	gen int // bumped at each build and lock, so a stale build is dropped
	// Cases the feed named while the index was being built (or all):
	// read again once it is.
	pending    map[string]bool
	pendingAll bool
	// apply serialises the index updates from the feed, so that a case
	// read earlier never overwrites the same case read later.
	apply sync.Mutex

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
	// The build reads everything committed from now on; the feed's
	// notices from now on wait in pending.
	a.search.pending, a.search.pendingAll = map[string]bool{}, false
	a.search.mu.Unlock()
	// Not background(): tests wait on its jobs one by one, and this one
	// runs beside them.
	go func() {
		ix, err := search.Build(v.EachSearchDoc)
		if err == nil { // else locked meanwhile: the list keeps its plain filter
			a.searchBuilt(v, gen, ix)
			a.settle(v)
		}
	}()
}

func (a *App) searchBuilt(v *store.Vault, gen int, ix *search.Index) {
	a.search.apply.Lock()
	defer a.search.apply.Unlock()
	a.search.mu.Lock()
	if a.search.gen != gen {
		a.search.mu.Unlock()
		return
	}
	a.search.ix = ix
	pending, all := a.search.pending, a.search.pendingAll
	a.search.pending, a.search.pendingAll = nil, false
	a.search.mu.Unlock()
	if all {
		a.buildSearchIndex(v)
		return
	}
	for id := range pending {
		searchRefresh(ix, v, id)
	}
}

// dropSearchIndex forgets the index (at lock): the names it holds go with
// the vault.
func (a *App) dropSearchIndex() {
	a.search.mu.Lock()
	a.search.gen++
	a.search.ix = nil
	a.search.pending, a.search.pendingAll = nil, false
	a.search.rows, a.search.rowOf = nil, nil
	a.search.mu.Unlock()
}

// searchFeed is the vault's case feed (store.Vault.WatchCases): each case
// named is read again into the index, or removed from it when gone; while
// the index builds, the cases wait for it.
func (a *App) searchFeed(ch store.CaseChanges) {
	v := a.Vault()
	if v == nil {
		return
	}
	a.search.apply.Lock()
	defer a.search.apply.Unlock()
	a.search.mu.Lock()
	ix := a.search.ix
	if ix == nil {
		if a.search.pending != nil { // building (nil: locked)
			a.search.pendingAll = a.search.pendingAll || ch.All
			for _, id := range ch.Cases {
				a.search.pending[id] = true
			}
		}
		a.search.mu.Unlock()
		return
	}
	a.search.mu.Unlock()
	if ch.All {
		a.buildSearchIndex(v)
		return
	}
	for _, id := range ch.Cases {
		searchRefresh(ix, v, id)
	}
}

// searchRefresh reads case id again into ix; a case no longer there is
// removed. Any other error (the vault locking) leaves ix alone.
func searchRefresh(ix *search.Index, v *store.Vault, id string) {
	d, err := v.SearchDoc(id)
	switch {
	case err == nil:
		ix.Update(d)
	case errors.Is(err, store.ErrNotFound):
		ix.Remove(id)
	}
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
