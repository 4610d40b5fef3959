package bundle

import (
	"archive/tar"
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"casefile/crypto"
	"casefile/model"
	"casefile/store"
)

// Fuzzing a bundle's plaintext: FuzzRead mutates the encrypted file and
// rarely gets past age. Here the fuzzed bytes are the archive's entries
// before encryption, each as "--- NAME\n" and its bytes, entries joined by
// a line feed; the harness writes them as the tar archive a writer would,
// signs them with the fuzz identity (whose key the seeds' manifests name
// as the sender's), puts the signature where an entry named
// signature.json holds @SIG@ (or last), and encrypts the whole to the fuzz
// identity. A stranger can do all of that: the signature proves who wrote
// a bundle, not that it is reasonable.

// FuzzArchive: whatever the entries,
//   - Read returns a bundle or one of this package's errors, never panics;
//   - a bundle read has the cases its manifest names, each as
//     store.CheckExport accepts it, document names clean, the sender's
//     name printable;
//   - its documents read again (Documents) are exactly the ones its
//     records name, byte for byte.
func FuzzArchive(f *testing.F) {
	id := fuzzIdentity(f)
	f.Add([]byte("--- manifest.json\n{}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, ok := sealArchive(t, id, data)
		if !ok {
			return
		}
		b, err := Read(bytes.NewReader(file), id.AgeIdentities(), nil)
		t.Logf("read: %v", err)
		if err != nil {
			if _, ok := err.(Error); !ok {
				t.Fatalf("error of another kind: %T %v", err, err)
			}
			return
		}
		if len(b.Cases) != len(b.Manifest.Cases) {
			t.Fatalf("%d cases, the manifest names %d", len(b.Cases), len(b.Manifest.Cases))
		}
		if model.HasControl(b.Manifest.Sender.Name) {
			t.Fatalf("sender's name %q", b.Manifest.Sender.Name)
		}
		want := map[string]model.Document{}
		var order []string
		for i := range b.Cases {
			c := b.Cases[i]
			if c.ID != b.Manifest.Cases[i].ID || c.Ref != b.Manifest.Cases[i].Ref {
				t.Fatalf("case %d is not the one the manifest names", i)
			}
			if err := store.CheckExport(&c); err != nil {
				t.Fatalf("a case read that CheckExport refuses: %v", err)
			}
			for _, d := range c.Documents() {
				if model.CleanDocumentName(d.Name) != d.Name {
					t.Fatalf("document name %q not clean", d.Name)
				}
				want[d.ID] = d
				order = append(order, d.ID)
			}
		}
		var got []string
		err = b.Documents(func(docID string, r io.Reader) error {
			body, err := io.ReadAll(r)
			if err != nil {
				return err
			}
			d, ok := want[docID]
			sum := sha256.Sum256(body)
			if !ok || int64(len(body)) != d.Size || hex.EncodeToString(sum[:]) != d.SHA256 {
				t.Fatalf("document %s: %d bytes not the record's", docID, len(body))
			}
			got = append(got, docID)
			return nil
		})
		if err != nil {
			t.Fatalf("the documents of a bundle read: %v", err)
		}
		t.Logf("%d cases, documents %v", len(b.Cases), got)
		if fmt.Sprint(got) != fmt.Sprint(order) {
			t.Fatalf("documents %v, the records name %v", got, order)
		}
	})
}

// sealArchive turns the fuzzed entries into a signed, encrypted bundle;
// false when data is not entries.
func sealArchive(t testing.TB, id *crypto.Identity, data []byte) ([]byte, bool) {
	if !bytes.HasPrefix(data, []byte("--- ")) {
		return nil, false
	}
	hash := sha512.New()
	tr := transcript{hash}
	var plain bytes.Buffer
	tw := tar.NewWriter(&plain)
	put := func(name string, b []byte) bool {
		hdr := &tar.Header{Name: name, Mode: 0o600, Size: int64(len(b)), ModTime: time.Unix(1_700_000_000, 0), Format: tar.FormatPAX}
		if tw.WriteHeader(hdr) != nil {
			return false
		}
		_, err := tw.Write(b)
		return err == nil
	}
	sig := func() []byte {
		s := ed25519.Sign(id.Signing, signedMessage(hash.Sum(nil)))
		return []byte(base64.StdEncoding.EncodeToString(s))
	}
	signed := false
	for _, part := range bytes.Split(data[len("--- "):], []byte("\n--- ")) {
		name, body, _ := strings.Cut(string(part), "\n")
		switch {
		case name == signatureName && !signed:
			signed = true
			body = strings.ReplaceAll(body, "@SIG@", string(sig()))
		case signed:
		case strings.HasPrefix(name, docPrefix):
			tr.head(name, int64(len(body)))
			sum := sha256.Sum256([]byte(body))
			hash.Write(sum[:])
		default:
			tr.add(name, []byte(body))
		}
		if !put(name, []byte(body)) {
			return nil, false
		}
	}
	if !signed && !put(signatureName, []byte(`{"alg":"ed25519","sig":"`+string(sig())+`"}`)) {
		return nil, false
	}
	if tw.Close() != nil {
		return nil, false
	}
	var file bytes.Buffer
	enc, err := age.Encrypt(&file, id.X25519.Recipient())
	if err != nil {
		t.Fatal(err)
	}
	enc.Write(plain.Bytes())
	if err := enc.Close(); err != nil {
		t.Fatal(err)
	}
	return file.Bytes(), true
}

