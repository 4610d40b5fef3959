package check

import (
	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// checkEvidence is Check's part for the evidence log: each entry against
// the change log and its case; idx/case/<case>/evidence/<id> against the
// entries and back; each proof names a document of the same case whose
// SHA-256 and size are those recorded on the entry at capture (a deleted
// proof document is reported: entries are withdrawn, never emptied).
func checkEvidence(txn *badger.Txn, r *Report, folded changelog.Fold, seen map[string]bool, cases map[string]model.Case) error {
	entries := map[string]model.Evidence{}
	if err := eachRecord(txn, r, folded, seen, changelog.KindEvidence, func(id, key string, e model.Evidence) {
		if _, ok := cases[e.CaseID]; !ok {
			r.addf("%s belongs to a case that does not exist", key)
		}
		entries[id] = e
	}); err != nil {
		return err
	}

	indexed := map[string]bool{}
	if err := read.ScanKeys(txn, layout.IdxCase, func(k []byte) error {
		cid, kind, id, ok := layout.ParseCaseChild(k)
		if !ok || kind != changelog.KindEvidence {
			return nil
		}
		indexed[id] = true
		if e, ok := entries[id]; !ok || e.CaseID != cid {
			r.addf("index %s does not match its records", k)
		}
		return nil
	}); err != nil {
		return err
	}

	for id, e := range entries {
		if !indexed[id] {
			r.addf("evidence/%s is missing from its case's index", id)
		}
		for _, p := range e.Proofs {
			_, d, err := read.Record[model.Document](txn, changelog.KindDocument, p.DocID)
			switch {
			case err == read.ErrNotFound:
				r.addf("evidence/%s names proof document %s, which does not exist", id, p.DocID)
			case err != nil:
				r.addf("evidence/%s: proof document %s does not decode", id, p.DocID)
			case d.CaseID != e.CaseID:
				r.addf("evidence/%s: proof document %s belongs to another case", id, p.DocID)
			case d.Deleted:
				r.addf("evidence/%s: proof document %s was deleted", id, p.DocID)
			case d.SHA256 != p.SHA256 || d.Size != p.Size:
				r.addf("evidence/%s: proof document %s no longer matches the SHA-256 taken at capture", id, p.DocID)
			}
		}
	}
	return nil
}
