package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/layout"
)

func evidenceAt(caseID string, at time.Time, what string) model.Evidence {
	return model.Evidence{CaseID: caseID, At: at, Channel: model.EvidenceAppointment, What: what,
		Category: model.MalfNoAppointment}
}

func TestEvidenceAddListCorrectWithdraw(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	shot := bytes.Repeat([]byte("screenshot "), 40000) // over one chunk
	sum := sha256.Sum256(shot)

	t1 := time.Now().Add(-72 * time.Hour).UTC().Truncate(time.Second)
	e1 := evidenceAt(f.ID, t1, "no slot offered")
	if err := v.AddEvidence(&e1, []ProofFile{{Name: "capture.png", R: bytes.NewReader(shot)}}); err != nil {
		t.Fatal(err)
	}
	if len(e1.Proofs) != 1 || e1.Proofs[0].SHA256 != hex.EncodeToString(sum[:]) || e1.Proofs[0].Size != int64(len(shot)) {
		t.Fatalf("proof = %+v", e1.Proofs)
	}
	b, _, err := v.ReadDocument(e1.Proofs[0].DocID)
	if err != nil || !bytes.Equal(b, shot) {
		t.Fatalf("proof bytes read back: %v", err)
	}
	e2 := evidenceAt(f.ID, t1.Add(24*time.Hour), "phone line busy")
	e2.Channel = model.EvidencePhone
	if err := v.AddEvidence(&e2, nil); err != nil {
		t.Fatal(err)
	}
	log, err := v.EvidenceLog(f.ID)
	if err != nil || len(log) != 2 || log[0].ID != e2.ID || log[1].ID != e1.ID {
		t.Fatalf("log newest first: %+v, %v", log, err)
	}

	// A correction keeps the original in the history.
	fix := model.Evidence{ID: e1.ID, At: t1, Channel: model.EvidenceANEF, What: "ANEF: page error 500"}
	if err := v.UpdateEvidence(&fix, []ProofFile{{Name: "mail.eml", R: strings.NewReader("From: prefecture")}}); err != nil {
		t.Fatal(err)
	}
	got, _ := v.EvidenceEntry(e1.ID)
	if got.What != "ANEF: page error 500" || len(got.Proofs) != 2 || got.Proofs[0] != e1.Proofs[0] || got.AddedAt != e1.AddedAt {
		t.Fatalf("corrected entry = %+v", got)
	}
	hist, err := v.EvidenceHistory(e1.ID)
	if err != nil || len(hist) != 2 {
		t.Fatalf("history %d changes, %v", len(hist), err)
	}
	original := map[string]string{}
	for _, op := range hist[0].Ops {
		original[op.Field] = string(op.Value)
	}
	if original["what"] != `"no slot offered"` || original["channel"] != `"appointment_site"` {
		t.Fatalf("history lost the original: %v", original)
	}
	var changed []string
	for _, op := range hist[1].Ops {
		changed = append(changed, op.Field)
	}
	slices.Sort(changed)
	if strings.Join(changed, ",") != "category,channel,proofs,what" {
		t.Fatalf("correction changed %v", changed)
	}

	// Withdrawal needs a reason, and keeps the entry.
	if err := v.WithdrawEvidence(e2.ID, "  "); err == nil {
		t.Fatal("withdrawn without a reason")
	}
	if err := v.WithdrawEvidence(e2.ID, "recorded on the wrong case"); err != nil {
		t.Fatal(err)
	}
	got, _ = v.EvidenceEntry(e2.ID)
	if !got.Withdrawn || got.WithdrawnReason != "recorded on the wrong case" || got.What != "phone line busy" {
		t.Fatalf("withdrawn entry = %+v", got)
	}
	if err := v.WithdrawEvidence("nope", "x"); !errors.Is(err, ErrEvidenceNotFound) {
		t.Fatalf("unknown id: %v", err)
	}
	mustCheck(t, v)
}

