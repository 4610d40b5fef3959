package bundle

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"filippo.io/age"

	"casefile/changelog"
	"casefile/crypto"
	"casefile/model"
	"casefile/store"
)

func noise(n int, seed uint64) []byte {
	r := rand.New(rand.NewPCG(seed, seed))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

// withDocuments is sender's vault with a document of size bytes on each
// of its first cases, sizes[i] for case i.
func withDocuments(t testing.TB, sizes ...int) (*store.Vault, []changelog.CaseExport, []*model.Document) {
	t.Helper()
	v, ex := sender(t, len(sizes))
	var docs []*model.Document
	refs := make([]string, len(ex))
	for i, size := range sizes {
		d, err := v.AddDocument(ex[i].ID, "scan.pdf", bytes.NewReader(noise(size, uint64(i+1))))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
		refs[i] = ex[i].Ref
	}
	ex, err := v.ExportCases(refs)
	if err != nil {
		t.Fatal(err)
	}
	return v, ex, docs
}

func writeDocs(t testing.TB, v *store.Vault, ex []changelog.CaseExport, to age.Recipient) []byte {
	t.Helper()
	id, _ := v.Identity()
	pub, _ := v.PublicIdentity()
	var buf bytes.Buffer
	opts := Options{To: []age.Recipient{to}, Signer: id, Sender: pub, Device: v.Device(), Now: time.Now(), OpenDocument: v.OpenDocument}
	if err := Write(&buf, opts, ex); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func receiver(t testing.TB) *store.Vault {
	c, err := store.Create(t.TempDir(), "another long passphrase")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Vault.Close() })
	return c.Vault
}

func TestDocumentsRoundTrip(t *testing.T) {
	v, ex, docs := withDocuments(t, 700<<10, 10, 0)
	me, _ := crypto.NewIdentity()
	file := writeDocs(t, v, ex, me.Hybrid.Recipient())
	if bytes.Contains(file, []byte("scan.pdf")) {
		t.Fatal("clear text in the bundle")
	}
	b, err := Read(bytes.NewReader(file), me.AgeIdentities(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if b.Manifest.Version != FormatVersion {
		t.Fatalf("version %d", b.Manifest.Version)
	}
	r := receiver(t)
	res, err := r.ImportBundle(b.Cases, store.ImportOptions{Documents: b.Documents})
	if err != nil || res.NewCases != 3 {
		t.Fatalf("import: %+v %v", res, err)
	}
	for _, d := range docs {
		want, _, _ := v.ReadDocument(d.ID)
		got, _, err := r.ReadDocument(d.ID)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("document %s: %v", d.Name, err)
		}
	}
	rep, err := r.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep)
	}
	// Passphrase bundles open for the second pass without asking again.
	scrypt, _ := PassphraseRecipient("one-off passphrase")
	file = writeDocs(t, v, ex, scrypt)
	asked := 0
	b, err = Read(bytes.NewReader(file), nil, func() (string, error) { asked++; return "one-off passphrase", nil })
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	if err := b.Documents(func(id string, r io.Reader) error { n++; return nil }); err != nil || n != 3 || asked != 1 {
		t.Fatalf("second pass: %v, %d documents, asked %d times", err, n, asked)
	}
}

func TestTamperedDocumentChangesNothing(t *testing.T) {
	v, ex, _ := withDocuments(t, 900<<10)
	me, _ := crypto.NewIdentity()
	good := writeDocs(t, v, ex, me.Hybrid.Recipient())
	// A byte in the middle of the file is inside the document; age's
	// chunk authentication or the document's hash catches it.
	bad := bytes.Clone(good)
	bad[len(bad)/2] ^= 1
	if _, err := Read(bytes.NewReader(bad), me.AgeIdentities(), nil); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("tampered document: %v", err)
	}
	// The file replaced between the preview and the import: the second
	// pass fails and nothing is written.
	b, err := Read(bytes.NewReader(good), me.AgeIdentities(), nil)
	if err != nil {
		t.Fatal(err)
	}
	r := receiver(t)
	_, err = r.ImportBundle(b.Cases, store.ImportOptions{Documents: b.DocumentsFrom(bytes.NewReader(bad))})
	if err == nil {
		t.Fatal("import from a tampered file succeeded")
	}
	if list, _ := r.ListCases(); len(list) != 0 {
		t.Fatalf("%d cases written", len(list))
	}
	rep, err := r.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("check after a refused import: %v %v", err, rep)
	}
}

// A format-1 bundle cannot carry documents: one whose cases name some is
// refused.
func TestVersion1WithDocumentsRefused(t *testing.T) {
	v, ex, _ := withDocuments(t, 1000)
	me, _ := crypto.NewIdentity()
	writeVersion = 1
	defer func() { writeVersion = FormatVersion }()
	file := writeDocs(t, v, ex, me.Hybrid.Recipient())
	if _, err := Read(bytes.NewReader(file), me.AgeIdentities(), nil); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("got %v", err)
	}
}

// The real age command and a tar reader get a document out of a bundle,
// byte for byte.
func TestAgeToolExtractsDocuments(t *testing.T) {
	bin, env := ageTool(t)
	v, ex, docs := withDocuments(t, 300<<10)
	me, _ := crypto.NewIdentity()
	dir := t.TempDir()
	idFile := filepath.Join(dir, "me.txt")
	os.WriteFile(idFile, []byte(me.Hybrid.String()+"\n"), 0o600)
	file := filepath.Join(dir, "docs.casefile.age")
	os.WriteFile(file, writeDocs(t, v, ex, me.Hybrid.Recipient()), 0o600)
	entries := tarNames(t, runAge(t, bin, env, nil, "-d", "-i", idFile, file))
	want, _, _ := v.ReadDocument(docs[0].ID)
	if !bytes.Equal(entries[docPrefix+docs[0].ID], want) {
		t.Fatalf("docs/%s missing or different; entries: %d", docs[0].ID, len(entries))
	}
}

// TestWriteDocumentsSeed adds a format-2 seed with a small document to the
// fuzz corpus (testdata/fuzz/FuzzRead/documents), encrypted to the
// committed fuzz identity, when CASEFILE_WRITE_SEEDS=1.
func TestWriteDocumentsSeed(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite testdata/fuzz/FuzzRead/documents")
	}
	v, ex, _ := withDocuments(t, 1000)
	file := writeDocs(t, v, ex, fuzzIdentity(t).Hybrid.Recipient())
	seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", file)
	if err := os.WriteFile(filepath.Join("testdata", "fuzz", "FuzzRead", "documents"), []byte(seed), 0o644); err != nil {
		t.Fatal(err)
	}
}
