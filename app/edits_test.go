package app

import (
	"testing"
)

// searchSettled waits until the index is built and holds every change
// committed so far (the vault's case feed delivered, its updates applied).
func searchSettled(t *testing.T, a *App) {
	t.Helper()
	waitIndex(t, a)
	if v := a.Vault(); v != nil {
		v.SyncFeed()
	}
	a.search.apply.Lock()
	a.search.apply.Unlock() //nolint:staticcheck // waits for an update in flight
}
