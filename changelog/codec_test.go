package changelog

import (
	"encoding/json"
	"reflect"
	"testing"

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
			fs, data, err := FieldsOf(rec)
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
				if j > 0 && fs[j-1].Name >= f.Name {
					t.Fatalf("fields not sorted: %q then %q", fs[j-1].Name, f.Name)
				}
				got[f.Name] = f.Raw
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("record %d: split\n got %v\nwant %v", i, got, want)
			}
			ver := map[string]model.HLC{"gone_field": 3}
			for j, f := range fs {
				ver[f.Name] = model.HLC(1000 + j)
			}
			env, err := DecodeEnvelope(EncodeEnvelope(data, fs, ver), nil)
			if err != nil {
				t.Fatal(err)
			}
			if env.V != 1 || string(env.Data) != string(data) || !reflect.DeepEqual(env.Ver, ver) {
				t.Fatalf("envelope round trip: %+v", env)
			}
			ops := Diff("person", "id-é\"1", nil, nil, fs)
			newVer := map[string]model.HLC{}
			for _, op := range ops {
				newVer[op.Field] = 77
			}
			if a, b := EncodeNewEnvelope(data, ops, 77), EncodeEnvelope(data, fs, newVer); string(a) != string(b) {
				t.Fatalf("new-record envelope:\n%s\n%s", a, b)
			}
			var back Change
			if err := json.Unmarshal(EncodeChange("Me Chloé \"N\" <x>\n", ops), &back); err != nil {
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
		if _, err := SplitObject([]byte(s)); err == nil {
			t.Errorf("%q: accepted", s)
		}
	}
	fs, err := SplitObject([]byte(` { "b" : [1,{"x":"]"}] , "a\u00e9":"s\"}" } `))
	if err != nil || len(fs) != 2 || fs[0].Name != "aé" || fs[1].Name != "b" || string(fs[0].Raw) != `"s\"}"` {
		t.Fatalf("%v %v", fs, err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// PickFields reads the same values as decoding the whole record, escapes,
// non-Latin scripts and absent fields included, on the fast path and on the
// fallback (an envelope written with spaces and a field order of its own).
func TestPickFieldsAgreesWithDecode(t *testing.T) {
	p := model.Person{FamilyName: `N'Diaye "Bah" \ <&> ` + "\u2028", GivenNames: "Амина Фатима", BirthDate: model.Date{Year: 1990, Month: 2, Day: 3}}
	data, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	fast := EncodeEnvelope(data, nil, nil)
	slow := []byte(`{ "ver" : {}, "data" : ` + string(data) + ` , "v" : 1 }`)
	for _, b := range [][]byte{fast, slow} {
		var want model.Person
		if _, err := DecodeEnvelope(b, &want); err != nil {
			t.Fatal(err)
		}
		var got model.Person
		got.AGDREF = "untouched"
		if err := PickFields(b, searchFields, []any{&got.FamilyName, &got.GivenNames, &got.BirthDate, &got.AGDREF}); err != nil {
			t.Fatal(err)
		}
		if got.FamilyName != want.FamilyName || got.GivenNames != want.GivenNames || got.BirthDate != want.BirthDate || got.AGDREF != want.AGDREF {
			t.Fatalf("picked %+v, decoded %+v", got, want)
		}
	}
	if err := PickFields([]byte(`{"data":`), searchFields[:1], []any{new(string)}); err == nil {
		t.Fatal("a truncated record decoded")
	}
}

// the fields the vault's search index picks from a person's record.
var searchFields = []string{"family_name", "given_names", "birth_date", "agdref"}
