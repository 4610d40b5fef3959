package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/engine"
	"casefile/store/internal/layout"
	"casefile/store/internal/records"
)

// chunksPerTxn keeps each chunk transaction under batchBytes.
const chunksPerTxn = batchBytes / ChunkSize

var (
	// ErrDocumentNotFound: no live document with that id. It wraps ErrNotFound.
	ErrDocumentNotFound = fmt.Errorf("document %w", ErrNotFound)
	// ErrDocumentTooLarge: the document is over model.MaxDocumentBytes.
	ErrDocumentTooLarge = errors.New("document too large")
	// ErrDocumentCorrupt: a document's bytes do not match its SHA-256 or
	// chunks are missing. Nothing read from it may be trusted.
	ErrDocumentCorrupt = errors.New("document damaged")
)

// AddDocument stores r as a document of the case, named name (a file name:
// its extension helps guess the type). See AddDocumentAs.
func (v *Vault) AddDocument(caseID, name string, r io.Reader) (*model.Document, error) {
	return v.AddDocumentAs(model.Document{CaseID: caseID, Name: name}, r)
}

// AddDocumentAs stores r as a document with d's case, name and checklist
// item. The bytes are written in chunks over several transactions first,
// then the record, its index entry and its change-log entry in one final
// transaction: a crash before that leaves only chunks under a pending
// marker, which the next open deletes; after it, the document is whole.
func (v *Vault) AddDocumentAs(d model.Document, r io.Reader) (*model.Document, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	d.ID, d.Size, d.SHA256, d.Chunks, d.Deleted = newID(), 0, "", 0, false
	d.Name = model.CleanDocumentName(d.Name) // the one cleaning, wherever the name comes from
	if err := d.Validate(); err != nil {
		return nil, err
	}
	if err := v.db.View(func(txn *badger.Txn) error {
		_, _, err := getRecord[model.Case](txn, KindCase, d.CaseID)
		return err
	}); err != nil {
		return nil, err
	}
	if err := v.db.Update(func(txn *badger.Txn) error {
		return txn.Set(layout.PendingDocKey(d.ID), []byte(d.CaseID))
	}); err != nil {
		return nil, err
	}
	h := sha256.New()
	if err := v.writeChunks(&d, io.TeeReader(r, h)); err != nil {
		v.dropChunks(d.ID)
		return nil, err
	}
	d.SHA256 = hex.EncodeToString(h.Sum(nil))
	d.AddedBy = v.author
	d.AddedAt = now().UTC().Truncate(1e9)
	err := v.update(func(c *change) error {
		if _, _, err := getRecord[model.Case](c.txn, KindCase, d.CaseID); err != nil {
			return err
		}
		if err := c.putRecord(KindDocument, d.ID, d, nil); err != nil {
			return err
		}
		c.set(layout.CaseChildKey(d.CaseID, KindDocument, d.ID), nil)
		c.del(layout.PendingDocKey(d.ID))
		return nil
	})
	if err != nil {
		v.dropChunks(d.ID)
		return nil, err
	}
	return &d, nil
}

// writeChunks reads r to its end into chunks, a few per transaction, and
// fills in d's size, chunk count and MIME type.
func (v *Vault) writeChunks(d *model.Document, r io.Reader) error {
	buf := make([]byte, ChunkSize)
	var pending [][]byte
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		first := d.Chunks - len(pending)
		err := v.db.Update(func(txn *badger.Txn) error {
			for i, b := range pending {
				if err := txn.Set(layout.ChunkKey(d.ID, first+i), b); err != nil {
					return err
				}
			}
			return nil
		})
		pending = pending[:0]
		return err
	}
	for {
		n, err := io.ReadFull(r, buf)
		if n > 0 {
			if d.Chunks == 0 {
				d.MIME = records.SniffMIME(d.Name, buf[:n])
			}
			d.Size += int64(n)
			if d.Size > model.MaxDocumentBytes {
				return ErrDocumentTooLarge
			}
			pending = append(pending, bytes.Clone(buf[:n]))
			d.Chunks++
			if len(pending) == chunksPerTxn {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return fmt.Errorf("store: read document: %w", err)
		}
	}
	if d.Chunks == 0 {
		d.MIME = records.SniffMIME(d.Name, nil)
	}
	return flush()
}

// dropChunks deletes a document's chunks and its pending marker, a few
// hundred keys per transaction. Best effort: what it leaves, the next open
// collects (the marker is deleted last).
func (v *Vault) dropChunks(docID string) error {
	if err := engine.DeleteUnder(v.db, layout.ChunkPrefix(docID)); err != nil {
		return err
	}
	return v.db.Update(func(txn *badger.Txn) error { return txn.Delete(layout.PendingDocKey(docID)) })
}

// collectOrphanChunks deletes the chunks of documents whose adding was
// interrupted (a pending marker without its record). Called at open; it
// costs one scan of meta/docpending/, normally empty.
func (v *Vault) collectOrphanChunks() error {
	var ids []string
	if err := v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, layout.DocPending, func(k []byte) error {
			ids = append(ids, string(k[len(layout.DocPending):]))
			return nil
		})
	}); err != nil {
		return err
	}
	for _, id := range ids {
		if err := v.dropChunks(id); err != nil {
			return fmt.Errorf("store: collect chunks of interrupted document %s: %w", id, err)
		}
	}
	return nil
}

