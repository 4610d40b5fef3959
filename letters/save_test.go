package letters

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"casefile/model"
	"casefile/store"
)

func newVaultWithCase(t *testing.T) (*store.Vault, *model.CaseFile) {
	t.Helper()
	c, err := store.Create(t.TempDir(), "correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Vault.Close() })
	f, _ := sampleCase()
	f.ID, f.Ref, f.Status, f.Lawyer = "", "", model.StatusOpen, "Me Paul Durand"
	if err := c.Vault.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	return c.Vault, &f
}

// A saved letter is a document of its case, encrypted in the vault, named
// with the case reference and the date, and logged as a note.
func TestSaveStoresTheLetterWithTheDocuments(t *testing.T) {
	v, f := newVaultWithCase(t)
	l, err := Compose(v, f, "", "recours-gracieux", today, Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Save(v, Saved{CaseID: f.ID, Ref: f.Ref, Template: l.Template, Format: FormatPDF, Text: l.Text, Today: today,
		Header: "Courrier « Recours gracieux » enregistré en PDF"})
	if err != nil {
		t.Fatal(err)
	}
	want := f.Ref + "_2026-11-28_recours-gracieux.pdf"
	docs, err := v.Documents(f.ID)
	if err != nil || len(docs) != 1 || docs[0].Name != want || doc.ID != docs[0].ID {
		t.Fatalf("documents %+v (want %s), %v", docs, want, err)
	}
	b, _, err := v.ReadDocument(doc.ID)
	if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || !strings.Contains(pdfText(b), "BENALI") {
		t.Fatalf("stored bytes: %.20q %v", b, err)
	}
	notes, _ := v.Notes(f.ID)
	if len(notes) != 1 || !strings.HasPrefix(notes[0].Text, "Courrier « Recours gracieux »") {
		t.Fatalf("notes %+v", notes)
	}
	if got := FileName("2026/K7 0042", today, "", FormatRTF); got != "2026-K7 0042_2026-11-28_courrier.rtf" {
		t.Fatalf("FileName = %q", got)
	}
}

// A formal notice saved is a written request with its deadline in the
// evidence log, the letter its proof: the référé readiness sees it.
func TestSavedFormalNoticeIsARequestInTheLog(t *testing.T) {
	v, f := newVaultWithCase(t)
	when := model.DateOf(time.Now())
	by := model.DateOf(time.Now().AddDate(0, 0, 8))
	l, err := Compose(v, f, "", "mise-en-demeure", when, Options{RespondBy: by})
	if err != nil {
		t.Fatal(err)
	}
	if l.RespondBy != by || !strings.Contains(l.Text, "au plus tard le "+LongDate(by)) {
		t.Fatalf("RespondBy %v:\n%s", l.RespondBy, l.Text)
	}
	doc, err := Save(v, Saved{CaseID: f.ID, Ref: f.Ref, Template: l.Template, Format: FormatRTF, Text: l.Text, Today: when,
		RespondBy: l.RespondBy, Header: "Courrier « Mise en demeure » enregistré en RTF"})
	if err != nil {
		t.Fatal(err)
	}
	log, err := v.EvidenceLog(f.ID)
	if err != nil || len(log) != 1 {
		t.Fatalf("log %+v %v", log, err)
	}
	e := log[0]
	if e.Kind != model.EvidenceRequest || e.RespondBy != by || len(e.Proofs) != 1 || e.Proofs[0].DocID != doc.ID ||
		!strings.HasSuffix(doc.Name, "_mise-en-demeure.rtf") {
		t.Fatalf("entry %+v, doc %+v", e, doc)
	}
	docs, _ := v.Documents(f.ID)
	if len(docs) != 1 {
		t.Fatalf("the letter is stored %d times", len(docs))
	}
	r := model.AssessCaseReadiness(model.ReadinessCase{Procedure: f.Procedure}, log, nil, when, model.Paris())
	mu, _ := r.Remedy(model.RemedyUsefulMeasures)
	for _, c := range mu.Checks {
		if c.ID == model.CheckPriorRequest && (c.State != model.CheckPending || c.Until != by) {
			t.Fatalf("prior request check %+v", c)
		}
	}
}

// The signatory defaults to the name the user gave the vault, else to the
// case's lawyer, never to the system account's name.
func TestDefaultSignatory(t *testing.T) {
	v, f := newVaultWithCase(t)
	if got, _ := DefaultSignatory(v, f); got != "Me Paul Durand" {
		t.Fatalf("no author chosen: %q", got)
	}
	l, _ := Compose(v, f, "", "rendez-vous", today, Options{})
	if !strings.HasSuffix(strings.TrimSpace(l.Text), "Me Paul Durand") {
		t.Fatalf("signature:\n%s", l.Text)
	}
	if err := v.SetAuthor("Claire Fontaine"); err != nil {
		t.Fatal(err)
	}
	if got, _ := DefaultSignatory(v, f); got != "Claire Fontaine" {
		t.Fatalf("author chosen: %q", got)
	}
	if err := SaveSender(v, Sender{Signatory: "Me Jeanne Roux", DefenderTitle: "Monsieur le Défenseur des droits"}); err != nil {
		t.Fatal(err)
	}
	l, _ = Compose(v, f, "", "defenseur-des-droits", today, Options{})
	if !strings.HasSuffix(strings.TrimSpace(l.Text), "Me Jeanne Roux") || !strings.Contains(l.Text, "Monsieur le Défenseur des droits,") {
		t.Fatalf("settings:\n%s", l.Text)
	}
}
