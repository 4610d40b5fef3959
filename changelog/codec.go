package changelog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"casefile/model"
)

// Envelope is how a record is stored: its fields as JSON, plus the HLC of
// the last operation that set each field (the "base" a later edit saw, and
// what last-writer-wins compares during sync):
// {"v":1,"data":{…},"ver":{"field":HLC,…}}.
type Envelope struct {
	V    int                  `json:"v"`
	Data json.RawMessage      `json:"data"`
	Ver  map[string]model.HLC `json:"ver"`
}

// VerOf is the version of field f (0 for an absent record or field).
func (e *Envelope) VerOf(f string) model.HLC {
	if e == nil {
		return 0
	}
	return e.Ver[f]
}

// Field is one top-level field of a record's JSON.
type Field struct {
	Name string
	Raw  json.RawMessage
}

// FieldsOf marshals a record once and splits that JSON into its fields,
// sorted by name, leaving out the id (which is in the key). It returns the
// JSON too, which is what gets stored. The split scans the bytes
// encoding/json just produced instead of decoding them again into a map:
// on a bulk import that decoding was a sixth of the CPU.
func FieldsOf(rec any) ([]Field, []byte, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, nil, err
	}
	fs, err := SplitObject(b)
	if err != nil {
		return nil, nil, err
	}
	fs = slices.DeleteFunc(fs, func(f Field) bool { return f.Name == "id" })
	return fs, b, nil
}

// SplitObject returns the top-level fields of a JSON object, sorted by name.
func SplitObject(b []byte) ([]Field, error) {
	fs := make([]Field, 0, 24) // room for the largest records' fields
	if !Fields(b, func(name []byte, escaped bool, raw []byte) bool {
		var n string
		if escaped {
			if json.Unmarshal(append(append([]byte{'"'}, name...), '"'), &n) != nil {
				return false
			}
		} else {
			n = fieldName(name)
		}
		fs = append(fs, Field{Name: n, Raw: raw})
		return true
	}) {
		return nil, fmt.Errorf("changelog: split record: malformed JSON object")
	}
	slices.SortFunc(fs, func(a, b Field) int { return strings.Compare(a.Name, b.Name) })
	return fs, nil
}

// fieldNames interns field names: records have a few dozen between them,
// and splitting a record would otherwise allocate each name again.
var fieldNames = struct {
	sync.RWMutex
	m map[string]string
}{m: map[string]string{}}

func fieldName(b []byte) string {
	fieldNames.RLock()
	name, ok := fieldNames.m[string(b)] // no allocation for the lookup
	fieldNames.RUnlock()
	if ok {
		return name
	}
	name = string(b)
	fieldNames.Lock()
	if len(fieldNames.m) < 4096 { // bounded, whatever a record holds
		fieldNames.m[name] = name
	}
	fieldNames.Unlock()
	return name
}

// Lookup finds a field in a list sorted by name.
func Lookup(fs []Field, name string) (json.RawMessage, bool) {
	i, ok := slices.BinarySearchFunc(fs, name, func(f Field, n string) int { return strings.Compare(f.Name, n) })
	if !ok {
		return nil, false
	}
	return fs[i].Raw, true
}

// IsZero reports whether a field's JSON is its type's zero value, which a
// new record does not log.
func IsZero(raw json.RawMessage) bool {
	switch string(raw) {
	case `""`, `null`, `[]`, `0`, `false`, `{}`, `"0001-01-01T00:00:00Z"`:
		return true
	}
	return false
}

// Diff returns the operations that turn old into new, in field-name order,
// each with the version of the field the author saw as its base. old is nil
// for a new record. Both field lists are sorted by name.
func Diff(kind, id string, old *Envelope, oldFields, newFields []Field) []Op {
	var ops []Op
	for _, f := range newFields {
		nv := f.Raw
		if old == nil {
			if IsZero(nv) {
				continue
			}
		} else if ov, ok := Lookup(oldFields, f.Name); ok && bytes.Equal(ov, nv) || !ok && IsZero(nv) {
			continue
		}
		op := Op{Entity: kind, ID: id, Field: f.Name, Value: nv}
		if old != nil {
			op.Base = old.Ver[f.Name]
		}
		ops = append(ops, op)
	}
	return ops
}

