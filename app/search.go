package app

import (
	"strings"
	"sync"

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
