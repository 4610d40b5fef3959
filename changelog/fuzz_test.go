package changelog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/google/uuid"

	"casefile/fakeclinic"
	"casefile/model"
)

// The fuzz targets of what a vault reads back or receives. Each holds the
// fast path to encoding/json (whatever the scanner accepts of valid JSON,
// it reads as encoding/json does) or a validator to what it promises.
// Durations and executions of the runs: docs/vault-format.md.

// FuzzDecodeEnvelope: SplitEnvelope never panics, and on valid JSON agrees
// with DecodeEnvelope.
func FuzzDecodeEnvelope(f *testing.F) {
	for _, s := range []string{
		`{"v":1,"data":{"a":"}"},"ver":{"a":12}}`, `{"v":1,"data":{},"ver":null}`,
		`{"v":1,"data":{"b":[1,{"x":"]"}],"n":-1.5e3},"ver":{"b":1,"n":7}}`,
		`{ "ver" : {}, "data" : {"x":1} , "v" : 1 }`,
	} {
		f.Add([]byte(s))
	}
	for _, ce := range seedCases(f, 3) {
		for _, r := range ce.Records {
			fs, err := SplitObject(r.Data)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(EncodeEnvelope(r.Data, fs, r.Ver))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		data, ver, err := SplitEnvelope(b)
		env, derr := DecodeEnvelope(b, nil)
		if !json.Valid(b) {
			return // the scanner does not validate what it skips
		}
		if (err == nil) != (derr == nil) {
			t.Fatalf("split %v, decode %v", err, derr)
		}
		if err == nil && (!bytes.Equal(data, env.Data) || !reflect.DeepEqual(ver, env.Ver)) {
			t.Fatalf("split %s %v, decode %s %v", data, ver, env.Data, env.Ver)
		}
	})
}

// FuzzDecodeChange: DecodeChange never panics, and on valid JSON agrees
// with json.Unmarshal; what EncodeChange writes of it reads the same.
func FuzzDecodeChange(f *testing.F) {
	for _, s := range []string{
		`{"author":"Zoé","ops":[{"e":"case","id":"x","f":"a","v":null},{"e":"case","id":"x","f":"b","v":"a\"]}","b":7}]}`,
		`{"author":"","ops":[]}`, `{"ops":[],"author":"a"}`,
		`{"author":"a","ops":[{"e":"note","id":"y","f":"tags","v":["a","]"],"b":1}]}`,
	} {
		f.Add([]byte(s))
	}
	for _, ce := range seedCases(f, 3) {
		for _, ch := range ce.History {
			f.Add(EncodeChange(ch.Author, ch.Ops))
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var got Change
		gerr := DecodeChange(b, &got)
		if !json.Valid(b) {
			return
		}
		var want Change
		werr := json.Unmarshal(b, &want)
		if (werr == nil) != (gerr == nil) || !reflect.DeepEqual(want, got) {
			t.Fatalf("decoded %+v (%v), json %+v (%v)", got, gerr, want, werr)
		}
		if gerr != nil || !CompactChange(b) {
			return
		}
		// Encoding what was read gives an entry that reads the same (not
		// necessarily the same bytes: the encoder escapes <, > and & as
		// json.Marshal does).
		var back Change
		if err := DecodeChange(EncodeChange(got.Author, got.Ops), &back); err != nil || !reflect.DeepEqual(back, got) {
			t.Fatalf("re-encoded %+v, read %+v (%v)", back, got, err)
		}
	})
}

