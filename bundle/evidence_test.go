package bundle

import (
	"bytes"
	"testing"
	"time"

	"casefile/crypto"
	"casefile/model"
	"casefile/store"
)

// TestEvidenceTravels: bundles left the evidence log out (the export
// named notes, events, deadlines and documents only), so a colleague
// received a case without its dated attempts, its ANEF malfunctions, or
// the proofs' link to them. They travel now, proofs included, and the
// preview counts them.
func TestEvidenceTravels(t *testing.T) {
	v, ex := sender(t, 2)
	f, err := v.Case(ex[0].Ref)
	if err != nil {
		t.Fatal(err)
	}
	attempt := &model.Evidence{CaseID: f.ID, At: time.Now().Add(-48 * time.Hour), Channel: model.EvidenceAppointment,
		What: "Aucun créneau proposé sur le site de la préfecture"}
	proof := store.ProofFile{Name: "capture.png", R: bytes.NewReader(noise(3000, 9))}
	if err := v.AddEvidence(attempt, []store.ProofFile{proof}); err != nil {
		t.Fatal(err)
	}
	malf := &model.Malfunction{Category: model.MalfFilingBug, Date: model.DateOf(time.Now().AddDate(0, 0, -3)),
		Text: "Le dépôt échoue à l'étape des pièces justificatives"}
	if err := v.AddMalfunction(f.ID, malf); err != nil {
		t.Fatal(err)
	}
	ex, err = v.ExportCases([]string{ex[0].Ref, ex[1].Ref})
	if err != nil {
		t.Fatal(err)
	}
	me, _ := crypto.NewIdentity()
	file := writeDocs(t, v, ex, me.Hybrid.Recipient())
	b, err := Read(bytes.NewReader(file), me.AgeIdentities(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if b.Manifest.Version != 3 {
		t.Fatalf("written as version %d", b.Manifest.Version)
	}
	want, err := v.EvidenceLog(f.ID)
	if err != nil {
		t.Fatal(err)
	}
	other, err := v.EvidenceLog(ex[1].ID)
	if err != nil {
		t.Fatal(err)
	}
	wantMalf := 0
	for _, e := range want {
		if e.IsMalfunction() {
			wantMalf++
		}
	}
	r := receiver(t)
	pre, err := r.PreviewImport(b.Cases)
	if err != nil {
		t.Fatal(err)
	}
	if pre[0].Evidence != len(want) || pre[1].Evidence != len(other) {
		t.Fatalf("preview counts %d and %d evidence entries, want %d and %d", pre[0].Evidence, pre[1].Evidence, len(want), len(other))
	}
	if _, err := r.ImportBundle(b.Cases, store.ImportOptions{Documents: b.DocumentsFrom(bytes.NewReader(file))}); err != nil {
		t.Fatal(err)
	}
	got, err := r.EvidenceLog(f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) || len(want) < 2 {
		t.Fatalf("received %d entries of %d", len(got), len(want))
	}
	var malfunctions, proofs int
	for _, e := range got {
		if e.IsMalfunction() {
			malfunctions++
		}
		for _, p := range e.Proofs {
			data, _, err := r.ReadDocument(p.DocID)
			if err != nil || !bytes.Equal(data, noise(3000, 9)) {
				t.Fatalf("proof %s: %v", p.Name, err)
			}
			proofs++
		}
	}
	if malfunctions != wantMalf || wantMalf == 0 || proofs != 1 {
		t.Fatalf("received %d malfunctions and %d proofs, want %d and 1", malfunctions, proofs, wantMalf)
	}
	rep, err := r.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("check after the import: %v %v", err, rep.Problems)
	}
	// Importing again changes nothing.
	if res, err := r.ImportBundle(b.Cases, store.ImportOptions{Documents: b.DocumentsFrom(bytes.NewReader(file))}); err != nil || res.Unchanged != 2 {
		t.Fatalf("second import: %+v %v", res, err)
	}
}

// TestVersion2BundleStillImports: a bundle written before the evidence
// log travelled (format 2, documents and all) is read and imported.
func TestVersion2BundleStillImports(t *testing.T) {
	v, ex, docs := withDocuments(t, 2000)
	me, _ := crypto.NewIdentity()
	writeVersion = 2
	file := writeDocs(t, v, ex, me.Hybrid.Recipient())
	writeVersion = FormatVersion
	b, err := Read(bytes.NewReader(file), me.AgeIdentities(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if b.Manifest.Version != 2 {
		t.Fatalf("version %d", b.Manifest.Version)
	}
	r := receiver(t)
	if _, err := r.ImportBundle(b.Cases, store.ImportOptions{Documents: b.DocumentsFrom(bytes.NewReader(file))}); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Document(docs[0].ID); err != nil {
		t.Fatal(err)
	}
	rep, err := r.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
}
