package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
)

// Documents travel with their case (docs/bundles.md, format 2): the
// document records are among the case's records, and the bytes of each
// live document come beside them, streamed. On import the bytes are
// staged first, as AddDocument does (meta/docpending/<id>, then the
// chunks, checked against the record's size and SHA-256); the change that
// imports the case writes the record and deletes the pending marker, so a
// document is either whole and visible or collected at the next open.

// Documents returns the live documents among the case's records, in record
// order: the ones whose bytes a bundle carries.
func (ce *CaseExport) Documents() []model.Document {
	var out []model.Document
	for _, r := range ce.Records {
		if r.Kind != KindDocument {
			continue
		}
		var d model.Document
		if err := json.Unmarshal(r.Data, &d); err != nil || d.Deleted {
			continue
		}
		out = append(out, d)
	}
	return out
}

// checkExportedDocument checks a received document record on its own.
func checkExportedDocument(d *model.Document) error {
	if err := d.Validate(); err != nil {
		return err
	}
	if d.Name != model.CleanDocumentName(d.Name) {
		return errors.New("document name not cleaned (CleanExport)")
	}
	if d.Size < 0 || d.Chunks != int((d.Size+ChunkSize-1)/ChunkSize) {
		return errors.New("chunk count does not match the size")
	}
	if b, err := hex.DecodeString(d.SHA256); err != nil || len(b) != sha256.Size {
		return errors.New("bad sha256")
	}
	return nil
}

// indexImportedDocument stages what an imported document record needs: a
// new live document must have had its bytes staged (its pending marker is
// there), which this change then deletes; a deletion received for a
// document here deletes its bytes.
func (c *change) indexImportedDocument(d *model.Document, local *envelope) error {
	c.set(caseDocIdx(d.CaseID, d.ID), nil)
	if local == nil {
		if d.Deleted {
			return nil
		}
		if _, ok, err := c.get(pendingDocKey(d.ID)); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w: document %s came without its bytes", ErrInconsistentCases, d.ID)
		}
		c.del(pendingDocKey(d.ID))
		return nil
	}
	var old model.Document
	if err := json.Unmarshal(local.Data, &old); err != nil {
		return err
	}
	if d.Deleted && !old.Deleted {
		for n := 0; n < old.Chunks; n++ {
			c.del(chunkKey(d.ID, n))
		}
	}
	return nil
}

// DocumentFeed hands over the documents of a bundle, one at a time and in
// order: it calls each with a document's id and a reader of its bytes.
// each may leave a document it does not need unread.
type DocumentFeed func(each func(docID string, r io.Reader) error) error

// needsBytes lists the documents of the cases this vault does not have yet
// (a document's bytes never change: one already here is kept).
func (v *Vault) needsBytes(cases []CaseExport) (map[string]model.Document, error) {
	need := map[string]model.Document{}
	err := v.db.View(func(txn *badger.Txn) error {
		for i := range cases {
			for _, d := range cases[i].Documents() {
				if _, ok, err := getRaw(txn, recKey(KindDocument, d.ID)); err != nil {
					return err
				} else if !ok {
					need[d.ID] = d
				}
			}
		}
		return nil
	})
	return need, err
}

// stageDocuments reads the feed and writes the bytes of the documents in
// need under pending markers, checking each against its record. It returns
// the ids staged; on error, what it staged is dropped.
func (v *Vault) stageDocuments(need map[string]model.Document, feed DocumentFeed) ([]string, error) {
	var staged []string
	done := map[string]bool{}
	err := feed(func(id string, r io.Reader) error {
		want, ok := need[id]
		if !ok || done[id] {
			return nil
		}
		if err := v.db.Update(func(txn *badger.Txn) error {
			return txn.Set(pendingDocKey(id), []byte(want.CaseID))
		}); err != nil {
			return err
		}
		staged = append(staged, id)
		got := model.Document{ID: id, Name: want.Name}
		h := sha256.New()
		if err := v.writeChunks(&got, io.TeeReader(io.LimitReader(r, want.Size+1), h)); err != nil {
			return err
		}
		if got.Size != want.Size || got.Chunks != want.Chunks || hex.EncodeToString(h.Sum(nil)) != want.SHA256 {
			return fmt.Errorf("%w: document %s does not match its record", ErrInconsistentCases, id)
		}
		done[id] = true
		return nil
	})
	if err == nil && len(done) != len(need) {
		err = fmt.Errorf("%w: a document came without its bytes", ErrInconsistentCases)
	}
	if err != nil {
		v.dropStaged(staged)
		return nil, err
	}
	return staged, nil
}

// dropStaged deletes the chunks of staged documents whose record was not
// written (their pending marker is still there).
func (v *Vault) dropStaged(ids []string) {
	for _, id := range ids {
		pending := false
		_ = v.db.View(func(txn *badger.Txn) error {
			_, err := txn.Get(pendingDocKey(id))
			pending = err == nil
			return nil
		})
		if pending {
			_ = v.dropChunks(id) // what is left, the next open collects
		}
	}
}

// CleanExport cleans the names of a received case's documents
// (model.CleanDocumentName: no path, no control character) in its records
// and in its history alike, so that the records still agree with the
// history, and two vaults that receive the same name store the same one.
// It changes ce in place; a clean case is left as it is.
func CleanExport(ce *CaseExport) {
	for i, r := range ce.Records {
		if r.Kind != KindDocument {
			continue
		}
		var fields map[string]json.RawMessage
		if json.Unmarshal(r.Data, &fields) != nil {
			continue // CheckExport refuses it
		}
		if v, ok := cleanNameValue(fields["name"]); ok {
			fields["name"] = v
			ce.Records[i].Data, _ = json.Marshal(fields)
		}
	}
	for i := range ce.History {
		cleanDocumentOps(ce.History[i].Ops)
	}
}

// cleanRemoteNames cleans the document names that received change-log
// entries set (sync, ApplyRemote), as CleanExport does for a bundle.
func cleanRemoteNames(changes []ExportChange) {
	for i := range changes {
		cleanDocumentOps(changes[i].Ops)
	}
}

func cleanDocumentOps(ops []Op) {
	for j, op := range ops {
		if op.Entity == KindDocument && op.Field == "name" {
			if v, ok := cleanNameValue(op.Value); ok {
				ops[j].Value = v
			}
		}
	}
}

// cleanNameValue returns a JSON string cleaned as a document name, and
// whether that changed it.
func cleanNameValue(raw json.RawMessage) (json.RawMessage, bool) {
	var s string
	if raw == nil || json.Unmarshal(raw, &s) != nil {
		return nil, false
	}
	c := model.CleanDocumentName(s)
	if c == s {
		return nil, false
	}
	b, _ := json.Marshal(c)
	return b, true
}
