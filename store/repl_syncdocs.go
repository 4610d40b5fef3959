package store

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// Documents in team sync (docs/sync-format.md, "Documents"). A document's
// record travels in segments like any record; its bytes travel as a blob
// the publishing device writes beside its segments. A received live
// document whose bytes are not here yet is held back (canStand), like a
// note whose case has not arrived: the sync fetches its blob, stages the
// bytes as AddDocument does (pending marker, chunks, checked against the
// record's size and SHA-256, which a signed segment carried), and the next
// ApplyRemote releases the record. A blob that is missing, half-copied or
// altered only delays the document.

// HeldDocuments lists the documents held back for their bytes whose case
// is here, as their received operations describe them.
func (v *Vault) HeldDocuments() ([]model.Document, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var out []model.Document
	err := v.db.View(func(txn *badger.Txn) error {
		prefix := layout.HeldPrefix(KindDocument)
		var ids []string
		if err := scanKeys(txn, prefix, func(k []byte) error {
			ids = append(ids, string(k[len(prefix):]))
			return nil
		}); err != nil {
			return err
		}
		for _, id := range ids {
			hist, err := read.History(txn, map[string]bool{KindDocument + "/" + id: true})
			if err != nil {
				return err
			}
			f := changelog.Fold{}
			for _, e := range hist {
				f.AddOnly(KindDocument, id, e.HLC, e.Device, e.Ops)
			}
			fields, _ := f.Record(KindDocument, id)
			b, _ := json.Marshal(fields)
			var d model.Document
			if err := json.Unmarshal(b, &d); err != nil {
				continue // malformed: it stays held, as it would anyway
			}
			d.ID = id
			if d.Deleted || changelog.CheckDocument(&d) != nil {
				continue
			}
			// Bytes staged for a record that cannot stand yet (its case
			// has not arrived) would wait under a pending marker, which
			// check reports: fetch them once the case is here.
			if _, ok, err := getRaw(txn, layout.RecKey(KindCase, d.CaseID)); err != nil {
				return err
			} else if ok {
				out = append(out, d)
			}
		}
		return nil
	})
	return out, err
}

// StageDocumentBytes writes the bytes of a held document under a pending
// marker, checked against its record; the next ApplyRemote (even with no
// change) writes the record. On a mismatch nothing stays.
func (v *Vault) StageDocumentBytes(d model.Document, r io.Reader) error {
	if v.isClosed() {
		return ErrClosed
	}
	_, err := v.stageDocuments(map[string]model.Document{d.ID: d}, func(each func(string, io.Reader) error) error {
		return each(d.ID, r)
	})
	if err != nil {
		return fmt.Errorf("store: document %s: %w", d.ID, err)
	}
	return nil
}
