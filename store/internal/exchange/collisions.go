package exchange

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
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

type loggedOp struct {
	changelog.Op
	hlc            model.HLC
	device, author string
}

// CollisionsIn derives the collisions of a history (a case's, or the
// whole log): the operations from one base that lost, with what won.
func CollisionsIn(history []changelog.ExportChange) []Collision {
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

// QueuedCollision is a collision with the case it belongs to, for the
// queue of collisions to review across the vault.
type QueuedCollision struct {
	Collision
	CaseID  string `json:"case_id"`
	CaseRef string `json:"case_ref"`
}

// AllCollisions reads every collision in the vault, in one
// pass over the change log, each with its case.
func AllCollisions(txn *badger.Txn) ([]QueuedCollision, error) {
	var out []QueuedCollision
	var history []changelog.ExportChange
	if err := read.Scan(txn, layout.Log, func(k, b []byte) error {
		h, device, ok := layout.ParseLogKey(string(k))
		if !ok {
			return nil
		}
		var ch changelog.Change
		if json.Unmarshal(b, &ch) != nil {
			return nil
		}
		history = append(history, changelog.ExportChange{HLC: h, Device: device, Author: ch.Author, Ops: ch.Ops})
		return nil
	}); err != nil {
		return nil, err
	}
	for _, c := range CollisionsIn(history) {
		q := QueuedCollision{Collision: c, CaseID: CaseOfRecord(txn, c.Kind, c.ID)}
		if q.CaseID == "" {
			continue // a record held back by sync, or not in a case
		}
		if _, cs, err := read.Record[model.Case](txn, changelog.KindCase, q.CaseID); err == nil {
			q.CaseRef = cs.Ref
		}
		out = append(out, q)
	}
	return out, nil
}

// CaseOfRecord is the case a record belongs to ("" when none is found).
func CaseOfRecord(txn *badger.Txn, kind, id string) string {
	raw, ok, err := read.Raw(txn, layout.RecKey(kind, id))
	if err != nil || !ok {
		return ""
	}
	var rec struct {
		CaseID string `json:"case_id"`
	}
	switch kind {
	case changelog.KindCase, changelog.KindDeadlineSettings:
		return id
	case changelog.KindPerson:
		var found string
		_ = read.ScanKeys(txn, layout.PersonCasePrefix(id), func(k []byte) error {
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
