package store

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/layout"
)

// The compact list holds the rows the case-list index holds, in the
// list's order: the same as decoding each row into a CaseSummary.
func TestCaseListHoldsTheRows(t *testing.T) {
	v := newVault(t)
	cases := newCases(60, 21)
	for i := range cases {
		f := &cases[i].File
		f.Opened = model.Date{Year: 2015, Month: 1, Day: 1 + i%4} // ties, ordered by reference
		if i%7 == 0 {
			f.ANEFNumber, f.Person.AGDREF = "", ""
		}
	}
	cases[5].File.Person.FamilyName, cases[5].File.Person.GivenNames = "de la Fontaine", "Ève"
	if err := v.CreateCases(cases); err != nil {
		t.Fatal(err)
	}
	var want []CaseSummary
	if err := v.db.View(func(txn *badger.Txn) error {
		return scan(txn, "idx/list/", func(k, b []byte) error {
			s, err := layout.DecodeSummary(string(k[len("idx/list/"):]), b)
			want = append(want, s)
			return err
		})
	}); err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(want, func(a, b CaseSummary) int {
		if c := b.Opened.Compare(a.Opened); c != 0 {
			return c
		}
		return strings.Compare(b.Ref, a.Ref)
	})

	l, err := v.CaseList()
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() != len(cases) {
		t.Fatalf("%d rows, want %d", l.Len(), len(cases))
	}
	for i, w := range want {
		if got := l.Row(i); got != w {
			t.Errorf("row %d: %+v\nwant %+v", i, got, w)
		}
		if l.ID(i) != w.ID || l.Ref(i) != w.Ref || l.Procedure(i) != w.Procedure || l.Status(i) != w.Status ||
			l.Lawyer(i) != w.Lawyer || l.Prefecture(i) != w.Prefecture {
			t.Errorf("row %d's columns differ from %+v", i, w)
		}
	}
	list, err := v.ListCases()
	if err != nil || !slices.Equal(list, want) {
		t.Errorf("ListCases: %v, %d rows, differ from the rows", err, len(list))
	}
}

func TestCaseListFilter(t *testing.T) {
	v := newVault(t)
	for _, p := range []struct{ family, given, agdref string }{
		{"Traoré", "Aïcha", "7501234567"}, {"Diallo", "Aminata", ""}, {"Traore", "Moussa", ""},
	} {
		f := sampleFile()
		f.Person.FamilyName, f.Person.GivenNames, f.Person.AGDREF = p.family, p.given, p.agdref
		if err := v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
	}
	l, err := v.CaseList()
	if err != nil {
		t.Fatal(err)
	}
	names := func(rows []int32) (out []string) {
		for _, i := range rows {
			out = append(out, l.Row(int(i)).Name)
		}
		slices.Sort(out)
		return out
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"", []string{"DIALLO Aminata", "TRAORE Moussa", "TRAORÉ Aïcha"}},
		{"  ", []string{"DIALLO Aminata", "TRAORE Moussa", "TRAORÉ Aïcha"}},
		{"traore", []string{"TRAORE Moussa", "TRAORÉ Aïcha"}},
		{"TRAORÉ aicha", []string{"TRAORÉ Aïcha"}},
		{"750123", []string{"TRAORÉ Aïcha"}},
		{"diallo moussa", nil},
	} {
		if got := names(l.Filter(c.query)); !slices.Equal(got, c.want) {
			t.Errorf("%q: %q, want %q", c.query, got, c.want)
		}
	}
	if got := l.All(); !slices.Equal(got, []int32{0, 1, 2}) {
		t.Errorf("All: %v", got)
	}
	var none *CaseList
	if none.Len() != 0 || len(none.All()) != 0 || len(none.Filter("traore")) != 0 {
		t.Errorf("a nil list is not empty")
	}
}

// A malformed row is an error, as it was when ListCases decoded each
// row (casefile check names it).
func TestCaseListRejectsMalformedRow(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	for _, row := range []string{"", "2\x1fa", layout.SummaryVersion + strings.Repeat(layout.SummarySep, 9),
		layout.SummaryVersion + strings.Repeat(layout.SummarySep, 11), layout.SummaryVersion + strings.Repeat(layout.SummarySep+"x", 10)} {
		if err := v.db.Update(func(txn *badger.Txn) error { return txn.Set(layout.ListKey(f.ID), []byte(row)) }); err != nil {
			t.Fatal(err)
		}
		if _, err := v.CaseList(); !errors.Is(err, layout.ErrBadSummary) {
			t.Errorf("%q: %v", row, err)
		}
		if _, err := v.ListCases(); !errors.Is(err, layout.ErrBadSummary) {
			t.Errorf("ListCases, %q: %v", row, err)
		}
	}
}
