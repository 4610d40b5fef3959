package crypto

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
)

// Fuzz targets for what people paste or type and colleagues send: a
// public identity (`casefile key show`, a member file's "identity", a
// bundle's sender) and a recovery key.

// FuzzParsePublicIdentity: whatever text is pasted,
//   - nothing panics;
//   - an identity accepted has a recipient age itself parses, an Ed25519
//     key of the right size or none, and a fingerprint of eight groups of
//     five digits;
//   - its text form (String) reads back as the same keys, fingerprint and
//     (space-normalised) name, and reading is idempotent.
func FuzzParsePublicIdentity(f *testing.F) {
	f.Add("age1qyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqszqgpqyqs3290gq")
	f.Fuzz(func(t *testing.T, text string) {
		p, err := ParsePublicIdentity(text)
		if err != nil {
			if !errors.Is(err, ErrNotAnIdentity) {
				t.Fatalf("error of another kind: %v", err)
			}
			return
		}
		if p.Recipient() == "" {
			t.Fatal("accepted without a recipient")
		}
		if p.Hybrid != "" {
			if _, err := age.ParseHybridRecipient(p.Hybrid); err != nil {
				t.Fatalf("hybrid recipient accepted that age refuses: %v", err)
			}
		}
		if p.X25519 != "" {
			if _, err := age.ParseX25519Recipient(p.X25519); err != nil {
				t.Fatalf("X25519 recipient accepted that age refuses: %v", err)
			}
		}
		if len(p.Verify) != 0 && len(p.Verify) != ed25519.PublicKeySize {
			t.Fatalf("verify key of %d bytes", len(p.Verify))
		}
		fp := p.Fingerprint()
		if g := strings.Fields(fp); len(g) != 8 || len(fp) != 8*5+7 {
			t.Fatalf("fingerprint %q", fp)
		}
		q, err := ParsePublicIdentity(p.String())
		if err != nil {
			t.Fatalf("its own text form does not read back: %v\n%q", err, p.String())
		}
		if q.Hybrid != p.Hybrid || q.X25519 != p.X25519 || !bytes.Equal(q.Verify, p.Verify) || q.Fingerprint() != fp {
			t.Fatalf("read back as other keys: %+v / %+v", p, q)
		}
		if want := strings.Join(strings.Fields(p.Name), " "); q.Name != want {
			t.Fatalf("name %q read back as %q", want, q.Name)
		}
		if r, err := ParsePublicIdentity(q.String()); err != nil || r.String() != q.String() {
			t.Fatalf("reading is not idempotent: %v", err)
		}
	})
}

// FuzzParseRecoveryKey: whatever a person types or pastes as a recovery
// key, nothing panics; a text accepted is a key age parses, the same key
// as its canonical form, whatever the spaces, line breaks, case and
// comment lines around it (as the set-up screen groups it by six).
func FuzzParseRecoveryKey(f *testing.F) {
	f.Add("AGE-SECRET-KEY-PQ-1")
	f.Fuzz(func(t *testing.T, text string) {
		id, err := ParseRecoveryKey(text)
		if err != nil {
			if !errors.Is(err, ErrMalformedRecoveryKey) {
				t.Fatalf("error of another kind: %v", err)
			}
			return
		}
		canon := id.String()
		if _, err := age.ParseHybridIdentity(canon); err != nil {
			t.Fatalf("accepted a key age refuses: %v", err)
		}
		for _, form := range []string{canon, strings.ToLower(canon), grouped(canon), "# recovery key\n" + grouped(strings.ToLower(canon)) + "\n\n"} {
			again, err := ParseRecoveryKey(form)
			if err != nil || again.String() != canon || again.Recipient().String() != id.Recipient().String() {
				t.Fatalf("%q: %v", form, err)
			}
		}
	})
}

// grouped writes a key as the set-up screen shows it: the prefix, then
// groups of six separated by spaces, broken over lines.
func grouped(key string) string {
	prefix, rest, _ := strings.Cut(key, "1")
	var b strings.Builder
	b.WriteString(prefix + "1")
	for i := 0; i < len(rest); i += 6 {
		if i%60 == 0 {
			b.WriteString("\n")
		} else {
			b.WriteByte(' ')
		}
		b.WriteString(rest[i:min(i+6, len(rest))])
	}
	return b.String()
}

// TestWriteCryptoFuzzSeeds rewrites the seeds of the two targets when
// CASEFILE_WRITE_SEEDS=1: real identities and keys (throw-away), then the
// hostile cases.
func TestWriteCryptoFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite the crypto fuzz seeds")
	}
	id, err := NewIdentity()
	if err != nil {
		t.Fatal(err)
	}
	pub := id.Public("Me Claire Fontaine (fictive)")
	ids := map[string]string{
		"identity":        pub.String(),
		"hybrid-only":     id.Hybrid.Recipient().String(),
		"x25519-only":     id.X25519.Recipient().String(),
		"no-fingerprint":  strings.Replace(pub.String(), "fingerprint:", "comment:", 1),
		"wrong-fingerpr":  strings.Replace(pub.String(), "fingerprint: ", "fingerprint: 9", 1),
		"control-in-name": strings.Replace(pub.String(), "Fontaine", "\x1b]0;owned\x07\x1b[31mFontaine", 1),
		"long-name":       strings.Replace(pub.String(), "name: ", "name: "+strings.Repeat("Ab ", 3000), 1),
		"crlf":            strings.ReplaceAll(pub.String(), "\n", "\r\n"),
		"two-hybrids":     pub.String() + "age-pq: " + id.Hybrid.Recipient().String() + "\n",
	}
	writeSeeds(t, "FuzzParsePublicIdentity", ids)
	key := id.Hybrid.String()
	keys := map[string]string{
		"key":         key,
		"grouped":     grouped(key),
		"lower":       strings.ToLower(key),
		"commented":   "# created 07/12/2026\n" + key + "\n",
		"x25519":      id.X25519.String(),
		"truncated":   key[:len(key)/2],
		"dotless-i":   strings.ReplaceAll(strings.ToLower(key), "i", "ı"),
		"nul":         key[:30] + "\x00" + key[30:],
		"public-half": id.Hybrid.Recipient().String(),
	}
	writeSeeds(t, "FuzzParseRecoveryKey", keys)
}

func writeSeeds(t *testing.T, target string, seeds map[string]string) {
	t.Helper()
	dir := filepath.Join("testdata", "fuzz", target)
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, s := range seeds {
		if err := os.WriteFile(filepath.Join(dir, name), fmt.Appendf(nil, "go test fuzz v1\nstring(%q)\n", s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
