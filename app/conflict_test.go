package app

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/search"
	"casefile/store"
)

// While a person is typed, the panel lists the existing record of the same
// person (another spelling, same birth date) and opens its case.
func TestConflictPanel(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	c, err := store.Create(t.TempDir(), pass)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Vault.Close()
	born := model.Date{Year: 1990, Month: 3, Day: 14}
	f := model.CaseFile{Case: model.Case{Procedure: model.ProcRenewal},
		Person: model.Person{FamilyName: "Benyoucef", GivenNames: "Aïcha", BirthDate: born}}
	if err := c.Vault.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	fa := test.NewTempApp(t)
	a := &App{fa: fa, win: fa.NewWindow("test")}
	if a.likelyMatches(model.Person{FamilyName: "Ben Youssef", BirthDate: born}) != nil {
		t.Fatal("matches before the index is built")
	}
	ix, err := search.Build(c.Vault.EachSearchDoc)
	if err != nil {
		t.Fatal(err)
	}
	a.search.ix = ix
	var opened string
	panel := a.newConflictPanel(func(ref string) { opened = ref }, nil)
	a.win.SetContent(panel.Object())
	panel.Show(model.Person{FamilyName: "Ben Youssef", GivenNames: "Aisha", BirthDate: born})
	label(t, a.win, "BENYOUCEF Aïcha, born 14 Mar 1990")
	test.Tap(button(t, a.win, "Open"))
	if opened != f.Ref {
		t.Fatalf("opened %q, want %q", opened, f.Ref)
	}
	panel.Show(model.Person{FamilyName: "Ben Youssef", GivenNames: "Aisha", BirthDate: model.Date{Year: 1991, Month: 3, Day: 14}})
	if n := len(allOf[*widget.Label](t, a.win)); n != 0 {
		t.Fatalf("%d labels for a person with another birth date", n)
	}
}
