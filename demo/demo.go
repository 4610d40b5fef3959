// Package demo fills a vault with a fictional clinic, for training, trying
// Casefile out, screenshots and benchmarks. Every person comes from
// fakeclinic's generator: no real person is ever written. Both faces (the
// set-up wizard's option and `casefile demo`) call Fill.
package demo

import (
	"math/rand/v2"
	"time"

	"casefile/fakeclinic"
	"casefile/model"
	"casefile/store"
)

// chunk is how many cases are generated and handed to the vault at a time:
// memory stays flat however many cases are asked for.
const chunk = 2000

// Fill adds n fictional cases (with relatives, notes and procedural events,
// hence deadlines) to v, in batched transactions; each case is whole or
// absent after a crash, with its events and their deadlines. progress, if
// not nil, is called after each chunk with the number done.
//
// The next chunk is generated on a goroutine of its own while the vault
// writes the current one; the draws, hence the cases, are the same as
// generating and writing in turn.
func Fill(v *store.Vault, n int, seed int64, progress func(done int)) error {
	g := fakeclinic.New(seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 0xca5e))
	today := model.DateOf(time.Now())
	eg := newEventGen(seed, today)
	batches := make(chan []store.NewCase, 1)
	stop := make(chan struct{})
	go func() {
		defer close(batches)
		for done := 0; done < n; {
			m := min(chunk, n-done)
			batch := make([]store.NewCase, m)
			for i := range batch {
				h := g.Household(today)
				nc := store.NewCase{File: h.File, Notes: g.Notes(h.File, rng.IntN(6), today), Events: eg.events(h.File)}
				for _, r := range h.Relatives {
					nc.Relatives = append(nc.Relatives, store.Relative{Person: r.Person, Role: r.Role})
				}
				batch[i] = nc
			}
			select {
			case batches <- batch:
			case <-stop:
				return
			}
			done += m
		}
	}()
	defer func() {
		close(stop)
		for range batches { // let the generator finish
		}
	}()
	done := 0
	for batch := range batches {
		if err := v.CreateCases(batch); err != nil {
			return err
		}
		done += len(batch)
		if progress != nil {
			progress(done)
		}
	}
	return AttachDocuments(v, min(n, 25), seed) // documents.go
}
