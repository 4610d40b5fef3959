package search

import (
	"testing"

	"casefile/model"
)

func TestLikelyMatches(t *testing.T) {
	born := model.Date{Year: 1990, Month: 3, Day: 14}
	ix := New()
	d := doc("01", "2026-K7-0001", "Benyoucef", "Aïcha")
	d.People[0].BirthDate, d.People[0].AGDREF = born, "7501234567"
	ix.Update(d)
	d2 := doc("02", "2026-K7-0002", "Diallo", "Mamadou")
	d2.People = append(d2.People, Person{ID: "p01", FamilyName: "Benyoucef", GivenNames: "Aïcha", BirthDate: born, Role: model.RoleSpouse})
	ix.Update(d2)
	other := doc("03", "2026-K7-0003", "Benyoucef", "Aicha")
	other.People[0].BirthDate = model.Date{Year: 1991, Month: 3, Day: 14}
	ix.Update(other)

	for _, c := range []struct {
		name string
		p    Person
		want Reason
		n    int
	}{
		{"variant spelling, same birth date", Person{FamilyName: "Ben Youssef", GivenNames: "Aisha", BirthDate: born}, ReasonNameBirth, 2},
		{"names swapped", Person{FamilyName: "Aicha", GivenNames: "Benyoucef", BirthDate: born}, ReasonNameBirth, 2},
		{"same AGDREF, other name", Person{FamilyName: "Martin", AGDREF: "7501234567"}, ReasonAGDREF, 1},
	} {
		got := ix.LikelyMatches(c.p)
		if len(got) != 1 || got[0].Person.ID != "p01" || got[0].Reason != c.want || len(got[0].Cases) != c.n {
			t.Errorf("%s: %+v", c.name, got)
		}
	}
	if got := ix.LikelyMatches(Person{FamilyName: "Benyoucef", GivenNames: "Karim", BirthDate: born}); len(got) != 0 {
		t.Errorf("another given name matched: %+v", got)
	}
	if got := ix.LikelyMatches(Person{ID: "p01", FamilyName: "Benyoucef", GivenNames: "Aicha", BirthDate: born}); len(got) != 0 {
		t.Errorf("the person edited matched itself: %+v", got)
	}
}
