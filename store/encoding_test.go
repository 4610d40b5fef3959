package store

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"casefile/fakeclinic"
	"casefile/model"
)

// The hand-written encoders and the field split agree with encoding/json on
// real records: what is stored decodes to what json.Marshal would have
// stored.
func TestHandEncodingMatchesEncodingJSON(t *testing.T) {
	g := fakeclinic.New(7)
	today := must(model.ParseDate("2026-11-28"))
	for i := range 300 {
		h := g.Household(today)
		recs := []any{h.File.Person, h.File.Case}
		for _, n := range g.Notes(h.File, 1, today) {
			recs = append(recs, n)
		}
		for _, rec := range recs {
			fs, data, err := fieldsOf(rec)
			if err != nil {
				t.Fatal(err)
			}
			var want map[string]json.RawMessage
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatal(err)
			}
			delete(want, "id")
			got := map[string]json.RawMessage{}
			for j, f := range fs {
				if j > 0 && fs[j-1].name >= f.name {
					t.Fatalf("fields not sorted: %q then %q", fs[j-1].name, f.name)
				}
				got[f.name] = f.raw
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("record %d: split\n got %v\nwant %v", i, got, want)
			}
			ver := map[string]model.HLC{"gone_field": 3}
			for j, f := range fs {
				ver[f.name] = model.HLC(1000 + j)
			}
			env, err := decodeEnvelope(encodeEnvelope(data, fs, ver), nil)
			if err != nil {
				t.Fatal(err)
			}
			if env.V != 1 || string(env.Data) != string(data) || !reflect.DeepEqual(env.Ver, ver) {
				t.Fatalf("envelope round trip: %+v", env)
			}
			ops := diff("person", "id-é\"1", nil, nil, fs)
			newVer := map[string]model.HLC{}
			for _, op := range ops {
				newVer[op.Field] = 77
			}
			if a, b := encodeNewEnvelope(data, ops, 77), encodeEnvelope(data, fs, newVer); string(a) != string(b) {
				t.Fatalf("new-record envelope:\n%s\n%s", a, b)
			}
			var back Change
			if err := json.Unmarshal(encodeChange("Me Chloé \"N\" <x>\n", ops), &back); err != nil {
				t.Fatal(err)
			}
			if back.Author != "Me Chloé \"N\" <x>\n" || !reflect.DeepEqual(back.Ops, ops) && len(ops) > 0 {
				t.Fatalf("change round trip: %+v", back)
			}
		}
	}
}

func TestSplitObjectRefusesMalformed(t *testing.T) {
	for _, s := range []string{``, `[]`, `{`, `{"a"}`, `{"a":}`, `{"a":1,}`, `{"a":"x}`, `{"a":[1,2}`, `{"a":1 "b":2}`} {
		if _, err := splitObject([]byte(s)); err == nil {
			t.Errorf("%q: accepted", s)
		}
	}
	fs, err := splitObject([]byte(` { "b" : [1,{"x":"]"}] , "a\u00e9":"s\"}" } `))
	if err != nil || len(fs) != 2 || fs[0].name != "aé" || fs[1].name != "b" || string(fs[0].raw) != `"s\"}"` {
		t.Fatalf("%v %v", fs, err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// The due index's hand decoder reads what encodeDue writes, escapes and
// all.
func TestDecodeDueEntry(t *testing.T) {
	d := model.Deadline{CaseID: "c1", Owner: "Me Zoé \"Z\" N'Diaye\n", Kind: model.DeadlineComputed,
		RuleID: "oqtf-48h", Label: "a\\b <c>", DueAt: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	got, err := decodeDueEntry(encodeDue(d))
	if err != nil {
		t.Fatal(err)
	}
	var want dueEntry
	if err := json.Unmarshal(encodeDue(d), &want); err != nil {
		t.Fatal(err)
	}
	if got != want || got.Owner != d.Owner {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}

// pickFields reads the same values as decoding the whole record, escapes,
// non-Latin scripts and absent fields included, on the fast path and on the
// fallback (an envelope written with spaces and a field order of its own).
func TestPickFieldsAgreesWithDecode(t *testing.T) {
	p := model.Person{FamilyName: `N'Diaye "Bah" \ <&> ` + "\u2028", GivenNames: "Амина Фатима", BirthDate: model.Date{Year: 1990, Month: 2, Day: 3}}
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	fast := encodeEnvelope(data, nil, nil)
	slow := []byte(`{ "ver" : {}, "data" : ` + string(data) + ` , "v" : 1 }`)
	for _, b := range [][]byte{fast, slow} {
		var want model.Person
		if _, err := decodeEnvelope(b, &want); err != nil {
			t.Fatal(err)
		}
		var got model.Person
		got.AGDREF = "untouched"
		if err := pickFields(b, personSearchFields, []any{&got.FamilyName, &got.GivenNames, &got.BirthDate, &got.AGDREF}); err != nil {
			t.Fatal(err)
		}
		if got.FamilyName != want.FamilyName || got.GivenNames != want.GivenNames || got.BirthDate != want.BirthDate || got.AGDREF != want.AGDREF {
			t.Fatalf("picked %+v, decoded %+v", got, want)
		}
	}
	if err := pickFields([]byte(`{"data":`), personSearchFields[:1], []any{new(string)}); err == nil {
		t.Fatal("a truncated record decoded")
	}
}
