package store

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"time"
	_ "time/tzdata" // Europe/Paris and the overseas zones on any machine

	"casefile/model"
)

// Entity kinds, used in keys (rec/<kind>/<id>) and change-log operations.
const (
	KindPerson = "person"
	KindCase   = "case"
	KindNote   = "note"
)

// envelope is how a record is stored: its fields as JSON, plus the HLC of
// the last operation that set each field (the "base" a later edit saw, and
// what last-writer-wins compares during sync).
type envelope struct {
	V    int                  `json:"v"`
	Data json.RawMessage      `json:"data"`
	Ver  map[string]model.HLC `json:"ver"`
}

// Op is one field-level operation in the change log.
type Op struct {
	Entity string          `json:"e"`
	ID     string          `json:"id"`
	Field  string          `json:"f"`
	Value  json.RawMessage `json:"v"`
	Base   model.HLC       `json:"b,omitempty"`
}

// Change is one change-log entry: every operation of one transaction, with
// the clock value, device and author they share. Its key is
// log/<hlc>/<device>, so the log sorts by time.
type Change struct {
	HLC    model.HLC `json:"-"`
	Device string    `json:"-"`
	Author string    `json:"author"`
	Ops    []Op      `json:"ops"`
}

func recKey(kind, id string) []byte { return []byte("rec/" + kind + "/" + id) }

func logKey(h model.HLC, device string) []byte {
	return []byte("log/" + h.String() + "/" + device)
}

// fieldsOf marshals a record once and splits that JSON into its fields,
// leaving out the id (which is in the key). It returns the JSON too, which
// is what gets stored.
func fieldsOf(rec any) (map[string]json.RawMessage, []byte, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, nil, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, nil, err
	}
	delete(m, "id")
	return m, b, nil
}

// isZeroJSON reports whether a field's JSON is its type's zero value, which
// a new record does not log.
func isZeroJSON(raw json.RawMessage) bool {
	switch string(raw) {
	case `""`, `null`, `[]`, `0`, `false`, `{}`, `"0001-01-01T00:00:00Z"`:
		return true
	}
	return false
}

// diff returns the operations that turn old into new, in field-name order,
// each with the version of the field the author saw as its base. old is nil
// for a new record.
func diff(kind, id string, old *envelope, oldFields, newFields map[string]json.RawMessage) []Op {
	names := make([]string, 0, len(newFields))
	for f := range newFields {
		names = append(names, f)
	}
	sort.Strings(names)
	var ops []Op
	for _, f := range names {
		nv := newFields[f]
		if old == nil {
			if isZeroJSON(nv) {
				continue
			}
		} else if ov, ok := oldFields[f]; ok && bytes.Equal(ov, nv) || !ok && isZeroJSON(nv) {
			continue
		}
		op := Op{Entity: kind, ID: id, Field: f, Value: nv}
		if old != nil {
			op.Base = old.Ver[f]
		}
		ops = append(ops, op)
	}
	return ops
}

func decodeEnvelope(b []byte, into any) (*envelope, error) {
	var e envelope
	if err := json.Unmarshal(b, &e); err != nil {
		return nil, fmt.Errorf("store: decode record: %w", err)
	}
	if into != nil {
		if err := json.Unmarshal(e.Data, into); err != nil {
			return nil, fmt.Errorf("store: decode record: %w", err)
		}
	}
	return &e, nil
}

var (
	parisOnce sync.Once
	paris     *time.Location
)

// parisTZ is the zone dates are reckoned in unless a case says otherwise.
func parisTZ() *time.Location {
	parisOnce.Do(func() {
		var err error
		if paris, err = time.LoadLocation("Europe/Paris"); err != nil {
			paris = time.UTC // unreachable: tzdata is embedded
		}
	})
	return paris
}
