package store

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

// verOf is the version of field f (0 for an absent record or field).
func (e *envelope) verOf(f string) model.HLC {
	if e == nil {
		return 0
	}
	return e.Ver[f]
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

// parseLogKey returns the clock and device a change-log key names; ok is
// false when the key is not one logKey writes.
func parseLogKey(k string) (h model.HLC, device string, ok bool) {
	parts := strings.Split(k, "/")
	if len(parts) != 3 {
		return 0, "", false
	}
	h, err := model.ParseHLC(parts[1])
	if err != nil {
		return 0, "", false
	}
	return h, parts[2], true
}

// field is one top-level field of a record's JSON.
type field struct {
	name string
	raw  json.RawMessage
}

// fieldsOf marshals a record once and splits that JSON into its fields,
// sorted by name, leaving out the id (which is in the key). It returns the
// JSON too, which is what gets stored. The split scans the bytes
// encoding/json just produced instead of decoding them again into a map:
// on a bulk import that decoding was a sixth of the CPU.
func fieldsOf(rec any) ([]field, []byte, error) {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, nil, err
	}
	fs, err := splitObject(b)
	if err != nil {
		return nil, nil, err
	}
	fs = slices.DeleteFunc(fs, func(f field) bool { return f.name == "id" })
	return fs, b, nil
}

// splitObject returns the top-level fields of a JSON object, sorted by name.
func splitObject(b []byte) ([]field, error) {
	bad := func() ([]field, error) { return nil, fmt.Errorf("store: split record: malformed JSON object") }
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return bad()
	}
	fs := make([]field, 0, 24) // room for the largest records' fields
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return fs, nil
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return bad()
		}
		end := skipString(b, i)
		if end < 0 {
			return bad()
		}
		var name string
		if bytes.IndexByte(b[i:end], '\\') >= 0 {
			var n string
			if err := json.Unmarshal(b[i:end], &n); err != nil {
				return bad()
			}
			name = n
		} else {
			name = fieldName(b[i+1 : end-1])
		}
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return bad()
		}
		start := skipSpace(b, i+1)
		stop := skipValue(b, start)
		if stop < 0 {
			return bad()
		}
		fs = append(fs, field{name: name, raw: b[start:stop:stop]})
		i = skipSpace(b, stop)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		if i < len(b) && b[i] == '}' {
			break
		}
		return bad()
	}
	slices.SortFunc(fs, func(a, b field) int { return strings.Compare(a.name, b.name) })
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

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index just past the string starting at b[i] ('"'),
// or -1.
func skipString(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return -1
}

// skipValue returns the index just past the JSON value starting at b[i], or
// -1. It trusts the value to be valid JSON (it comes from json.Marshal),
// tracking only strings and nesting.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return -1
	}
	switch b[i] {
	case '"':
		return skipString(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				if j = skipString(b, j); j < 0 {
					return -1
				}
				j--
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return -1
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\n' {
		j++
	}
	if j == i {
		return -1
	}
	return j
}

func lookupField(fs []field, name string) (json.RawMessage, bool) {
	i, ok := slices.BinarySearchFunc(fs, name, func(f field, n string) int { return strings.Compare(f.name, n) })
	if !ok {
		return nil, false
	}
	return fs[i].raw, true
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
// for a new record. Both field lists are sorted by name.
func diff(kind, id string, old *envelope, oldFields, newFields []field) []Op {
	var ops []Op
	for _, f := range newFields {
		nv := f.raw
		if old == nil {
			if isZeroJSON(nv) {
				continue
			}
		} else if ov, ok := lookupField(oldFields, f.name); ok && bytes.Equal(ov, nv) || !ok && isZeroJSON(nv) {
			continue
		}
		op := Op{Entity: kind, ID: id, Field: f.name, Value: nv}
		if old != nil {
			op.Base = old.Ver[f.name]
		}
		ops = append(ops, op)
	}
	return ops
}

// encodeEnvelope writes {"v":1,"data":…,"ver":{…}} by hand: data is JSON
// json.Marshal just produced, which encoding/json would otherwise scan and
// copy again, and the version map is written in field order.
func encodeEnvelope(data []byte, fields []field, ver map[string]model.HLC) []byte {
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
		if h, ok := ver[f.name]; ok {
			put(f.name, h)
			seen++
		}
	}
	if seen < len(ver) { // versions of fields the record no longer has
		var rest []string
		for name := range ver {
			if _, ok := lookupField(fields, name); !ok {
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

// encodeNewEnvelope is encodeEnvelope for a new record, whose versions are
// those of its operations (in field order, as diff returns them), all at h.
func encodeNewEnvelope(data []byte, ops []Op, h model.HLC) []byte {
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

// encodeChange writes a change-log entry as json.Marshal(Change) would,
// without re-scanning the operations' values.
func encodeChange(author string, ops []Op) []byte {
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

// pickFields decodes the named top-level fields of an envelope's record
// into the pointers beside them (into[i] for names[i]), leaving the rest
// undecoded; a missing field leaves its target alone. For reading a few
// fields of every record of a kind (the search index at unlock): a whole
// json.Unmarshal of envelope and record was 60% of that work. The bytes
// are walked as splitObject walks them, without sorting or allocating;
// anything the walk cannot follow goes through decodeEnvelope instead, so
// the result never depends on the fast path.
func pickFields(b []byte, names []string, into []any) error {
	var data []byte
	if eachField(b, func(name, raw []byte) {
		if string(name) == "data" {
			data = raw
		}
	}) && data != nil {
		var err error
		if eachField(data, func(name, raw []byte) {
			i := slices.Index(names, string(name))
			if i < 0 || err != nil {
				return
			}
			if s, ok := into[i].(*string); ok && len(raw) >= 2 && raw[0] == '"' && bytes.IndexByte(raw, '\\') < 0 {
				*s = string(raw[1 : len(raw)-1])
			} else {
				err = json.Unmarshal(raw, into[i])
			}
		}) && err == nil {
			return nil
		}
	}
	m := map[string]json.RawMessage{}
	if _, err := decodeEnvelope(b, &m); err != nil {
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

// eachField calls fn with the name (unescaped only if it needs no
// unescaping) and raw value of each top-level field of the JSON object b,
// in order. It returns false, having perhaps called fn for some fields,
// when b is not an object it can walk or a name holds an escape.
func eachField(b []byte, fn func(name, raw []byte)) bool {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return true
	}
	for {
		if i >= len(b) || b[i] != '"' {
			return false
		}
		end := skipString(b, i)
		if end < 0 || bytes.IndexByte(b[i:end], '\\') >= 0 {
			return false
		}
		name := b[i+1 : end-1]
		i = skipSpace(b, end)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		start := skipSpace(b, i+1)
		stop := skipValue(b, start)
		if stop < 0 {
			return false
		}
		fn(name, b[start:stop:stop])
		i = skipSpace(b, stop)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		return i < len(b) && b[i] == '}'
	}
}
