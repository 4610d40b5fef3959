package changelog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"

	"casefile/model"
)

// The merge rule every vault applies, whatever order entries arrive in: for
// each field, the operation with the highest HLC wins; on equal HLCs the
// lower device id wins (the order in which the log, whose keys sort by HLC
// then device, is replayed). The result depends only on the set of entries
// received. Sync's application, the rebuilding of a held record, `check`'s
// replay, a received case's check and the collisions all ask Wins.

// Version names the operation that set a field: its clock and device.
type Version struct {
	HLC    model.HLC
	Device string
}

// Wins reports whether an operation at h from device replaces the one that
// set cur. A current version whose device is unknown ("") loses a tie.
func Wins(h model.HLC, device string, cur Version) bool {
	if h != cur.HLC {
		return h > cur.HLC
	}
	return cur.Device == "" || device < cur.Device
}

// FieldState is a field's winning operation.
type FieldState struct {
	Version
	Value json.RawMessage
}

// Fold replays operations by the rule: per record ("kind/id"), per field,
// the winning operation.
type Fold map[string]map[string]FieldState

// Add folds one entry's operations in.
func (f Fold) Add(h model.HLC, device string, ops []Op) {
	for _, op := range ops {
		f.add(op.Entity+"/"+op.ID, h, device, op)
	}
}

// AddOnly folds in the operations of one entry on one record alone.
func (f Fold) AddOnly(kind, id string, h model.HLC, device string, ops []Op) {
	for _, op := range ops {
		if op.Entity == kind && op.ID == id {
			f.add(kind+"/"+id, h, device, op)
		}
	}
}

func (f Fold) add(key string, h model.HLC, device string, op Op) {
	m := f[key]
	if m == nil {
		m = map[string]FieldState{}
		f[key] = m
	}
	if cur, ok := m[op.Field]; !ok || Wins(h, device, cur.Version) {
		m[op.Field] = FieldState{Version{h, device}, op.Value}
	}
}

// Record returns a record's fields (its id included) and their versions,
// as the fold leaves them.
func (f Fold) Record(kind, id string) (map[string]json.RawMessage, map[string]model.HLC) {
	fields := map[string]json.RawMessage{"id": json.RawMessage(fmt.Sprintf("%q", id))}
	ver := map[string]model.HLC{}
	for name, s := range f[kind+"/"+id] {
		fields[name], ver[name] = s.Value, s.HLC
	}
	return fields, ver
}

// Compare reports, through addf, every difference between a record (its
// data and versions) and what the log's fold says of it: a field set but
// never logged, a value or version other than the log's, a logged field
// the record lacks. Problems name the record and the field, never values.
func Compare(key string, data json.RawMessage, ver map[string]model.HLC, log map[string]FieldState, addf func(format string, a ...any)) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		addf("record %s does not decode", key)
		return
	}
	delete(fields, "id")
	names := make([]string, 0, len(fields))
	for f := range fields {
		names = append(names, f)
	}
	sort.Strings(names)
	for _, f := range names {
		st, logged := log[f]
		switch {
		case !logged && !IsZero(fields[f]):
			addf("%s field %s is set but never logged", key, f)
		case logged && !bytes.Equal(st.Value, fields[f]):
			addf("%s field %s differs from the change log", key, f)
		case logged && ver[f] != st.HLC:
			addf("%s field %s has version %s, the log says %s", key, f, ver[f], st.HLC)
		}
	}
	for f := range log {
		if _, ok := fields[f]; !ok {
			addf("%s field %s is logged but missing from the record", key, f)
		}
	}
}