// EncodeEnvelope writes {"v":1,"data":…,"ver":{…}} by hand: data is JSON
// json.Marshal just produced, which encoding/json would otherwise scan and
// copy again, and the version map is written in field order.
func EncodeEnvelope(data []byte, fields []Field, ver map[string]model.HLC) []byte {
	out := make([]byte, 0, len(data)+32+len(ver)*32)
	out = append(out, `{"v":1,"data":`...)
	out = append(out, data...)
	out = append(out, `,"ver":{`...)
	first := true
	put := func(name string, h model.HLC) {
		if !first {
			out = append(out, ',')
		}
		first = false
		out = appendJSONString(out, name)
		out = append(out, ':')
		out = strconv.AppendUint(out, uint64(h), 10)
	}
	seen := 0
	for _, f := range fields {
		if h, ok := ver[f.Name]; ok {
			put(f.Name, h)
			seen++
		}
	}
	if seen < len(ver) { // versions of fields the record no longer has
		var rest []string
		for name := range ver {
			if _, ok := Lookup(fields, name); !ok {
				rest = append(rest, name)
			}
		}
		sort.Strings(rest)
		for _, name := range rest {
			put(name, ver[name])
		}
	}
	return append(out, "}}"...)
}

// EncodeNewEnvelope is EncodeEnvelope for a new record, whose versions are
// those of its operations (in field order, as Diff returns them), all at h.
func EncodeNewEnvelope(data []byte, ops []Op, h model.HLC) []byte {
	out := make([]byte, 0, len(data)+32+len(ops)*32)
	out = append(out, `{"v":1,"data":`...)
	out = append(out, data...)
	out = append(out, `,"ver":{`...)
	for i, op := range ops {
		if i > 0 {
			out = append(out, ',')
		}
		out = appendJSONString(out, op.Field)
		out = append(out, ':')
		out = strconv.AppendUint(out, uint64(h), 10)
	}
	return append(out, "}}"...)
}

// EncodeChange writes a change-log entry as json.Marshal(Change) would,
// without re-scanning the operations' values.
func EncodeChange(author string, ops []Op) []byte {
	n := 32 + len(author)
	for _, op := range ops {
		n += 64 + len(op.ID) + len(op.Field) + len(op.Value)
	}
	out := make([]byte, 0, n)
	out = append(out, `{"author":`...)
	out = appendJSONString(out, author)
	out = append(out, `,"ops":[`...)
	for i, op := range ops {
		if i > 0 {
			out = append(out, ',')
		}
		out = append(out, `{"e":`...)
		out = appendJSONString(out, op.Entity)
		out = append(out, `,"id":`...)
		out = appendJSONString(out, op.ID)
		out = append(out, `,"f":`...)
		out = appendJSONString(out, op.Field)
		out = append(out, `,"v":`...)
		if len(op.Value) == 0 {
			out = append(out, "null"...)
		} else {
			out = append(out, op.Value...)
		}
		if op.Base != 0 {
			out = append(out, `,"b":`...)
			out = strconv.AppendUint(out, uint64(op.Base), 10)
		}
		out = append(out, '}')
	}
	return append(out, "]}"...)
}

// appendJSONString appends s as a JSON string; plain ASCII (ids, kinds,
// field names) is copied as is, anything else goes through encoding/json.
func appendJSONString(out []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x80 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s) // a string always marshals
			return append(out, b...)
		}
	}
	out = append(out, '"')
	out = append(out, s...)
	return append(out, '"')
}

