package app

import (
	"sync"

	"fyne.io/fyne/v2"

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
}

// searchIndex is the index of the unlocked vault, or nil while it builds.
func (a *App) searchIndex() *search.Index {
	a.search.mu.Lock()
	defer a.search.mu.Unlock()
	return a.search.ix
}

// buildSearchIndex starts building the index of v off the UI goroutine;
// done, if not nil, runs on the UI goroutine once it is ready.
func (a *App) buildSearchIndex(v *store.Vault, done func()) {
	a.search.mu.Lock()
	a.search.gen++
	gen := a.search.gen
	a.search.ix = nil
	a.search.mu.Unlock()
	// Not background(): tests wait on its jobs one by one, and this one
	// runs beside them.
	go func() {
		ix, err := search.Build(func(add func(search.Doc)) error { return v.EachSearchDoc(add) })
		fyne.Do(func() { a.searchBuilt(v, gen, ix, err, done) })
	}()
}

func (a *App) searchBuilt(v *store.Vault, gen int, ix *search.Index, err error, done func()) {
	{
		if err != nil {
			if a.Vault() == v {
				a.showError(err)
			}
			return
		}
		a.search.mu.Lock()
		if a.search.gen == gen {
			a.search.ix = ix
		}
		a.search.mu.Unlock()
		if done != nil {
			done()
		}
	}
}

// dropSearchIndex forgets the index (at lock): the names it holds go with
// the vault.
func (a *App) dropSearchIndex() {
	a.search.mu.Lock()
	a.search.gen++
	a.search.ix = nil
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
