package store

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
)

// QueuedCollision is a collision with the case it belongs to, for the
// queue of collisions to review across the vault.
type QueuedCollision struct {
	Collision
	CaseID  string `json:"case_id"`
	CaseRef string `json:"case_ref"`
}

// AllCollisions lists every collision in the vault (repl_collisions.go), in one
// pass over the change log, each with its case.
func (v *Vault) AllCollisions() ([]QueuedCollision, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var out []QueuedCollision
	err := v.longRead(func(txn *badger.Txn) error {
		var history []ExportChange
		if err := scan(txn, layout.Log, func(k, b []byte) error {
			h, device, ok := layout.ParseLogKey(string(k))
			if !ok {
				return nil
			}
			var ch Change
			if json.Unmarshal(b, &ch) != nil {
				return nil
			}
			history = append(history, ExportChange{HLC: h, Device: device, Author: ch.Author, Ops: ch.Ops})
			return nil
		}); err != nil {
			return err
		}
		for _, c := range collisionsIn(history) {
			q := QueuedCollision{Collision: c, CaseID: caseOfRecord(txn, c.Kind, c.ID)}
			if q.CaseID == "" {
				continue // a record held back by sync, or not in a case
			}
			if _, cs, err := getRecord[model.Case](txn, KindCase, q.CaseID); err == nil {
				q.CaseRef = cs.Ref
			}
			out = append(out, q)
		}
		return nil
	})
	return out, err
}

// caseOfRecord is the case a record belongs to ("" when none is found).
func caseOfRecord(txn *badger.Txn, kind, id string) string {
	raw, ok, err := getRaw(txn, layout.RecKey(kind, id))
	if err != nil || !ok {
		return ""
	}
	var rec struct {
		CaseID string `json:"case_id"`
	}
	switch kind {
	case KindCase, KindDeadlineSettings:
		return id
	case KindPerson:
		var found string
		_ = scanKeys(txn, layout.PersonCasePrefix(id), func(k []byte) error {
			if found == "" {
				found = string(k[strings.LastIndexByte(string(k), '/')+1:])
			}
			return nil
		})
		return found
	}
	env, err := changelog.DecodeEnvelope(raw, &rec)
	if err != nil || env == nil {
		return ""
	}
	return rec.CaseID
}

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
		env, err := readEnvelope(c.txn, kind, id)
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