// TestWriteArchiveFuzzSeeds rewrites testdata/fuzz/FuzzArchive when
// CASEFILE_WRITE_SEEDS=1: the entries of bundles a real vault writes
// (cases with and without a document), signed by the fuzz identity, then
// hostile variants.
func TestWriteArchiveFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite testdata/fuzz/FuzzArchive")
	}
	id := fuzzIdentity(t)
	v, ex := sender(t, 2)
	if _, err := v.AddDocument(ex[0].ID, "lettre-fictive.pdf", strings.NewReader("Casefile fuzz document: a fictional scanned letter.\n")); err != nil {
		t.Fatal(err)
	}
	ex, err := v.ExportCases([]string{ex[0].Ref, ex[1].Ref})
	if err != nil {
		t.Fatal(err)
	}
	var file bytes.Buffer
	err = Write(&file, Options{To: []age.Recipient{id.X25519.Recipient()}, Signer: id, Sender: id.Public("Cabinet fictif"),
		Device: "fuzz-device", Now: time.Now(), OpenDocument: func(docID string) (io.Reader, error) { return v.OpenDocument(docID) }}, ex)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := age.Decrypt(&file, id.X25519)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	bodies := map[string]string{}
	ar := tar.NewReader(plain)
	for {
		hdr, err := ar.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(ar)
		names = append(names, hdr.Name)
		bodies[hdr.Name] = string(b)
	}
	bodies[signatureName] = `{"alg":"ed25519","sig":"@SIG@"}`
	entries := func(edit func(name, body string) (string, string)) []byte {
		var out []string
		for _, n := range names {
			name, body := n, bodies[n]
			if edit != nil {
				name, body = edit(name, body)
			}
			if name != "" {
				out = append(out, "--- "+name+"\n"+body)
			}
		}
		return []byte(strings.Join(out, "\n"))
	}
	seeds := map[string][]byte{
		"bundle": entries(nil),
		"unsigned": entries(func(n, b string) (string, string) {
			if n == signatureName {
				return n, `{"alg":"ed25519","sig":"AAAA"}`
			}
			return n, b
		}),
		"no-document": entries(func(n, b string) (string, string) {
			if strings.HasPrefix(n, docPrefix) {
				return "", ""
			}
			return n, b
		}),
		"document-named-path": entries(func(n, b string) (string, string) {
			if strings.HasPrefix(n, casePrefix) {
				b = strings.ReplaceAll(b, "lettre-fictive.pdf", `../../..\\x\u001b[2J.pdf`)
			}
			return n, b
		}),
		"document-other-bytes": entries(func(n, b string) (string, string) {
			if strings.HasPrefix(n, docPrefix) {
				return n, strings.ToUpper(b)
			}
			return n, b
		}),
		"sender-control": entries(func(n, b string) (string, string) {
			if n == manifestName {
				b = strings.Replace(b, `"Cabinet fictif"`, `"Cabinet\u001b]0;owned\u0007 fictif"`, 1)
			}
			return n, b
		}),
		"entry-after-signature": append(entries(nil), "\n--- cases/9.json\n{}"...),
		"empty-records": entries(func(n, b string) (string, string) {
			if n == casePrefix+"2.json" {
				return n, string(hostileCase(ex[1].ID, ex[1].Ref, 1000))
			}
			return n, b
		}),
		"future": entries(func(n, b string) (string, string) {
			if n == casePrefix+"2.json" {
				far := model.HLCAt(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
				var c store.CaseExport
				ec, _ := encodeCase(&ex[1])
				json.Unmarshal(ec.json, &c)
				for i := range c.History {
					c.History[i].HLC = far
				}
				for i := range c.Records {
					for k := range c.Records[i].Ver {
						c.Records[i].Ver[k] = far
					}
				}
				ec, _ = encodeCase(&c)
				return n, string(ec.json)
			}
			return n, b
		}),
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzArchive")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, b := range seeds {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", b)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
