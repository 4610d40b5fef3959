package store

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/layout"
)

func randomBytes(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func newCase(t testing.TB, v *Vault) model.CaseFile {
	t.Helper()
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestAddDocumentRoundTripsAcrossChunks(t *testing.T) {
	v := newVault(t)
	f := newCase(t, v)
	tests := []struct {
		name   string
		size   int
		chunks int
	}{
		{"empty.pdf", 0, 0},
		{"one-byte.pdf", 1, 1},
		{"exact-chunk.pdf", ChunkSize, 1},
		{"scan-5mb.pdf", 5<<20 + 17, 21},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := randomBytes(tt.size, uint64(i))
			d, err := v.AddDocument(f.ID, tt.name, bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if d.Size != int64(tt.size) || d.Chunks != tt.chunks || d.AddedBy != v.Author() || d.MIME != "application/pdf" {
				t.Fatalf("metadata %+v", d)
			}
			r, err := v.OpenDocument(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			if err != nil || !bytes.Equal(got, data) {
				t.Fatalf("read back %d bytes, err %v", len(got), err)
			}
		})
	}
	docs, err := v.Documents(f.ID)
	if err != nil || len(docs) != len(tests) {
		t.Fatalf("Documents: %d, %v", len(docs), err)
	}
	if rep, err := v.Check(); err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
}

func TestDocumentTypeIsSniffed(t *testing.T) {
	v := newVault(t)
	f := newCase(t, v)
	png := []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
	d, err := v.AddDocument(f.ID, "photo.bin", bytes.NewReader(png))
	if err != nil || d.MIME != "image/png" {
		t.Fatalf("got %+v, %v", d, err)
	}
}

func TestOpenDocumentDetectsDamage(t *testing.T) {
	v := newVault(t)
	f := newCase(t, v)
	d, err := v.AddDocument(f.ID, "passport.pdf", bytes.NewReader(randomBytes(3*ChunkSize, 7)))
	if err != nil {
		t.Fatal(err)
	}
	// Alter one byte of the second chunk behind the store's back.
	if err := v.db.Update(func(txn *badger.Txn) error {
		b := randomBytes(ChunkSize, 7)
		b[10] ^= 1
		return txn.Set(layout.ChunkKey(d.ID, 1), b)
	}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := v.ReadDocument(d.ID); !errors.Is(err, ErrDocumentCorrupt) {
		t.Fatalf("damaged document read: %v", err)
	}
	rep, _ := v.Check()
	if rep.OK() || !strings.Contains(strings.Join(rep.Problems, "\n"), "SHA-256") {
		t.Fatalf("check missed the damage: %v", rep.Problems)
	}
}

func TestDeleteDocumentRemovesBytesKeepsHistory(t *testing.T) {
	v := newVault(t)
	f := newCase(t, v)
	d, err := v.AddDocument(f.ID, "lease.pdf", bytes.NewReader(randomBytes(ChunkSize+1, 3)))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.DeleteDocument(d.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := v.OpenDocument(d.ID); !errors.Is(err, ErrDocumentNotFound) {
		t.Fatalf("deleted document opens: %v", err)
	}
	if err := v.DeleteDocument(d.ID); !errors.Is(err, ErrDocumentNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	if docs, _ := v.Documents(f.ID); len(docs) != 0 {
		t.Fatalf("still listed: %+v", docs)
	}
	n := 0
	v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, layout.ChunkPrefix(d.ID), func([]byte) error { n++; return nil })
	})
	if n != 0 {
		t.Fatalf("%d chunks left", n)
	}
	if rep, err := v.Check(); err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
}

// failingReader fails after some bytes, like a file on a removed USB stick.
type failingReader struct{ left int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.left <= 0 {
		return 0, errors.New("device removed")
	}
	n := min(len(p), r.left)
	r.left -= n
	return n, nil
}

func TestAddDocumentFailureLeavesNothing(t *testing.T) {
	v := newVault(t)
	f := newCase(t, v)
	if _, err := v.AddDocument(f.ID, "scan.pdf", &failingReader{left: 5 * ChunkSize}); err == nil {
		t.Fatal("no error")
	}
	if _, err := v.AddDocument("no-such-case", "scan.pdf", strings.NewReader("x")); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown case: %v", err)
	}
	if rep, err := v.Check(); err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
	v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, "doc/", func(k []byte) error { t.Errorf("left %s", k); return nil })
	})
}

func TestInterruptedAddIsCollectedAtOpen(t *testing.T) {
	c, err := Create(t.TempDir(), testPass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	f := newCase(t, v)
	// What a crash between the chunk transactions and the final one leaves.
	if err := v.db.Update(func(txn *badger.Txn) error {
		txn.Set(layout.PendingDocKey("0193-crashed"), []byte(f.ID))
		txn.Set(layout.ChunkKey("0193-crashed", 0), []byte("half a scan"))
		return txn.Set(layout.ChunkKey("0193-crashed", 1), []byte("more"))
	}); err != nil {
		t.Fatal(err)
	}
	if rep, _ := v.Check(); rep.OK() {
		t.Fatal("check did not see the orphan chunks")
	}
	dir := v.Dir()
	v.Close()
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if rep, err := v.Check(); err != nil || !rep.OK() {
		t.Fatalf("after reopen: %v %v", err, rep.Problems)
	}
}

func TestChecklistTicksAndDocumentItem(t *testing.T) {
	v := newVault(t)
	f := newCase(t, v)
	if err := v.TickChecklist(f.Ref, "passport", true); err != nil {
		t.Fatal(err)
	}
	var ve *model.ValidationError
	if err := v.TickChecklist(f.Ref, "no-such-item", true); !errors.As(err, &ve) {
		t.Fatalf("unknown item: %v", err)
	}
	d, err := v.AddDocument(f.ID, "edf.pdf", strings.NewReader("%PDF-1.4 bill"))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.SetDocumentChecklistItem(d.ID, "proof_of_address"); err != nil {
		t.Fatal(err)
	}
	got, _ := v.Case(f.ID)
	if !got.Ticked("passport") || !got.Ticked("proof_of_address") || got.Ticked("photos") {
		t.Fatalf("ticks %v", got.Checklist)
	}
	if err := v.TickChecklist(f.Ref, "passport", false); err != nil {
		t.Fatal(err)
	}
	got, _ = v.Case(f.ID)
	if got.Ticked("passport") {
		t.Fatalf("untick lost: %v", got.Checklist)
	}
	if rep, err := v.Check(); err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
}

func BenchmarkAddDocument5MB(b *testing.B) {
	v := newVault(b)
	f := newCase(b, v)
	data := randomBytes(5<<20, 1)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := v.AddDocument(f.ID, "scan.pdf", bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadDocument5MB(b *testing.B) {
	v := newVault(b)
	f := newCase(b, v)
	data := randomBytes(5<<20, 1)
	d, err := v.AddDocument(f.ID, "scan.pdf", bytes.NewReader(data))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := v.ReadDocument(d.ID); err != nil {
			b.Fatal(err)
		}
	}
}