// DecodeEnvelope decodes a stored record, and its data into into when not
// nil.
func DecodeEnvelope(b []byte, into any) (*Envelope, error) {
	var e Envelope
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

// SplitEnvelope returns a stored record's data and field versions. The
// envelopes this vault writes, {"v":1,"data":{…},"ver":{…}}, are split
// without a JSON decoder (the data stays as stored: whoever encodes it
// again validates it); anything else goes through DecodeEnvelope.
func SplitEnvelope(raw []byte) (json.RawMessage, map[string]model.HLC, error) {
	if data, ver, ok := splitEnvelope(raw); ok {
		return data, ver, nil
	}
	env, err := DecodeEnvelope(raw, nil)
	if err != nil {
		return nil, nil, err
	}
	return env.Data, env.Ver, nil
}

// splitEnvelope reads exactly the shape EncodeEnvelope writes; ok is false
// for anything else.
func splitEnvelope(b []byte) (data json.RawMessage, ver map[string]model.HLC, ok bool) {
	s := scanner{b: b}
	if !s.lit(`{"v":1,"data":`) || s.i >= len(b) || b[s.i] != '{' {
		return nil, nil, false
	}
	start := s.i
	if !s.value() {
		return nil, nil, false
	}
	data = json.RawMessage(b[start:s.i:s.i])
	if !s.lit(`,"ver":`) {
		return nil, nil, false
	}
	if s.lit("null}") {
		return data, nil, s.i == len(b)
	}
	if !s.byte1('{') {
		return nil, nil, false
	}
	ver = map[string]model.HLC{}
	if !s.byte1('}') {
		for {
			name, ok := s.str()
			if !ok || !s.byte1(':') {
				return nil, nil, false
			}
			n, ok := s.uint()
			if !ok {
				return nil, nil, false
			}
			ver[name] = model.HLC(n)
			if s.byte1('}') {
				break
			}
			if !s.byte1(',') {
				return nil, nil, false
			}
		}
	}
	return data, ver, s.byte1('}') && s.i == len(b)
}

// DecodeChange decodes a change-log entry as json.Unmarshal does. The
// entries this vault writes (EncodeChange) are read by the scanner in that
// exact shape, which leaves the operations' values as they are (like
// json.RawMessage, unvalidated: whoever encodes them again validates
// them); anything else goes through encoding/json.
func DecodeChange(b []byte, ch *Change) error {
	if c, ok := parseChange(b); ok {
		*ch = c
		return nil
	}
	*ch = Change{}
	return json.Unmarshal(b, ch)
}

func parseChange(b []byte) (Change, bool) {
	var ch Change
	s := scanner{b: b}
	if !s.lit(`{"author":`) {
		return ch, false
	}
	author, ok := s.str()
	if !ok || !s.lit(`,"ops":[`) {
		return ch, false
	}
	ch.Author = author
	if s.lit("]}") {
		ch.Ops = []Op{}
		return ch, s.i == len(b)
	}
	for {
		var op Op
		var ok1, ok2, ok3 bool
		if !s.lit(`{"e":`) {
			return ch, false
		}
		op.Entity, ok1 = s.str()
		if !ok1 || !s.lit(`,"id":`) {
			return ch, false
		}
		op.ID, ok2 = s.str()
		if !ok2 || !s.lit(`,"f":`) {
			return ch, false
		}
		op.Field, ok3 = s.str()
		if !ok3 || !s.lit(`,"v":`) {
			return ch, false
		}
		start := s.i
		if !s.value() {
			return ch, false
		}
		op.Value = json.RawMessage(b[start:s.i:s.i])
		if s.lit(`,"b":`) {
			n, ok := s.uint()
			if !ok {
				return ch, false
			}
			op.Base = model.HLC(n)
		}
		if !s.byte1('}') {
			return ch, false
		}
		ch.Ops = append(ch.Ops, op)
		if s.lit("]}") {
			return ch, s.i == len(b)
		}
		if !s.byte1(',') {
			return ch, false
		}
	}
}

// PickFields decodes the named top-level fields of an envelope's record
// into the pointers beside them (into[i] for names[i]), leaving the rest
// undecoded; a missing field leaves its target alone. For reading a few
// fields of every record of a kind (the search index at unlock): a whole
// json.Unmarshal of envelope and record was 60% of that work. Anything the
// scanner cannot follow goes through DecodeEnvelope instead, so the result
// never depends on the fast path.
func PickFields(b []byte, names []string, into []any) error {
	var data []byte
	if Fields(b, func(name []byte, escaped bool, raw []byte) bool {
		if !escaped && string(name) == "data" {
			data = raw
		}
		return !escaped
	}) && data != nil {
		var err error
		if Fields(data, func(name []byte, escaped bool, raw []byte) bool {
			if escaped {
				return false
			}
			i := slices.Index(names, string(name))
			if i < 0 {
				return true
			}
			if s, ok := into[i].(*string); ok && len(raw) >= 2 && raw[0] == '"' && bytes.IndexByte(raw, '\\') < 0 {
				*s = string(raw[1 : len(raw)-1])
			} else {
				err = json.Unmarshal(raw, into[i])
			}
			return err == nil
		}) && err == nil {
			return nil
		}
	}
	m := map[string]json.RawMessage{}
	if _, err := DecodeEnvelope(b, &m); err != nil {
		return err
	}
	for i, name := range names {
		if raw, ok := m[name]; ok {
			if err := json.Unmarshal(raw, into[i]); err != nil {
				return fmt.Errorf("store: decode record: %w", err)
			}
		}
	}
	return nil
}

// ReadCaseHead reads the id and reference at the head of a case record's
// data as the vault writes it ({"id":…,"ref":…,…}) without decoding the
// rest; ok is false for any other shape.
func ReadCaseHead(data []byte) (id, ref string, ok bool) {
	s := scanner{b: data}
	if !s.lit(`{"id":`) {
		return "", "", false
	}
	if id, ok = s.str(); !ok || !s.lit(`,"ref":`) {
		return "", "", false
	}
	if ref, ok = s.str(); !ok || !s.byte1(',') {
		return "", "", false
	}
	return id, ref, true
}

// CompactEnvelope reports whether b is an envelope in the exact shape the
// vault writes, which SplitEnvelope reads without encoding/json.
func CompactEnvelope(b []byte) bool {
	_, _, ok := splitEnvelope(b)
	return ok
}

// CompactChange reports whether b is a change-log entry in the exact shape
// EncodeChange writes, which DecodeChange reads without encoding/json.
func CompactChange(b []byte) bool {
	_, ok := parseChange(b)
	return ok
}