func TestEvidenceBadInputLosesNothing(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	bad := model.Evidence{CaseID: f.ID, At: time.Now().Add(time.Hour), Channel: "fax"}
	var ve *model.ValidationError
	if err := v.AddEvidence(&bad, []ProofFile{{Name: "a.png", R: strings.NewReader("x")}}); !errors.As(err, &ve) {
		t.Fatalf("err = %v", err)
	}
	docs, _ := v.Documents(f.ID)
	log, _ := v.EvidenceLog(f.ID)
	if len(docs) != 0 || len(log) != 0 {
		t.Fatalf("invalid entry left %d documents, %d entries", len(docs), len(log))
	}
	// A proof that cannot be stored leaves neither the entry nor the
	// proofs stored before it.
	ok := evidenceAt(f.ID, time.Now().Add(-time.Hour), "no slot")
	big := bytes.NewReader(make([]byte, model.MaxDocumentBytes+1))
	err := v.AddEvidence(&ok, []ProofFile{{Name: "a.png", R: strings.NewReader("x")}, {Name: "big.pdf", R: big}})
	if !errors.Is(err, ErrDocumentTooLarge) {
		t.Fatalf("err = %v", err)
	}
	docs, _ = v.Documents(f.ID)
	log, _ = v.EvidenceLog(f.ID)
	if len(docs) != 0 || len(log) != 0 {
		t.Fatalf("failed entry left %d documents, %d entries", len(docs), len(log))
	}
	e := evidenceAt(f.ID, time.Now().Add(-time.Hour), "no slot")
	if err := v.AddEvidence(&e, nil); err != nil {
		t.Fatal(err)
	}
	wrong := model.Evidence{ID: e.ID, At: e.At, Channel: e.Channel, What: ""}
	if err := v.UpdateEvidence(&wrong, nil); !errors.As(err, &ve) {
		t.Fatalf("err = %v", err)
	}
	got, _ := v.EvidenceEntry(e.ID)
	if got.What != "no slot" {
		t.Fatalf("invalid correction changed the entry: %+v", got)
	}
	mustCheck(t, v)
}

func TestCheckFindsEvidenceProblems(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	e := evidenceAt(f.ID, time.Now().Add(-time.Hour), "no slot")
	if err := v.AddEvidence(&e, []ProofFile{{Name: "a.png", R: strings.NewReader("proof")}}); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, v)
	// Deleting a proof's document is reported, as is a missing index entry.
	if err := v.DeleteDocument(e.Proofs[0].DocID); err != nil {
		t.Fatal(err)
	}
	if err := v.db.Update(func(txn *badger.Txn) error { return txn.Delete(layout.CaseChildKey(f.ID, KindEvidence, e.ID)) }); err != nil {
		t.Fatal(err)
	}
	rep, err := v.Check()
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(rep.Problems, "\n")
	for _, want := range []string{"was deleted", "evidence/" + e.ID + " is missing from its case's index"} {
		if !strings.Contains(all, want) {
			t.Errorf("check did not report %q:\n%s", want, all)
		}
	}
}

// BenchmarkEvidenceLog reads the log of a case with 200 entries (what the
// Evidence tab and `evidence list` do on every display).
func BenchmarkEvidenceLog(b *testing.B) {
	v := newVault(b)
	f := removalCase(b, v)
	start := time.Now().Add(-300 * 24 * time.Hour)
	for i := 0; i < 200; i++ {
		e := evidenceAt(f.ID, start.Add(time.Duration(i)*36*time.Hour), "no slot offered on the appointment website")
		if err := v.AddEvidence(&e, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if log, err := v.EvidenceLog(f.ID); err != nil || len(log) != 200 {
			b.Fatal(len(log), err)
		}
	}
}

func TestAddEvidenceByReference(t *testing.T) {
	v := newVault(t)
	f := removalCase(t, v)
	e := evidenceAt(f.Ref, time.Now().Add(-time.Hour), "no slot")
	if err := v.AddEvidence(&e, []ProofFile{{Name: "a.pdf", R: strings.NewReader("%PDF")}}); err != nil {
		t.Fatal(err)
	}
	if e.CaseID != f.ID {
		t.Fatalf("case id %q, want %q", e.CaseID, f.ID)
	}
	if log, _ := v.EvidenceLog(f.ID); len(log) != 1 {
		t.Fatal("entry not listed under its case")
	}
	mustCheck(t, v)
}
