package check

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// checkDocuments is Check's part for documents: each record against the
// change log and its case; idx/case/<case>/document/<id> against the records
// (deleted ones keep theirs) and back; every chunk under doc/<id>/ belongs to a live document
// and lies within its chunk count; every live document has all its chunks,
// its size and its SHA-256; no pending marker is left (the open collects
// them). It reads every document's bytes.
func checkDocuments(txn *badger.Txn, r *Report, folded changelog.Fold, seen map[string]bool, cases map[string]model.Case) error {
	docs := map[string]model.Document{}
	if err := eachRecord(txn, r, folded, seen, changelog.KindDocument, func(id, key string, d model.Document) {
		if _, ok := cases[d.CaseID]; !ok {
			r.addf("%s belongs to a case that does not exist", key)
		}
		d.ID = id
		docs[id] = d
	}); err != nil {
		return err
	}

	indexed := map[string]bool{}
	if err := read.ScanKeys(txn, layout.IdxCase, func(k []byte) error {
		cid, kind, id, ok := layout.ParseCaseChild(k)
		if !ok || kind != changelog.KindDocument {
			return nil
		}
		indexed[id] = true
		if d, ok := docs[id]; !ok || d.CaseID != cid {
			r.addf("index %s does not match its records", k)
		}
		return nil
	}); err != nil {
		return err
	}

	chunks := map[string]int{}
	if err := read.ScanKeys(txn, layout.Doc, func(k []byte) error {
		parts := strings.Split(string(k), "/") // doc <id> <n>
		n, err := strconv.ParseUint(parts[len(parts)-1], 16, 32)
		if len(parts) != 3 || err != nil {
			r.addf("malformed chunk key %q", k)
			return nil
		}
		d, ok := docs[parts[1]]
		if !ok || d.Deleted || int(n) >= d.Chunks {
			r.addf("chunk %s belongs to no document", k)
			return nil
		}
		chunks[parts[1]]++
		return nil
	}); err != nil {
		return err
	}
	if err := read.ScanKeys(txn, layout.DocPending, func(k []byte) error {
		r.addf("document %s was interrupted while being added; reopening the vault removes it", k[len(layout.DocPending):])
		return nil
	}); err != nil {
		return err
	}

	for id, d := range docs {
		if !indexed[id] {
			r.addf("document/%s is missing from its case's index", id)
		}
		if d.Deleted {
			continue
		}
		if chunks[id] != d.Chunks {
			r.addf("document/%s has %d of its %d chunks", id, chunks[id], d.Chunks)
			continue
		}
		h := sha256.New()
		var size int64
		for n := 0; n < d.Chunks; n++ {
			item, err := txn.Get(layout.ChunkKey(id, n))
			if err != nil {
				return err
			}
			if err := item.Value(func(b []byte) error {
				size += int64(len(b))
				h.Write(b)
				return nil
			}); err != nil {
				return err
			}
		}
		if size != d.Size || hex.EncodeToString(h.Sum(nil)) != d.SHA256 {
			r.addf("document/%s: its bytes do not match its size and SHA-256", id)
		}
	}
	return nil
}
