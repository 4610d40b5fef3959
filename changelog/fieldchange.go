package changelog

import (
	"encoding/json"
	"time"

	"casefile/model"
)

// FieldChange is one line of a case's history: who set which field of which
// record, when, from what to what. Old is absent when the record was new
// (or the field had never been set).
type FieldChange struct {
	Time   time.Time       `json:"time"`
	HLC    model.HLC       `json:"hlc"`
	Device string          `json:"device"`
	Author string          `json:"author"`
	Entity string          `json:"entity"`
	ID     string          `json:"id"`
	Field  string          `json:"field"`
	Old    json.RawMessage `json:"old,omitempty"`
	New    json.RawMessage `json:"new"`
}

// FieldChanges flattens changes (oldest first) into field changes, with
// each field's previous value as Old.
func FieldChanges(changes []Change) []FieldChange {
	last := map[string]json.RawMessage{}
	var out []FieldChange
	for _, ch := range changes {
		for _, op := range ch.Ops {
			k := op.Entity + "/" + op.ID + "/" + op.Field
			fc := FieldChange{
				Time: ch.HLC.Time(), HLC: ch.HLC, Device: ch.Device, Author: ch.Author,
				Entity: op.Entity, ID: op.ID, Field: op.Field, Old: last[k], New: op.Value,
			}
			last[k] = op.Value
			out = append(out, fc)
		}
	}
	return out
}
