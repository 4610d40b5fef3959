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

// Without a birth date on either side, the same names (or transliterations
// of them) are still a likely match, reported with a weaker reason; a
// name one typo off, or a family name alone, is not. Two different birth
// dates rule the person out.
func TestLikelyMatchesByNameAlone(t *testing.T) {
	born := model.Date{Year: 1990, Month: 3, Day: 14}
	ix := New()
	d := doc("01", "2026-K7-0001", "Benyoucef", "Aïcha")
	d.People[0].BirthDate = born
	ix.Update(d)
	ix.Update(doc("02", "2026-K7-0002", "Okafor", "Chidi Emeka")) // no birth date
	other := doc("03", "2026-K7-0003", "Benyoucef", "Aicha")
	other.People[0].BirthDate = model.Date{Year: 1991, Month: 3, Day: 14}
	ix.Update(other)

	got := ix.LikelyMatches(Person{FamilyName: "Benyoucef", GivenNames: "Aïcha"})
	if len(got) != 2 || got[0].Reason != ReasonName || got[1].Reason != ReasonName {
		t.Fatalf("same names, no birth date typed: %+v", got)
	}
	got = ix.LikelyMatches(Person{FamilyName: "Ben Youssef", GivenNames: "Aisha", BirthDate: born})
	if len(got) != 1 || got[0].Person.ID != "p01" || got[0].Reason != ReasonNameBirth {
		t.Fatalf("birth dates on both sides: %+v", got)
	}
	got = ix.LikelyMatches(Person{FamilyName: "OKAFOR", GivenNames: "Chidi", BirthDate: born})
	if len(got) != 1 || got[0].Person.ID != "p02" || got[0].Reason != ReasonName {
		t.Fatalf("existing person without a birth date: %+v", got)
	}
	got = ix.LikelyMatches(Person{FamilyName: "Emeka", GivenNames: "Okafor"})
	if len(got) != 1 || got[0].Reason != ReasonName {
		t.Fatalf("names swapped: %+v", got)
	}
	for _, p := range []Person{
		{FamilyName: "Okamor", GivenNames: "Chidi"}, // one typo
		{FamilyName: "Okafor"},                      // no given name
		{FamilyName: "Okafor", GivenNames: "Ngozi"}, // another given name
		{FamilyName: "Okaf", GivenNames: "Chidi"},   // a family name being typed
	} {
		if got := ix.LikelyMatches(p); len(got) != 0 {
			t.Errorf("%+v matched: %+v", p, got)
		}
	}
}
