package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/store"
)

// A case with a document goes to a colleague, who later receives an edit
// of it and unticks one incoming value in the preview: the document
// arrives whole, the unticked value stays ours and becomes a collision.
func TestImportScreenUntickedFieldBecomesCollision(t *testing.T) {
	wait := waiter(t)
	alice, ids := unlockedApp(t, 1)
	bob, _ := unlockedApp(t, 1)
	bobKey, _ := bob.Vault().PublicIdentity()
	if err := alice.Vault().SaveContact(&store.Contact{Name: "Bob", Key: bobKey}); err != nil {
		t.Fatal(err)
	}
	doc, err := alice.Vault().AddDocument(ids[0], "recepisse.pdf", strings.NewReader("%PDF-1.4 fictional"))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "b.casefile.age")
	send := func() {
		var exportErr error
		alice.exportTo(file, ids, exportChoice{contacts: []string{"Bob"}}, func(err error) { exportErr = err })
		wait()
		if exportErr != nil {
			t.Fatal(exportErr)
		}
	}
	importTicked := func() {
		t.Helper()
		for _, b := range inOverlays[*widget.Button](t, bob.win) {
			if b.Text == "Import the ticked cases" {
				test.Tap(b)
			}
		}
		wait()
	}
	send()
	bob.openImport(file, "")
	wait()
	importTicked()
	if got, _, err := bob.Vault().ReadDocument(doc.ID); err != nil || string(got) != "%PDF-1.4 fictional" {
		t.Fatalf("document after import: %q %v", got, err)
	}
	before, _ := bob.Vault().Case(ids[0])
	if _, err := alice.Vault().SetCaseFields(ids[0], map[string]string{"prefecture": "Préfecture B (test)", "anef_number": "A9"}); err != nil {
		t.Fatal(err)
	}
	send()
	bob.openImport(file, "")
	wait()
	unticked := false
	for _, c := range inOverlays[*widget.Check](t, bob.win) {
		if strings.Contains(c.Text, "case.prefecture") && strings.Contains(c.Text, "Préfecture B (test)") && !strings.Contains(c.Text, "\n") {
			c.SetChecked(false)
			unticked = true
		}
	}
	if !unticked {
		t.Fatal("no tick for the incoming prefecture")
	}
	importTicked()
	got, _ := bob.Vault().Case(ids[0])
	if got.Prefecture != before.Prefecture || got.ANEFNumber != "A9" {
		t.Fatalf("prefecture %q (want %q), anef %q", got.Prefecture, before.Prefecture, got.ANEFNumber)
	}
	col, err := bob.Vault().Collisions(ids[0])
	if err != nil || len(col) != 1 || string(col[0].Lost) != `"Préfecture B (test)"` {
		t.Fatalf("collisions: %+v %v", col, err)
	}
	if rep, err := bob.Vault().Check(); err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", rep, err)
	}
}
