package store

import (
	"bytes"
	"casefile/store/internal/layout"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// WriteToUnhashed leaves the SHA-256 to its caller but still notices
// missing chunks; WriteTo checks everything, also after a partial Read.
func TestDocumentWriteTo(t *testing.T) {
	v := newVault(t)
	f := newCase(t, v)
	data := randomBytes(3*ChunkSize+17, 5)
	d, err := v.AddDocument(f.ID, "scan.pdf", bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	r, _ := v.OpenDocument(d.ID)
	var buf bytes.Buffer
	n, want, err := r.(*docReader).WriteToUnhashed(&buf)
	sum := sha256.Sum256(buf.Bytes())
	if err != nil || n != int64(len(data)) || want != d.SHA256 || hex.EncodeToString(sum[:]) != want || !bytes.Equal(buf.Bytes(), data) {
		t.Fatalf("WriteToUnhashed: %d bytes, %v", n, err)
	}
	r, _ = v.OpenDocument(d.ID)
	head := make([]byte, 1000)
	io.ReadFull(r, head)
	buf.Reset()
	buf.Write(head)
	if _, err := r.(io.WriterTo).WriteTo(&buf); err != nil || !bytes.Equal(buf.Bytes(), data) {
		t.Fatalf("WriteTo after Read: %v", err)
	}
	if _, _, err := r.(*docReader).WriteToUnhashed(io.Discard); err == nil {
		t.Fatal("WriteToUnhashed on a reader already read")
	}
	// A damaged chunk: WriteTo fails, WriteToUnhashed passes it on (its
	// caller's hash catches it).
	if err := v.db.Update(func(txn *badger.Txn) error {
		b := bytes.Clone(data[ChunkSize : 2*ChunkSize])
		b[3] ^= 1
		return txn.Set(layout.ChunkKey(d.ID, 1), b)
	}); err != nil {
		t.Fatal(err)
	}
	r, _ = v.OpenDocument(d.ID)
	if _, err := r.(io.WriterTo).WriteTo(io.Discard); !errors.Is(err, ErrDocumentCorrupt) {
		t.Fatalf("WriteTo of a damaged document: %v", err)
	}
	// A missing chunk: both fail.
	if err := v.db.Update(func(txn *badger.Txn) error { return txn.Delete(layout.ChunkKey(d.ID, 2)) }); err != nil {
		t.Fatal(err)
	}
	r, _ = v.OpenDocument(d.ID)
	if _, _, err := r.(*docReader).WriteToUnhashed(io.Discard); !errors.Is(err, ErrDocumentCorrupt) {
		t.Fatalf("WriteToUnhashed with a chunk missing: %v", err)
	}
}
