package bundle

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casefile/crypto"
)

// fuzzIdentity is a throw-away key that only the committed seed bundles are
// encrypted to (testdata/fuzz/FuzzRead), so the fuzzer gets past age into
// the archive reader.
func fuzzIdentity(t testing.TB) *crypto.Identity {
	b, err := os.ReadFile("testdata/fuzz-identity.json")
	if err != nil {
		t.Fatal(err)
	}
	id, err := crypto.UnmarshalSecret(b)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// FuzzRead: whatever the bytes, Read returns a bundle or one of this
// package's errors, and never panics or hangs.
func FuzzRead(f *testing.F) {
	id := fuzzIdentity(f)
	f.Add([]byte("age-encryption.org/v1\n-> X25519 abc\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := Read(bytes.NewReader(data), id.AgeIdentities(), func() (string, error) { return "fuzz passphrase", nil })
		if err == nil {
			if b == nil || len(b.Cases) != len(b.Manifest.Cases) {
				t.Fatal("a bundle that does not match its manifest")
			}
			return
		}
		if _, ok := err.(Error); !ok {
			t.Fatalf("error of another kind: %T %v", err, err)
		}
	})
}

// TestWriteFuzzSeeds rewrites the committed seed corpus when
// CASEFILE_WRITE_SEEDS=1: a bundle, an armored one and a passphrase one.
func TestWriteFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite testdata/fuzz/FuzzRead")
	}
	id, err := crypto.NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	sec, _ := id.MarshalSecret()
	if err := os.WriteFile("testdata/fuzz-identity.json", sec, 0o644); err != nil {
		t.Fatal(err)
	}
	v, ex := sender(t, 1)
	pass, _ := PassphraseRecipient("fuzz passphrase")
	seeds := map[string][]byte{
		"bundle":     write(t, v, ex, false, id.Hybrid.Recipient()),
		"x25519":     write(t, v, ex, false, id.X25519.Recipient()),
		"armored":    write(t, v, ex, true, id.Hybrid.Recipient()),
		"passphrase": write(t, v, ex, false, pass),
	}
	writeVersion = 1 // the format-1 fixture stays format 1
	v1 := write(t, v, ex, false, id.Hybrid.Recipient())
	writeVersion = FormatVersion
	if err := os.WriteFile(filepath.Join("testdata", "v1.casefile.age"), v1, 0o644); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzRead")
	os.MkdirAll(dir, 0o755)
	for name, b := range seeds {
		var q strings.Builder
		fmt.Fprintf(&q, "go test fuzz v1\n[]byte(%q)\n", b)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(q.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestReadsFormat1 reads a bundle written by format 1 and committed
// (testdata/v1.casefile.age, with the seeds): later versions must still
// read it.
func TestReadsFormat1(t *testing.T) {
	id := fuzzIdentity(t)
	f, err := os.Open("testdata/v1.casefile.age")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	b, err := Read(f, id.AgeIdentities(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if b.Manifest.Version != 1 || len(b.Cases) != 1 || b.Manifest.Sender.Fingerprint() == "" {
		t.Fatalf("manifest %+v", b.Manifest)
	}
}
