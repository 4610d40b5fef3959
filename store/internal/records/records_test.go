package records

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"casefile/changelog"
	"casefile/model"
)

func TestMergeKeepsUntouchedFieldsAndNamesCollisions(t *testing.T) {
	// Stored: family name set at version 5, given names at version 7.
	env := &changelog.Envelope{
		Data: json.RawMessage(`{"id":"p1","family_name":"MARTIN","given_names":"Jean","phone":"01"}`),
		Ver:  map[string]model.HLC{"family_name": 5, "given_names": 7, "phone": 3},
	}
	// The form loaded given names at version 6 (someone changed them
	// since) and family name at version 5 (untouched since).
	base := Versions{"family_name": 5, "given_names": 6, "phone": 3}
	edits := []FieldEdit{
		{Field: "family_name", Value: json.RawMessage(`"DURAND"`)},
		{Field: "given_names", Value: json.RawMessage(`"Paul"`)},
		{Field: "phone", Value: json.RawMessage(` "01" `)}, // already so
	}
	var p model.Person
	collided, bases, err := Merge(env, edits, base, &p)
	if err != nil {
		t.Fatal(err)
	}
	if p.FamilyName != "DURAND" || p.GivenNames != "Paul" || p.Phone != "01" {
		t.Errorf("merged = %+v", p)
	}
	if !slices.Equal(collided, []string{"given_names"}) {
		t.Errorf("collided = %v, want [given_names]", collided)
	}
	want := map[string]model.HLC{"family_name": 5, "given_names": 6}
	if len(bases) != len(want) || bases["family_name"] != 5 || bases["given_names"] != 6 {
		t.Errorf("bases = %v, want %v", bases, want)
	}

	// Nothing to write: no bases.
	if _, bases, err := Merge(env, edits[2:], base, &p); err != nil || bases != nil {
		t.Errorf("an edit equal to the record: bases %v, err %v; want none", bases, err)
	}
	// A field the type does not have is refused, not silently dropped.
	var ve *model.ValidationError
	if _, _, err := Merge(env, []FieldEdit{{Field: "nope", Value: json.RawMessage(`1`)}}, base, &p); !errors.As(err, &ve) {
		t.Errorf("unknown field: err = %v, want a validation error", err)
	}
}

func TestSplitCaseEditsRefusesLinks(t *testing.T) {
	c, p, err := SplitCaseEdits([]FieldEdit{{Field: "prefecture"}, {Field: "person.phone"}})
	if err != nil || len(c) != 1 || c[0].Field != "prefecture" || len(p) != 1 || p[0].Field != "phone" {
		t.Errorf("split = %v, %v, %v", c, p, err)
	}
	for _, f := range []string{"ref", "person_id", "related", "person.merged_into", "person.id"} {
		if _, _, err := SplitCaseEdits([]FieldEdit{{Field: f}}); err == nil {
			t.Errorf("%s: accepted, want refused", f)
		}
	}
}

func TestJSONSame(t *testing.T) {
	if !JSONSame(json.RawMessage(`{"a": 1}`), json.RawMessage(`{"a":1}`)) {
		t.Error("the same object spaced differently differs")
	}
	if JSONSame(json.RawMessage(`1`), json.RawMessage(`2`)) || JSONSame(json.RawMessage(`{`), json.RawMessage(`{ `)) {
		t.Error("different or invalid values are the same")
	}
}

func TestMergeFields(t *testing.T) {
	keep := model.Person{ID: "k", FamilyName: "MARTIN", Languages: []string{"fr"}}
	drop := model.Person{ID: "d", FamilyName: "MARTINE", Phone: "06", Languages: []string{"ar", "fr"}}
	got, conflicts, err := MergeFields(keep, drop)
	if err != nil {
		t.Fatal(err)
	}
	if got.FamilyName != "MARTIN" || got.Phone != "06" || !slices.Equal(got.Languages, []string{"fr", "ar"}) || got.ID != "k" {
		t.Errorf("merged = %+v", got)
	}
	if len(conflicts) != 1 || conflicts[0] != (FieldConflict{Field: "family_name", Kept: "MARTIN", Dropped: "MARTINE"}) {
		t.Errorf("conflicts = %v", conflicts)
	}
}

