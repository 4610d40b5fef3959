package store

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/exchange"
)

// Collision is a field changed concurrently (from the same base version)
// to different values; the later one won, the other is kept for the
// lawyer to review. Derived from the change log (exchange.CollisionsIn).
type Collision = exchange.Collision

// QueuedCollision is a collision with the case it belongs to.
type QueuedCollision = exchange.QueuedCollision

// Collisions lists a case's collisions (its own records, people, notes,
// events and deadlines), by record and field.
func (v *Vault) Collisions(idOrRef string) ([]Collision, error) {
	ex, err := v.ExportCases([]string{idOrRef})
	if err != nil {
		return nil, err
	}
	return exchange.CollisionsIn(ex[0].History), nil
}

// AllCollisions lists every collision in the vault, in one pass over the
// change log, each with its case.
func (v *Vault) AllCollisions() ([]QueuedCollision, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var out []QueuedCollision
	err := v.longRead(func(txn *badger.Txn) (err error) {
		out, err = exchange.AllCollisions(txn)
		return err
	})
	return out, err
}
