package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
)

// Documents travel with their case (docs/bundles.md, format 2): the
// document records are among the case's records, and the bytes of each
// live document come beside them, streamed. On import the bytes are
// staged first, as AddDocument does (meta/docpending/<id>, then the
// chunks, checked against the record's size and SHA-256); the change that
// imports the case writes the record and deletes the pending marker, so a
// document is either whole and visible or collected at the next open.

// indexImportedDocument stages what an imported document record needs: a
// new live document must have had its bytes staged (its pending marker is
// there), which this change then deletes; a deletion received for a
// document here deletes its bytes.
func (c *change) indexImportedDocument(d *model.Document, local *changelog.Envelope) error {
	c.set(layout.CaseChildKey(d.CaseID, KindDocument, d.ID), nil)
	if local == nil {
		if d.Deleted {
			return nil
		}
		if _, ok, err := c.get(layout.PendingDocKey(d.ID)); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w: document %s came without its bytes", ErrInconsistentCases, d.ID)
		}
		c.del(layout.PendingDocKey(d.ID))
		return nil
	}
	var old model.Document
	if err := json.Unmarshal(local.Data, &old); err != nil {
		return err
	}
	if d.Deleted && !old.Deleted {
		for n := 0; n < old.Chunks; n++ {
			c.del(layout.ChunkKey(d.ID, n))
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
				if _, ok, err := getRaw(txn, layout.RecKey(KindDocument, d.ID)); err != nil {
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
			return txn.Set(layout.PendingDocKey(id), []byte(want.CaseID))
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
			_, err := txn.Get(layout.PendingDocKey(id))
			pending = err == nil
			return nil
		})
		if pending {
			_ = v.dropChunks(id) // what is left, the next open collects
		}
	}
}
