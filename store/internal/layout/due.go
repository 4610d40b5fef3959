package layout

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"casefile/changelog"
	"casefile/model"
)

// DueEntry is the value of an idx/due entry: what a review row shows
// without reading the record.
type DueEntry struct {
	Case  string             `json:"case"`
	Owner string             `json:"owner,omitempty"`
	Kind  model.DeadlineKind `json:"kind"`
	Rule  string             `json:"rule,omitempty"`
	Label string             `json:"label,omitempty"`
	At    string             `json:"at,omitempty"`
}

// EncodeDue writes the due-index value of an open deadline.
func EncodeDue(d model.Deadline) []byte {
	e := DueEntry{Case: d.CaseID, Owner: d.Owner, Kind: d.Kind, Rule: d.RuleID, Label: d.Label}
	if !d.DueAt.IsZero() {
		e.At = d.DueAt.Format(time.RFC3339)
	}
	b, _ := json.Marshal(e)
	return b
}

// DecodeDueEntry reads a due-index value. The weekly review decodes
// hundreds of them per call, and encoding/json's reflection was a quarter
// of its time: the object is split by hand and plain strings (no escape)
// taken as they are.
func DecodeDueEntry(b []byte) (DueEntry, error) {
	var e DueEntry
	fs, err := changelog.SplitObject(b)
	if err != nil {
		return e, err
	}
	for _, f := range fs {
		var dst *string
		switch f.Name {
		case "case":
			dst = &e.Case
		case "owner":
			dst = &e.Owner
		case "kind":
			var k string
			if err := jsonString(f.Raw, &k); err != nil {
				return e, err
			}
			e.Kind = model.DeadlineKind(k)
			continue
		case "rule":
			dst = &e.Rule
		case "label":
			dst = &e.Label
		case "at":
			dst = &e.At
		default:
			continue
		}
		if err := jsonString(f.Raw, dst); err != nil {
			return e, err
		}
	}
	return e, nil
}

// jsonString decodes a JSON string, without encoding/json when it has no
// escape.
func jsonString(raw []byte, into *string) error {
	if len(raw) >= 2 && raw[0] == '"' && raw[len(raw)-1] == '"' && bytes.IndexByte(raw, '\\') < 0 {
		*into = string(raw[1 : len(raw)-1])
		return nil
	}
	return json.Unmarshal(raw, into)
}

// DueRaw holds the fields of a due-date entry the list reads, as slices
// of the value.
type DueRaw struct{ Case, Kind, Rule, At []byte }

// DueFields walks a due-date entry (DueEntry as JSON) for the fields the
// list reads, without allocating: the case id, kind, rule and instant are
// strings written without escapes (ids, rule ids and RFC 3339); an entry
// where one is not, or that is not an object, is refused.
func DueFields(b []byte) (f DueRaw, ok bool) {
	walked := changelog.Fields(b, func(name []byte, escaped bool, raw []byte) bool {
		var dst *[]byte
		switch string(name) {
		case "case":
			dst = &f.Case
		case "kind":
			dst = &f.Kind
		case "rule":
			dst = &f.Rule
		case "at":
			dst = &f.At
		default:
			return true // a field of another type, none of ours
		}
		if escaped || len(raw) < 2 || raw[0] != '"' || bytes.IndexByte(raw, '\\') >= 0 {
			return false
		}
		*dst = raw[1 : len(raw)-1]
		return true
	})
	return f, walked && len(f.Case) > 0
}

// ParseDueKey reads idx/due/<yyyymmdd>/<deadline-id>: the due date and the
// deadline's id.
func ParseDueKey(k []byte) (model.Date, string, error) {
	day, id, ok := strings.Cut(strings.TrimPrefix(string(k), IdxDue), "/")
	if !ok || len(day) != 8 {
		return model.Date{}, "", fmt.Errorf("store: malformed index key %q", k)
	}
	d, err := model.ParseDate(day[:4] + "-" + day[4:6] + "-" + day[6:])
	if err != nil {
		return model.Date{}, "", fmt.Errorf("store: malformed index key %q", k)
	}
	return d, id, nil
}
