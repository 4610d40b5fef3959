package bundle

import (
	"bytes"
	"errors"
	"io"
	"runtime"
	"testing"
	"time"

	"filippo.io/age"

	"casefile/crypto"
	"casefile/store"
)

// flipped hands the bundle writer the vault's reader with one bit of the
// document changed on its way out, as a damaged vault would: the export
// must fail, though the vault's reader no longer hashes on that path.
type flipped struct{ r io.Reader }

func (f flipped) Read(p []byte) (int, error) { return f.r.Read(p) }

func (f flipped) WriteToUnhashed(w io.Writer) (int64, string, error) {
	return f.r.(unhashedWriterTo).WriteToUnhashed(&flipWriter{w: w})
}

type flipWriter struct {
	w    io.Writer
	done bool
}

func (f *flipWriter) Write(p []byte) (int, error) {
	if !f.done && len(p) > 100 {
		f.done = true
		p = bytes.Clone(p)
		p[100] ^= 1
	}
	return f.w.Write(p)
}

func TestDamagedDocumentFailsExport(t *testing.T) {
	v, ex, _ := withDocuments(t, 700<<10, 10)
	me, _ := crypto.NewIdentity()
	id, _ := v.Identity()
	pub, _ := v.PublicIdentity()
	open := func(id string) (io.Reader, error) {
		r, err := v.OpenDocument(id)
		if _, ok := r.(unhashedWriterTo); !ok {
			t.Fatal("the vault's reader does not leave the hash to the bundle writer")
		}
		return flipped{r}, err
	}
	opts := Options{To: []age.Recipient{me.Hybrid.Recipient()}, Signer: id, Sender: pub, Now: time.Now(), OpenDocument: open}
	before := runtime.NumGoroutine()
	err := Write(io.Discard, opts, ex)
	if !errors.Is(err, store.ErrDocumentCorrupt) {
		t.Fatalf("export of a damaged document: %v", err)
	}
	noLeak(t, before)
}

type failingWriter struct{ left int }

var errDiskFull = errors.New("disk full")

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.left {
		n := f.left
		f.left = 0
		return n, errDiskFull
	}
	f.left -= len(p)
	return len(p), nil
}

// A destination that fails, early or late, fails the export with its
// error, and the encrypting goroutine does not outlive Write.
func TestFailingDestination(t *testing.T) {
	v, ex, _ := withDocuments(t, 700<<10, 300<<10, 0, 5)
	me, _ := crypto.NewIdentity()
	id, _ := v.Identity()
	pub, _ := v.PublicIdentity()
	opts := Options{To: []age.Recipient{me.Hybrid.Recipient()}, Signer: id, Sender: pub, Now: time.Now(), OpenDocument: v.OpenDocument}
	before := runtime.NumGoroutine()
	for _, left := range []int{0, 100, 70 << 10, 600 << 10, 1000 << 10} {
		if err := Write(&failingWriter{left: left}, opts, ex); !errors.Is(err, errDiskFull) {
			t.Fatalf("after %d bytes: %v", left, err)
		}
	}
	noLeak(t, before)
	// And one that does not fail gets the whole bundle.
	var buf bytes.Buffer
	if err := Write(&buf, opts, ex); err != nil {
		t.Fatal(err)
	}
	if _, err := Read(bytes.NewReader(buf.Bytes()), me.AgeIdentities(), nil); err != nil {
		t.Fatal(err)
	}
}

// A document the vault cannot open fails the export cleanly.
func TestMissingDocumentFailsExport(t *testing.T) {
	v, ex, _ := withDocuments(t, 300<<10, 300<<10)
	me, _ := crypto.NewIdentity()
	id, _ := v.Identity()
	pub, _ := v.PublicIdentity()
	n := 0
	open := func(id string) (io.Reader, error) {
		if n++; n == 2 {
			return nil, store.ErrDocumentNotFound
		}
		return v.OpenDocument(id)
	}
	opts := Options{To: []age.Recipient{me.Hybrid.Recipient()}, Signer: id, Sender: pub, Now: time.Now(), OpenDocument: open}
	before := runtime.NumGoroutine()
	if err := Write(io.Discard, opts, ex); !errors.Is(err, store.ErrDocumentNotFound) {
		t.Fatalf("got %v", err)
	}
	noLeak(t, before)
}

func noLeak(t *testing.T, before int) {
	t.Helper()
	for range 100 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("%d goroutines after, %d before", runtime.NumGoroutine(), before)
}
