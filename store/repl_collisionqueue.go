package store

import (
	"encoding/json"
	"fmt"

	"casefile/changelog"
	"casefile/store/internal/exchange"
)

// ResolveCollision settles a field after a lawyer reviewed its collision:
// value (the kept one or the one that lost) is written as a new operation
// whose base is the current version, so it wins over both sides and the
// collision, which compares operations from one base, is gone on every
// laptop once synced. The old values stay in the history.
func (v *Vault) ResolveCollision(kind, id, field string, value json.RawMessage) error {
	if !changelog.IsSyncKind(kind) || field == "" || field == "id" || !json.Valid(value) {
		return fmt.Errorf("%w: %s/%s/%s", ErrNotFound, kind, id, field)
	}
	return v.update(func(c *change) error {
		env, err := exchange.ReadEnvelope(c.txn, kind, id)
		if err != nil {
			return err
		}
		if env == nil {
			return ErrNotFound
		}
		if err := c.pastBase(env.Ver[field]); err != nil {
			return err
		}
		op := Op{Entity: kind, ID: id, Field: field, Value: value, Base: env.Ver[field]}
		c.ops = append(c.ops, op)
		var res ApplyResult
		return c.mergeRemote(kind, id, ExportChange{HLC: c.hlc, Device: v.device, Author: v.author, Ops: []Op{op}}, []Op{op}, &res)
	})
}
