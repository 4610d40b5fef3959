package store

import (
	"testing"

	"casefile/search"
)

// TestCaseListFilterFoldsAsSearch: the case list's filter and the search
// index fold names with the same function (model.Fold), so a query finds
// the same case through both. Before, the filter spelled ł, ß, æ, œ and ø
// as themselves and the search in plain Latin: "strauss" found Strauß
// through search and not through the list.
func TestCaseListFilterFoldsAsSearch(t *testing.T) {
	v := newVault(t)
	names := []struct{ family, given string }{
		{"Wałęsa", "Łukasz"}, {"Strauß", "Jörg"}, {"Ærø", "Mette"}, {"Œuvrard", "Chloé"},
		{"Søndergaard", "Søren"}, {"Lefèvre", "Hélène"},
	}
	ix := search.New()
	for _, n := range names {
		f := sampleFile()
		f.Person.FamilyName, f.Person.GivenNames = n.family, n.given
		if err := v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
		ix.Update(search.Doc{CaseID: f.ID, Ref: f.Ref, People: []search.Person{{ID: f.PersonID, FamilyName: n.family, GivenNames: n.given}}})
	}
	l, err := v.CaseList()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ query, family string }{
		{"walesa lukasz", "WAŁĘSA"}, {"strauss", "STRAUSS"}, {"STRAUSS jorg", "STRAUSS"},
		{"aero", "ÆRØ"}, {"oeuvrard chloe", "ŒUVRARD"}, {"sondergaard soren", "SØNDERGAARD"},
		{"lefevre helene", "LEFÈVRE"}, {"ŁUKASZ", "WAŁĘSA"}, {"Ærø", "ÆRØ"},
	} {
		rows := l.Filter(c.query)
		if len(rows) != 1 {
			t.Errorf("list filter %q: %d rows", c.query, len(rows))
			continue
		}
		row := l.Row(int(rows[0]))
		hits, _ := ix.Search(c.query, 0)
		if len(hits) == 0 || hits[0].CaseID != row.ID {
			t.Errorf("%q: the list finds %s (%s), the search %+v", c.query, row.ID, row.Name, hits)
		}
	}
}