// FuzzSplitObject: the field split agrees with encoding/json on any valid
// object without repeated names.
func FuzzSplitObject(f *testing.F) {
	for _, s := range []string{`{}`, ` { "b" : [1,{"x":"]"}] , "a\u00e9":"s\"}" } `, `{"a":1,"a":2}`, `{"\u0000":true}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fs, err := SplitObject(b)
		var m map[string]json.RawMessage
		if json.Unmarshal(b, &m) != nil || m == nil {
			return
		}
		if err != nil {
			t.Fatalf("valid object refused: %v", err)
		}
		if len(fs) != len(m) {
			return // a name twice: encoding/json keeps the last
		}
		for _, fl := range fs {
			if !bytes.Equal(m[fl.Name], fl.Raw) {
				t.Fatalf("field %q: %s, json %s", fl.Name, fl.Raw, m[fl.Name])
			}
		}
	})
}

// FuzzCheckExport: the validator of a received case never panics, and a
// case it accepts is one a vault can take: every record of a known kind,
// decoding to its type with its own id, belonging to the case, and agreeing
// with the history it carries, with no clock past the horizon.
func FuzzCheckExport(f *testing.F) {
	for _, ce := range seedCases(f, 4) {
		b, err := json.Marshal(ce)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"id":"","ref":"","records":[],"history":[]}`))
	at := seedNow
	f.Fuzz(func(t *testing.T, b []byte) {
		var ce CaseExport
		if json.Unmarshal(b, &ce) != nil {
			return
		}
		if err := CheckExportAt(&ce, at); err != nil {
			if !errors.Is(err, ErrInconsistentCases) && !errors.Is(err, ErrFutureClock) {
				t.Fatalf("refused with an untyped error: %v", err)
			}
			return
		}
		horizon := model.HLCAt(at.Add(MaxClockSkew))
		fold := Fold{}
		recs := map[string]bool{}
		for _, r := range ce.Records {
			rec, err := Typed(r.Kind, r.Data)
			if err != nil || RecordID(rec) != r.ID {
				t.Fatalf("record %s/%s accepted: %v", r.Kind, r.ID, err)
			}
			recs[r.Kind+"/"+r.ID] = true
			for _, h := range r.Ver {
				if h > horizon {
					t.Fatalf("version %s accepted", h)
				}
			}
		}
		for _, ch := range ce.History {
			if ch.HLC > horizon || ch.HLC == 0 {
				t.Fatalf("clock %s accepted", ch.HLC)
			}
			for _, op := range ch.Ops {
				if !recs[op.Entity+"/"+op.ID] {
					t.Fatalf("operation on %s/%s accepted", op.Entity, op.ID)
				}
			}
			fold.Add(ch.HLC, ch.Device, ch.Ops)
		}
		for _, r := range ce.Records {
			key := r.Kind + "/" + r.ID
			Compare(key, r.Data, r.Ver, fold[key], func(format string, a ...any) {
				t.Fatalf("accepted, yet "+format, a...)
			})
		}
	})
}

// seedNow is the instant the seed cases are checked at.
var seedNow = time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC)

// seedCases builds n cases of the fictional clinic as a vault exports
// them: each record split into fields, created by one operation per
// non-zero field, the envelope's versions those operations' clocks.
func seedCases(tb testing.TB, n int) []CaseExport {
	g := fakeclinic.New(11)
	today := model.ParisDate(seedNow)
	h := model.HLCAt(seedNow.Add(-time.Hour))
	const device = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
	var out []CaseExport
	id := func(i, j int) string {
		return uuid.NewSHA1(uuid.NameSpaceOID, []byte(fmt.Sprint("seed", i, j))).String()
	}
	for i := range n {
		hh := g.Household(today)
		c := hh.File.Case
		c.ID, c.Ref = id(i, 0), fmt.Sprintf("2026-K7-%04d", i+1)
		c.PersonID = id(i, 1)
		c.Related = nil
		p := hh.File.Person
		p.ID = c.PersonID
		hh.File.Case, hh.File.Person = c, p
		ce := CaseExport{ID: c.ID, Ref: c.Ref}
		add := func(kind, id string, rec any) {
			fs, data, err := FieldsOf(rec)
			if err != nil {
				tb.Fatal(err)
			}
			h++
			ops := Diff(kind, id, nil, nil, fs)
			ver := map[string]model.HLC{}
			for _, op := range ops {
				ver[op.Field] = h
			}
			ce.Records = append(ce.Records, ExportRecord{Kind: kind, ID: id, Data: data, Ver: ver})
			ce.History = append(ce.History, ExportChange{HLC: h, Device: device, Author: "Me Claire Fontaine", Ops: ops})
		}
		add(KindCase, hh.File.Case.ID, hh.File.Case)
		add(KindPerson, hh.File.Person.ID, hh.File.Person)
		for j, note := range g.Notes(hh.File, 2, today) {
			note.ID, note.CaseID = id(i, 2+j), c.ID
			add(KindNote, note.ID, note)
		}
		out = append(out, ce)
	}
	return out
}

// A case built by the codec as a vault builds it passes the validator,
// and one operation changed behind the records' back is caught.
func TestSeedCasesPassCheckExport(t *testing.T) {
	for _, ce := range seedCases(t, 5) {
		if err := CheckExportAt(&ce, seedNow); err != nil {
			t.Fatal(err)
		}
		ce.History[0].Ops[0].Value = json.RawMessage(`"changed"`)
		if err := CheckExportAt(&ce, seedNow); !errors.Is(err, ErrInconsistentCases) {
			t.Fatalf("a history that disagrees with its records: %v", err)
		}
	}
}
