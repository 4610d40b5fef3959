package bundle

import (
	"archive/tar"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"runtime"
	"slices"
	"testing"
	"time"

	"filippo.io/age"

	"casefile/crypto"
	"casefile/store"
)

type entry struct {
	hdr  tar.Header
	body []byte
}

func entries(t *testing.T, file []byte, id *crypto.Identity) []entry {
	t.Helper()
	r, err := age.Decrypt(bytes.NewReader(file), id.AgeIdentities()...)
	if err != nil {
		t.Fatal(err)
	}
	var out []entry
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		out = append(out, entry{*h, b})
	}
}

// WriteVault writes what Write writes given ExportCases: the same entries,
// byte for byte, but for the manifest's id and so the signature.
func TestWriteVaultMatchesWrite(t *testing.T) {
	v, ex, _ := withDocuments(t, 700<<10, 0, 10, 3<<20)
	refs := make([]string, len(ex))
	for i := range ex {
		refs[i] = ex[i].Ref
	}
	refs[1] = ex[1].ID // ids work too
	me, _ := crypto.NewIdentity()
	id, _ := v.Identity()
	pub, _ := v.PublicIdentity()
	opts := Options{To: []age.Recipient{me.Hybrid.Recipient()}, Signer: id, Sender: pub, Device: v.Device(), Now: time.Now(), OpenDocument: v.OpenDocument}
	var a, b bytes.Buffer
	if err := Write(&a, opts, ex); err != nil {
		t.Fatal(err)
	}
	opts.OpenDocument = nil // defaults to the vault's
	if err := WriteVault(&b, opts, v, refs); err != nil {
		t.Fatal(err)
	}
	ea, eb := entries(t, a.Bytes(), me), entries(t, b.Bytes(), me)
	if len(ea) != len(eb) || len(ea) != 1+4+4+1 {
		t.Fatalf("%d entries and %d", len(ea), len(eb))
	}
	for i := range ea {
		if ea[i].hdr.Name != eb[i].hdr.Name || ea[i].hdr.Size != eb[i].hdr.Size || !ea[i].hdr.ModTime.Equal(eb[i].hdr.ModTime) {
			t.Fatalf("entry %d: %+v and %+v", i, ea[i].hdr, eb[i].hdr)
		}
		switch ea[i].hdr.Name {
		case manifestName:
			var ma, mb Manifest
			json.Unmarshal(ea[i].body, &ma)
			json.Unmarshal(eb[i].body, &mb)
			ma.ID = mb.ID
			if !ma.Created.Equal(mb.Created) || !slices.Equal(ma.Cases, mb.Cases) || ma.Device != mb.Device || ma.Version != mb.Version {
				t.Fatalf("manifests differ: %+v %+v", ma, mb)
			}
		case signatureName:
		default:
			if !bytes.Equal(ea[i].body, eb[i].body) {
				t.Fatalf("entry %s differs", ea[i].hdr.Name)
			}
		}
	}
	got, err := Read(bytes.NewReader(b.Bytes()), me.AgeIdentities(), nil)
	if err != nil || len(got.Cases) != 4 {
		t.Fatalf("read back: %v", err)
	}
	// No case at all: the manifest says so as Write's does.
	a.Reset()
	b.Reset()
	if err := Write(&a, opts, nil); err != nil {
		t.Fatal(err)
	}
	if err := WriteVault(&b, opts, v, nil); err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(entries(t, b.Bytes(), me)[0].body, []byte(`"cases": null`)) ||
		!bytes.Equal(entries(t, a.Bytes(), me)[0].body[:20], entries(t, b.Bytes(), me)[0].body[:20]) {
		t.Fatal("empty bundles differ")
	}
}

// An unknown case, a failing destination, a damaged document: WriteVault
// fails with the cause, and neither its reading goroutine nor the
// encrypting ones outlive it.
func TestWriteVaultFailures(t *testing.T) {
	v, ex, _ := withDocuments(t, 700<<10, 300<<10, 0, 5, 5, 5)
	refs := make([]string, len(ex))
	for i := range ex {
		refs[i] = ex[i].Ref
	}
	me, _ := crypto.NewIdentity()
	id, _ := v.Identity()
	pub, _ := v.PublicIdentity()
	opts := Options{To: []age.Recipient{me.Hybrid.Recipient()}, Signer: id, Sender: pub, Now: time.Now()}
	before := runtime.NumGoroutine()
	if err := WriteVault(io.Discard, opts, v, append(refs, "2099-9999")); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("unknown case: %v", err)
	}
	for _, left := range []int{0, 100, 70 << 10, 600 << 10, 1000 << 10} {
		if err := WriteVault(&failingWriter{left: left}, opts, v, refs); !errors.Is(err, errDiskFull) {
			t.Fatalf("after %d bytes: %v", left, err)
		}
	}
	bad := opts
	bad.OpenDocument = func(id string) (io.Reader, error) {
		r, err := v.OpenDocument(id)
		return flipped{r}, err
	}
	if err := WriteVault(io.Discard, bad, v, refs); !errors.Is(err, store.ErrDocumentCorrupt) {
		t.Fatalf("damaged document: %v", err)
	}
	noLeak(t, before)
}
