package store

import (
	"casefile/store/internal/layout"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"

	"github.com/dgraph-io/badger/v4"
)

// WriteTo copies the document to w one chunk at a time, straight from the
// value Badger has just decrypted, without the copy io.Copy (or Read)
// would make into a buffer of its own: bundles stream hundreds of
// megabytes this way. Like Read, it ends with ErrDocumentCorrupt when the
// bytes are not the ones recorded; w has then received them already, so
// callers must treat what they wrote as void.
func (r *docReader) WriteTo(w io.Writer) (int64, error) {
	return r.writeTo(w, r.h)
}

// WriteToUnhashed is WriteTo without the SHA-256: it checks that every
// chunk is there and the size is the recorded one, and returns the SHA-256
// (hex) the bytes must have, which the caller must compute over what w
// received and compare before anything counts as sent. The bundle writer
// uses it to hash on the goroutine that encrypts, on the other core, so
// that the check costs no time on the one that reads (docs/bundles.md).
// It must be called on a fresh reader.
func (r *docReader) WriteToUnhashed(w io.Writer) (n int64, sha256Hex string, err error) {
	if r.next != 0 || len(r.buf) > 0 || r.err != nil {
		return 0, "", errors.New("store: WriteToUnhashed on a reader already read")
	}
	n, err = r.writeTo(w, nil)
	return n, r.d.SHA256, err
}

// writeTo writes what is left of the document to w, hashing it into h
// (the reader's own hash, which Read has fed so far) unless h is nil.
func (r *docReader) writeTo(w io.Writer, h hash.Hash) (int64, error) {
	var total int64
	if len(r.buf) > 0 { // left over from a Read, hashed already
		n, err := w.Write(r.buf)
		total += int64(n)
		r.buf = r.buf[n:]
		if err != nil {
			return total, err
		}
	}
	if r.err != nil {
		if r.err == io.EOF {
			return total, nil
		}
		return total, r.err
	}
	for r.next < r.d.Chunks {
		var werr error
		err := r.v.db.View(func(txn *badger.Txn) error {
			item, err := txn.Get(layout.ChunkKey(r.d.ID, r.next))
			if err != nil {
				return err
			}
			return item.Value(func(b []byte) error {
				r.read += int64(len(b))
				if h != nil {
					h.Write(b)
				}
				n, err := w.Write(b)
				total += int64(n)
				werr = err
				return err
			})
		})
		if werr != nil {
			r.err = werr
			return total, werr
		}
		if err != nil {
			if errors.Is(err, badger.ErrKeyNotFound) {
				err = ErrDocumentCorrupt
			}
			r.err = fmt.Errorf("store: document %s chunk %d: %w", r.d.ID, r.next, err)
			return total, r.err
		}
		r.next++
	}
	r.err = io.EOF
	if r.read != r.d.Size || h != nil && hex.EncodeToString(h.Sum(nil)) != r.d.SHA256 {
		r.err = fmt.Errorf("store: document %s: %w", r.d.ID, ErrDocumentCorrupt)
		return total, r.err
	}
	return total, nil
}
