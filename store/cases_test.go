package store

import (
	"errors"
	"testing"

	"casefile/model"
)

func sampleFile() model.CaseFile {
	return model.CaseFile{
		Case: model.Case{Procedure: model.ProcRenewal, Prefecture: "Seine-Saint-Denis (Bobigny)", Lawyer: "Me Test"},
		Person: model.Person{FamilyName: "Diallo", GivenNames: "Aminata Fatou",
			BirthDate: model.Date{Year: 1990, Month: 3, Day: 14}, Languages: []string{"peul", "français"}},
	}
}

func TestSaveCaseCreatesAndUpdates(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	if !model.ValidRef(f.Ref) || f.ID == "" || f.PersonID == "" || f.Status != model.StatusOpen {
		t.Fatalf("created case not filled in: %+v", f)
	}
	got, err := v.Case(f.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if got.Person.FamilyName != "Diallo" || got.Prefecture != f.Prefecture {
		t.Fatalf("read back %+v", got)
	}
	if _, err := v.SetCaseFields(f.Ref, map[string]string{"prefecture": "Rhône (Lyon)", "person.family_name": "Diallo-Bah"}); err != nil {
		t.Fatal(err)
	}
	got, _ = v.Case(f.ID)
	if got.Prefecture != "Rhône (Lyon)" || got.Person.FamilyName != "Diallo-Bah" || got.Ref != f.Ref {
		t.Fatalf("update lost: %+v", got)
	}
	rep, err := v.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
	if rep.Changes != 2 || rep.Cases != 1 || rep.People != 1 {
		t.Fatalf("counts: %+v", rep)
	}
}

func TestSaveCaseRejectsInvalid(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	f.Person.FamilyName = ""
	f.Person.BirthDate = model.Date{Year: 2999, Month: 1, Day: 1}
	err := v.SaveCase(&f)
	var ve *model.ValidationError
	if !errors.As(err, &ve) || ve.For("person.family_name") != model.ProblemRequired || ve.For("person.birth_date") != model.ProblemFuture {
		t.Fatalf("want validation errors, got %v", err)
	}
	list, _ := v.ListCases()
	if len(list) != 0 {
		t.Fatal("invalid case was saved")
	}
}

func TestReferencesAreSequentialPerYear(t *testing.T) {
	v := newVault(t)
	var refs []string
	for i := 0; i < 3; i++ {
		f := sampleFile()
		f.Opened = model.Date{Year: 2025, Month: 6, Day: 1 + i}
		if err := v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
		refs = append(refs, f.Ref)
	}
	code := v.DeviceCode()
	for i, want := range []string{"2025-" + code + "-0001", "2025-" + code + "-0002", "2025-" + code + "-0003"} {
		if refs[i] != want {
			t.Fatalf("ref %d = %s, want %s", i, refs[i], want)
		}
	}
}
