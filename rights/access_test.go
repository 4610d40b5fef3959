package rights

import (
	"os"
	"strings"
	"testing"
	"time"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/internal/pdf"
	"casefile/model"
	"casefile/store"
)

func TestMain(m *testing.M) {
	crypto.SetScryptWorkFactorForTests(10)
	os.Exit(m.Run())
}

// The access export holds the person's record, a record merged into it,
// every case they are in (here as main person of one and relative in
// another) with its notes, and the history of their record.
func TestAccessPDFHoldsEverything(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	c, err := store.Create(t.TempDir(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	defer v.Close()
	a := model.CaseFile{Case: model.Case{Procedure: model.ProcRenewal, Prefecture: "Prefaccess"},
		Person: model.Person{FamilyName: "Accessmain", GivenNames: "Ines", BirthPlace: "Birthaccess"}}
	if err := v.SaveCase(&a); err != nil {
		t.Fatal(err)
	}
	if err := v.AddNote(&model.Note{CaseID: a.ID, Text: "Noteaccess interview"}); err != nil {
		t.Fatal(err)
	}
	b := model.CaseFile{Case: model.Case{Procedure: model.ProcAsylum}, Person: model.Person{FamilyName: "Mergedaccess", Phone: "+33 6 11 22 33 44"}}
	if err := v.SaveCase(&b); err != nil {
		t.Fatal(err)
	}
	if _, err := v.MergePersons(a.PersonID, b.PersonID); err != nil {
		t.Fatal(err)
	}
	d, err := v.PersonData(a.PersonID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Cases) != 2 || len(d.Merged) != 1 || len(d.History) == 0 {
		t.Fatalf("cases %d, merged %d, history %d", len(d.Cases), len(d.Merged), len(d.History))
	}
	text := string(pdf.Uncompressed(AccessPDF(d, time.Date(2026, 11, 28, 10, 0, 0, 0, time.UTC))))
	for _, want := range []string{"ACCESSMAIN Ines", "Birthaccess", "Prefaccess", "Noteaccess interview", "Mergedaccess",
		a.Ref, b.Ref, "History of the person", "+33 6 11 22 33 44"} {
		if !strings.Contains(text, want) {
			t.Errorf("access PDF lacks %q", want)
		}
	}
}
