package store

import (
	"bytes"
	"encoding/json"
	"sort"

	"casefile/changelog"
	"casefile/model"
)

// Collision is a field changed concurrently (from the same base version)
// to different values, by two devices or by a form and another writer:
// the later one won (last writer wins), the other is kept here for the
// lawyer to review. Nothing is stored for
// it: both operations are in the change log, so collisions are derived
// from it, after an import as after sync.
type Collision struct {
	Kind       string          `json:"kind"`
	ID         string          `json:"id"`
	Field      string          `json:"field"`
	Value      json.RawMessage `json:"value"`    // the winning value, in the record
	Lost       json.RawMessage `json:"lost"`     // the concurrent value that lost
	LostHLC    model.HLC       `json:"lost_hlc"` // when it was written
	LostDevice string          `json:"lost_device"`
	LostAuthor string          `json:"lost_author"`
}

// Collisions lists a case's collisions (its own records, people, notes,
// events and deadlines), by record and field.
func (v *Vault) Collisions(idOrRef string) ([]Collision, error) {
	ex, err := v.ExportCases([]string{idOrRef})
	if err != nil {
		return nil, err
	}
	return collisionsIn(ex[0].History), nil
}

type loggedOp struct {
	Op
	hlc            model.HLC
	device, author string
}

func collisionsIn(history []ExportChange) []Collision {
	byField := map[string][]loggedOp{}
	for _, ch := range history {
		for _, op := range ch.Ops {
			k := op.Entity + "/" + op.ID + "/" + op.Field
			byField[k] = append(byField[k], loggedOp{Op: op, hlc: ch.HLC, device: ch.Device, author: ch.Author})
		}
	}
	var out []Collision
	for _, ops := range byField {
		win := ops[0]
		for _, o := range ops[1:] {
			if changelog.Wins(o.hlc, o.device, changelog.Version{HLC: win.hlc, Device: win.device}) {
				win = o
			}
		}
		for _, o := range ops {
			// Two operations from one base: concurrent. From the same
			// device too: a form saved against the version it loaded
			// while another screen of this laptop changed the field
			// (edits.go). One device's sequential writes never share a
			// base, each starting from the version the last one set.
			self := o.device == win.device && o.hlc == win.hlc
			if !self && o.Base == win.Base && !bytes.Equal(o.Value, win.Value) {
				out = append(out, Collision{Kind: o.Entity, ID: o.ID, Field: o.Field, Value: win.Value,
					Lost: o.Value, LostHLC: o.hlc, LostDevice: o.device, LostAuthor: o.author})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Kind+a.ID+a.Field != b.Kind+b.ID+b.Field {
			return a.Kind+a.ID+a.Field < b.Kind+b.ID+b.Field
		}
		return a.LostHLC < b.LostHLC
	})
	return out
}
