package store

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"casefile/model"
)

// TestCheckExportEvidence: a bundle's evidence entries are checked as
// this vault's own are, and for what only a hand-made entry breaks:
// terminal escapes in the text or the author, a proof that is not a
// document of the case, an entry of another case, too many proofs.
func TestCheckExportEvidence(t *testing.T) {
	v := newVault(t)
	files := fillClinic(t, v, 1, 51)
	e := &model.Evidence{CaseID: files[0].ID, At: time.Now().Add(-time.Hour), Channel: model.EvidencePhone,
		What: "Appel au centre de contact, aucune réponse"}
	if err := v.AddEvidence(e, []ProofFile{{Name: "journal.txt", R: strings.NewReader("appel 10h02")}}); err != nil {
		t.Fatal(err)
	}
	ex, err := v.ExportCases(refsOf(files))
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckExport(&ex[0]); err != nil {
		t.Fatalf("the vault's own case: %v", err)
	}
	spoil := func(edit func(fields map[string]any)) CaseExport {
		ce := ex[0]
		ce.Records = append([]ExportRecord(nil), ex[0].Records...)
		for i, r := range ce.Records {
			if r.Kind != KindEvidence || r.ID != e.ID {
				continue
			}
			var fields map[string]any
			if err := json.Unmarshal(r.Data, &fields); err != nil {
				t.Fatal(err)
			}
			edit(fields)
			ce.Records[i].Data, _ = json.Marshal(fields)
		}
		return ce
	}
	proofs := func(fields map[string]any) []any { return fields["proofs"].([]any) }
	tests := map[string]func(map[string]any){
		"escape in the text":   func(f map[string]any) { f["what"] = "Appel\x1b]0;pwned\x07" },
		"escape in the author": func(f map[string]any) { f["added_by"] = "Mallory\x1b[31m" },
		"author too long":      func(f map[string]any) { f["added_by"] = strings.Repeat("é", MaxNameLen+1) },
		"proof of no document": func(f map[string]any) {
			proofs(f)[0].(map[string]any)["doc_id"] = "0191d3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d"
		},
		"proof name with escape": func(f map[string]any) { proofs(f)[0].(map[string]any)["name"] = "x\x1b[2J.txt" },
		"proof bad digest":       func(f map[string]any) { proofs(f)[0].(map[string]any)["sha256"] = "00" },
		"too many proofs": func(f map[string]any) {
			p := proofs(f)
			for len(p) <= MaxEvidenceProofs {
				p = append(p, p[0])
			}
			f["proofs"] = p
		},
		"entry of another case": func(f map[string]any) { f["case_id"] = "0191d3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d" },
		"dated next year":       func(f map[string]any) { f["at"] = time.Now().AddDate(1, 0, 0).Format(time.RFC3339) },
	}
	for name, edit := range tests {
		t.Run(name, func(t *testing.T) {
			ce := spoil(edit)
			if err := CheckExport(&ce); !errors.Is(err, ErrInconsistentCases) {
				t.Fatalf("accepted: %v", err)
			}
		})
	}
}