// Documents returns a case's live documents, oldest first.
func (v *Vault) Documents(caseID string) ([]model.Document, error) {
	docs, err := caseRecords[model.Document](v, caseID, KindDocument)
	return records.LiveDocuments(docs), err
}

// Document returns one live document's metadata.
func (v *Vault) Document(id string) (*model.Document, error) {
	d, err := recordByID[model.Document](v, KindDocument, id, ErrDocumentNotFound)
	if err == nil && d.Deleted {
		return nil, ErrDocumentNotFound
	}
	return d, err
}

// OpenDocument returns a reader of a document's bytes. It reads one chunk
// at a time and checks the SHA-256 at the end: the last Read returns
// ErrDocumentCorrupt instead of io.EOF when the bytes are not those stored.
// Like age, read to the end without error before acting on the contents.
func (v *Vault) OpenDocument(id string) (io.Reader, error) {
	d, err := v.Document(id)
	if err != nil {
		return nil, err
	}
	return &docReader{v: v, d: d, h: sha256.New()}, nil
}

// ReadDocument returns a document's bytes, verified.
func (v *Vault) ReadDocument(id string) ([]byte, *model.Document, error) {
	d, err := v.Document(id)
	if err != nil {
		return nil, nil, err
	}
	b, err := io.ReadAll(&docReader{v: v, d: d, h: sha256.New()})
	if err != nil {
		return nil, nil, err
	}
	return b, d, nil
}

type docReader struct {
	v    *Vault
	d    *model.Document
	h    hash.Hash
	next int
	buf  []byte
	read int64
	err  error
}

func (r *docReader) Read(p []byte) (int, error) {
	for len(r.buf) == 0 {
		if r.err != nil {
			return 0, r.err
		}
		if r.next == r.d.Chunks {
			r.err = io.EOF
			if r.read != r.d.Size || hex.EncodeToString(r.h.Sum(nil)) != r.d.SHA256 {
				r.err = fmt.Errorf("store: document %s: %w", r.d.ID, ErrDocumentCorrupt)
			}
			return 0, r.err
		}
		if err := r.v.db.View(func(txn *badger.Txn) error {
			item, err := txn.Get(layout.ChunkKey(r.d.ID, r.next))
			if err != nil {
				return err
			}
			r.buf, err = item.ValueCopy(r.buf[:0])
			return err
		}); err != nil {
			if errors.Is(err, badger.ErrKeyNotFound) {
				err = ErrDocumentCorrupt
			}
			r.err = fmt.Errorf("store: document %s chunk %d: %w", r.d.ID, r.next, err)
			return 0, r.err
		}
		r.next++
		r.read += int64(len(r.buf))
		r.h.Write(r.buf)
	}
	n := copy(p, r.buf)
	r.buf = r.buf[n:]
	return n, nil
}

// DeleteDocument removes a document's bytes and marks
// its record deleted, in one change. The record stays (the change log and
// sync name it); its bytes are gone from this vault once Badger compacts.
func (v *Vault) DeleteDocument(id string) error {
	err := v.update(func(c *change) error {
		env, d, err := getRecord[model.Document](c.txn, KindDocument, id)
		if err != nil {
			return err
		}
		if d.Deleted {
			return ErrNotFound
		}
		d.Deleted = true
		if err := c.putRecord(KindDocument, id, *d, env); err != nil {
			return err
		}
		// The index entry stays, so the case's history still finds the
		// deleted document; Documents leaves it out.
		for n := 0; n < d.Chunks; n++ {
			c.del(layout.ChunkKey(id, n))
		}
		return nil
	})
	if errors.Is(err, ErrNotFound) {
		return ErrDocumentNotFound
	}
	return err
}

// SetDocumentChecklistItem records which checklist item a document
// satisfies ("" for none), and ticks that item on its case, in one change.
func (v *Vault) SetDocumentChecklistItem(id, item string) error {
	if item != "" && !model.KnownChecklistItem(item) {
		return &model.ValidationError{Problems: []model.FieldProblem{{Field: "checklist_item", Code: model.ProblemUnknown}}}
	}
	return v.update(func(c *change) error {
		env, d, err := getRecord[model.Document](c.txn, KindDocument, id)
		if err != nil {
			return err
		}
		d.ChecklistItem = item
		if err := c.putRecord(KindDocument, id, *d, env); err != nil {
			return err
		}
		if item == "" {
			return nil
		}
		cenv, cs, err := getRecord[model.Case](c.txn, KindCase, d.CaseID)
		if err != nil {
			return err
		}
		cs.Tick(item, true)
		return c.putRecord(KindCase, cs.ID, *cs, cenv)
	})
}

// TickChecklist marks a checklist item of a case as brought (on) or not,
// as one change of the case's "checklist" field.
func (v *Vault) TickChecklist(idOrRef, item string, on bool) error {
	if !model.KnownChecklistItem(item) {
		return &model.ValidationError{Problems: []model.FieldProblem{{Field: "checklist", Code: model.ProblemUnknown}}}
	}
	f, err := v.Case(idOrRef)
	if err != nil {
		return err
	}
	return v.update(func(c *change) error {
		env, cs, err := getRecord[model.Case](c.txn, KindCase, f.ID)
		if err != nil {
			return err
		}
		cs.Tick(item, on)
		return c.putRecord(KindCase, cs.ID, *cs, env)
	})
}
