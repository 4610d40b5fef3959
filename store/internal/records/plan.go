package records

import (
	"runtime"
	"sync"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
)

// A bulk edit (store/bulkedit.go) reads its cases from one snapshot, plans
// each in memory, then writes the cases that change. Reading and planning
// are here; planning is pure (Diff), so cases are planned in parallel.

// fullScanAbove is the number of cases from which a bulk operation reads
// every case's entries in one pass rather than seeking to each case.
const fullScanAbove = 2000

// LoadMany reads the states of the cases ids for a bulk edit: LoadAllStates
// for many cases, LoadStates for a few.
func LoadMany[S interface {
	StateSink
	comparable
}](txn *badger.Txn, ids []string, newState func(c *model.Case, policy model.HolidayPolicy) S) ([]S, error) {
	if len(ids) > fullScanAbove {
		return LoadAllStates(txn, ids, newState)
	}
	return LoadStates(txn, ids, newState)
}

// PlanEach calls plan(0) … plan(n-1) on as many goroutines as there are
// CPUs and returns the first error; after an error, no further case is
// planned.
func PlanEach(n int, plan func(i int) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		firstErr error
		next     int
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				stop := firstErr != nil
				mu.Unlock()
				if i >= n || stop {
					return
				}
				if err := plan(i); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
				}
			}
		}()
	}
	wg.Wait()
	return firstErr
}
