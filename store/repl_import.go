package store

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"casefile/model"
	"casefile/store/internal/exchange"
	"casefile/store/internal/layout"
)

// FieldRef names one field of one record: a difference the import preview
// showed (ImportChange's Kind, ID and Field).
type FieldRef struct {
	Kind  string `json:"kind"`
	ID    string `json:"id"`
	Field string `json:"field"`
}

// ImportOptions says what ImportBundle takes besides the cases.
type ImportOptions struct {
	// Documents hands over the bytes of the cases' documents (bundle
	// format 2). Needed when a case brings a document this vault lacks.
	Documents DocumentFeed
	// KeepLocal lists, per case id, the incoming values the user declined
	// in the preview. Such a value is not applied but kept as a collision
	// (Vault.Collisions): this vault writes the local value again, as a
	// change from the same base as the incoming one.
	KeepLocal map[string][]FieldRef
}

// ImportBundle is ImportCases with the documents' bytes and the user's
// declined differences. Documents are staged first (invisible, collected
// at the next open after a crash); each case is then one change, as in
// ImportCases and in the same single atomic change, that also makes its
// new documents visible and records the declined values. Nothing is
// written when a case is refused or a document's bytes do not match their
// record, and nothing stays of an import that fails or is cut.
func (v *Vault) ImportBundle(cases []CaseExport, opts ImportOptions) (ImportResult, error) {
	var res ImportResult
	if v.isClosed() {
		return res, ErrClosed
	}
	var maxHLC model.HLC
	for i := range cases {
		CleanExport(&cases[i])
		if err := CheckExport(&cases[i]); err != nil {
			return res, err
		}
		for _, ch := range cases[i].History {
			maxHLC = max(maxHLC, ch.HLC)
		}
	}
	pre, err := v.PreviewImport(cases)
	if err != nil {
		return res, err
	}
	for _, p := range pre {
		if p.Problem != nil {
			return res, fmt.Errorf("%s: %w", p.Ref, p.Problem)
		}
	}
	need, err := v.needsBytes(cases)
	if err != nil {
		return res, err
	}
	var staged []string
	if len(need) > 0 {
		if opts.Documents == nil {
			return res, fmt.Errorf("%w: documents came without their bytes", ErrInconsistentCases)
		}
		if staged, err = v.stageDocuments(need, opts.Documents); err != nil {
			return res, err
		}
	}
	// A declined field is left out of the merge (its incoming version
	// cleared), then written back by keepLocal below.
	merged := make([]CaseExport, len(cases))
	for i := range cases {
		merged[i] = cases[i]
		refs := opts.KeepLocal[cases[i].ID]
		if len(refs) == 0 {
			continue
		}
		merged[i].Records = slices.Clone(cases[i].Records)
		for j, r := range merged[i].Records {
			for _, f := range refs {
				if f.Kind == r.Kind && f.ID == r.ID && f.Field != "id" {
					if _, ok := r.Ver[f.Field]; ok {
						r.Ver = maps.Clone(r.Ver)
						delete(r.Ver, f.Field)
					}
				}
			}
			merged[i].Records[j] = r
		}
	}
	v.clock.Observe(maxHLC)
	outcome := make([]int, len(cases))
	err = v.atomically("import", func(op *atomicOp) error {
		return v.batchIn(op, len(cases), func(i int, c *change) error {
			keep, err := c.declined(&cases[i], opts.KeepLocal[cases[i].ID])
			if err != nil {
				return err
			}
			n, err := c.importCase(&merged[i])
			if err != nil {
				return err
			}
			kept, err := c.keepLocal(keep)
			if n == 0 && kept {
				n = 2
			}
			outcome[i] = n
			return err
		})
	})
	if err != nil {
		// Rolled back: the documents' pending markers are back, their
		// chunks go now (or at the next open).
		v.dropStaged(staged)
		return res, err
	}
	for _, o := range outcome {
		switch o {
		case 0:
			res.Unchanged++
		case 1:
			res.NewCases++
		default:
			res.UpdatedCases++
		}
	}
	return res, err
}

// keptField is a declined incoming value: the local one, its record, and
// the base version both changes started from.
type keptField struct {
	FieldRef
	local json.RawMessage
	base  model.HLC
}

// declined reads, before the case is merged, the local values of the
// fields the user declined where the incoming value would have won (an
// older incoming value is not taken anyway).
func (c *change) declined(ce *CaseExport, refs []FieldRef) ([]keptField, error) {
	var out []keptField
	for _, f := range refs {
		i := slices.IndexFunc(ce.Records, func(r ExportRecord) bool { return r.Kind == f.Kind && r.ID == f.ID })
		if i < 0 || f.Field == "id" {
			continue
		}
		in := ce.Records[i]
		local, err := exchange.ReadEnvelope(c.txn, f.Kind, f.ID)
		if err != nil {
			return nil, err
		}
		if local == nil || in.Ver[f.Field] <= local.Ver[f.Field] {
			continue
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(local.Data, &fields); err != nil {
			return nil, fmt.Errorf("store: decode record: %w", err)
		}
		lv, ok := fields[f.Field]
		if !ok {
			continue
		}
		k := keptField{FieldRef: f, local: lv}
		for _, ch := range ce.History {
			if ch.HLC != in.Ver[f.Field] {
				continue
			}
			for _, op := range ch.Ops {
				if op.Entity == f.Kind && op.ID == f.ID && op.Field == f.Field {
					k.base = op.Base
				}
			}
		}
		out = append(out, k)
	}
	return out, nil
}

// keepLocal stages, for each declined field, the local value again as an
// operation of this change with the incoming operation's base: the two are
// then concurrent, this one later, and collisionsIn lists the incoming one
// as lost. The record's value is unchanged; only its version moves.
func (c *change) keepLocal(keep []keptField) (bool, error) {
	for _, k := range keep {
		env, err := c.pendingOrStored(k.Kind, k.ID)
		if err != nil {
			return false, err
		}
		if env == nil {
			continue
		}
		if err := c.pastBase(max(env.Ver[k.Field], k.base)); err != nil {
			return false, err
		}
		env.Ver = maps.Clone(env.Ver)
		env.Ver[k.Field] = c.hlc
		b, err := json.Marshal(env)
		if err != nil {
			return false, err
		}
		c.set(layout.RecKey(k.Kind, k.ID), b)
		c.ops = append(c.ops, Op{Entity: k.Kind, ID: k.ID, Field: k.Field, Value: k.local, Base: k.base})
	}
	return len(keep) > 0, nil
}