func TestRelink(t *testing.T) {
	cs := model.Case{PersonID: "d", Related: []model.Related{{PersonID: "k"}, {PersonID: "x"}, {PersonID: "d"}}}
	got := Relink(cs, "d", "k")
	if got.PersonID != "k" || len(got.Related) != 1 || got.Related[0].PersonID != "x" {
		t.Errorf("relinked = %+v: want k as main person, once, and x", got)
	}
}

func TestTouchedNamesEachRecordOnce(t *testing.T) {
	ops := []changelog.Op{
		{Entity: "case", ID: "c", Field: "a"}, {Entity: "case", ID: "c", Field: "b"},
		{Entity: "person", ID: "p", Field: "a"}, {Entity: "case", ID: "c", Field: "d"},
	}
	var got []string
	Touched(ops, func(kind, id string) { got = append(got, kind+"/"+id) })
	if !slices.Equal(got, []string{"case/c", "person/p"}) {
		t.Errorf("touched = %v", got)
	}
}

func TestCheckConcerns(t *testing.T) {
	events := []model.Event{{ID: "e1"}, {ID: "e2"}}
	if err := CheckConcerns(events, model.Event{ID: "e2", Concerns: "e1"}); err != nil {
		t.Errorf("an event of the case: %v", err)
	}
	for _, e := range []model.Event{{ID: "e2", Concerns: "other"}, {ID: "e2", Concerns: "e2"}} {
		if err := CheckConcerns(events, e); err == nil {
			t.Errorf("%+v accepted", e)
		}
	}
}

func TestSameInstantWantsTheSameOffset(t *testing.T) {
	utc := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	paris := utc.In(time.FixedZone("CET", 3600))
	if !SameInstant(utc, utc) || SameInstant(utc, paris) || !SameInstant(time.Time{}, time.Time{}.In(time.FixedZone("X", 60))) {
		t.Error("SameInstant: same instant with another offset must differ, zero times are alike")
	}
}

func TestEvidenceOfMalfunction(t *testing.T) {
	m := model.Malfunction{ID: "20260301T101500-ab", Category: model.MalfSupportFailure, Date: model.Date{Year: 2026, Month: 3, Day: 1}, Text: " no answer "}
	e := EvidenceOfMalfunction("case1", m, "alice")
	if e.Channel != model.EvidenceContactCentre || e.What != "no answer" || !e.DateOnly || e.Kind != model.EvidenceAttempt || e.AddedBy != "alice" {
		t.Errorf("entry = %+v", e)
	}
	if want := time.Date(2026, 3, 1, 10, 15, 0, 0, time.UTC); !e.AddedAt.Equal(want) {
		t.Errorf("added at %v, want %v (from the malfunction's id)", e.AddedAt, want)
	}
	if e2 := EvidenceOfMalfunction("case1", m, "bob"); e2.ID != e.ID {
		t.Error("the id depends on who moves it; every device must derive the same")
	}
	have := map[string]bool{e.ID: true}
	if got := LegacyEntries(&model.Case{ID: "case1", Malfunctions: []model.Malfunction{m}}, have); len(got) != 0 {
		t.Errorf("an entry that exists is listed again: %v", got)
	}
}

func TestCorrectedEvent(t *testing.T) {
	old := &model.Event{ID: "e", CaseID: "c"}
	ev := &model.Event{ID: "e", CaseID: "other"}
	var ve *model.ValidationError
	if err := CorrectedEvent(ev, old); !errors.As(err, &ve) {
		t.Errorf("moving an event to another case: err = %v", err)
	}
}
