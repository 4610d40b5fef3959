package store

import (
	"errors"
	"testing"

	"casefile/fakeclinic"
	"casefile/model"
)

// Two records of one person, typed twice: after the merge every case
// refers to the kept record, its empty fields are filled, conflicting
// values are reported and kept on the tombstone, and check stays clean.
func TestMergePersons(t *testing.T) {
	v := newVault(t)
	g := fakeclinic.New(3)
	today := v.today()
	a := g.CaseFile(today)
	a.Person.AGDREF, a.Person.Phone, a.Person.Languages = "", "+33 6 39 98 00 01", []string{"arabe"}
	if err := v.SaveCase(&a); err != nil {
		t.Fatal(err)
	}
	b := g.CaseFile(today)
	b.Person.AGDREF, b.Person.Phone, b.Person.Languages = "7501234567", "+33 6 39 98 00 02", []string{"français"}
	other := g.Household(today)
	nc := NewCase{File: other.File, Relatives: []Relative{{Person: model.Person{FamilyName: "Double"}, Role: model.RoleSpouse}}}
	if err := v.CreateCases([]NewCase{{File: b}, nc}); err != nil {
		t.Fatal(err)
	}
	list, _ := v.ListCases()
	var bFile, relCase *model.CaseFile
	for _, s := range list {
		f, _ := v.Case(s.ID)
		if f.Person.AGDREF == "7501234567" {
			bFile = f
		}
		if len(f.Related) == 1 {
			relCase = f
		}
	}
	dropID := bFile.PersonID
	// The relative of the third case is the same person too: merge it
	// into the kept record after the first merge.
	conflicts, err := v.MergePersons(a.PersonID, dropID)
	if err != nil {
		t.Fatal(err)
	}
	if len(conflicts) == 0 || !hasConflict(conflicts, "phone") {
		t.Fatalf("conflicts: %+v", conflicts)
	}
	if _, err := v.MergePersons(a.PersonID, relCase.Related[0].PersonID); err != nil {
		t.Fatal(err)
	}
	kept, _ := v.Person(a.PersonID)
	if kept.AGDREF != "7501234567" || kept.Phone != "+33 6 39 98 00 01" || len(kept.Languages) != 2 {
		t.Fatalf("kept: %+v", kept)
	}
	tomb, _ := v.Person(dropID)
	if tomb.MergedInto != a.PersonID || tomb.Phone != "+33 6 39 98 00 02" {
		t.Fatalf("tombstone: %+v", tomb)
	}
	if f, _ := v.Case(bFile.ID); f.PersonID != a.PersonID {
		t.Fatalf("case still refers to %s", f.PersonID)
	}
	if f, _ := v.Case(relCase.ID); f.Related[0].PersonID != a.PersonID {
		t.Fatalf("relative not redirected: %+v", f.Related)
	}
	rep, err := v.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
	if _, err := v.MergePersons(a.PersonID, dropID); !errors.Is(err, ErrMerged) {
		t.Fatalf("merging a tombstone again: %v", err)
	}
	if _, err := v.MergePersons(a.PersonID, a.PersonID); !errors.Is(err, ErrMergeSelf) {
		t.Fatalf("self merge: %v", err)
	}
	d, err := v.SearchDoc(bFile.ID)
	if err != nil || d.People[0].ID != a.PersonID || d.People[0].AGDREF != "7501234567" {
		t.Fatalf("search doc: %+v %v", d, err)
	}
}

func hasConflict(cs []FieldConflict, f string) bool {
	for _, c := range cs {
		if c.Field == f {
			return true
		}
	}
	return false
}
