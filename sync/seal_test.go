package sync

import (
	"bytes"
	"crypto/ed25519"
	"errors"
	"testing"

	"filippo.io/age"
)

func sealForTest(t testing.TB, f *sealedFile) ([]byte, *age.HybridIdentity, ed25519.PublicKey) {
	t.Helper()
	id, err := age.GenerateHybridIdentity()
	mustOK(t, err)
	pub, key, _ := ed25519.GenerateKey(nil)
	data, err := seal(f, segmentBody{}, key, id.Recipient())
	mustOK(t, err)
	return data, id, pub
}

func TestSealedFileBindsItsName(t *testing.T) {
	data, id, pub := sealForTest(t, &sealedFile{Kind: kindSegment, Team: "t", Writer: "w", Seq: 3, Epoch: "e"})
	f, err := open(data, id)
	mustOK(t, err)
	mustOK(t, f.verify(pub))
	for name, change := range map[string]func(f *sealedFile){
		"seq":    func(f *sealedFile) { f.Seq = 4 },
		"writer": func(f *sealedFile) { f.Writer = "x" },
		"epoch":  func(f *sealedFile) { f.Epoch = "e2" },
		"team":   func(f *sealedFile) { f.Team = "t2" },
		"kind":   func(f *sealedFile) { f.Kind = kindTeamKey },
		"body":   func(f *sealedFile) { f.Body = append(bytes.Clone(f.Body), 0) },
	} {
		g := *f
		change(&g)
		if err := g.verify(pub); !errors.Is(err, ErrBadSignature) {
			t.Errorf("%s changed: %v", name, err)
		}
	}
	other, _ := age.GenerateHybridIdentity()
	if _, err := open(data, other); !errors.Is(err, ErrUnreadable) {
		t.Errorf("opened with another key: %v", err)
	}
}

func TestSealedFileFromANewerVersionIsRefused(t *testing.T) {
	id, _ := age.GenerateHybridIdentity()
	var buf bytes.Buffer
	w, _ := age.Encrypt(&buf, id.Recipient())
	w.Write([]byte(`{"format":"casefile-sync","v":2,"kind":"segment"}`))
	w.Close()
	if _, err := open(buf.Bytes(), id); !errors.Is(err, ErrNewerFormat) {
		t.Fatalf("v2 file: %v", err)
	}
}

func TestSegmentNames(t *testing.T) {
	for name, want := range map[string]uint64{
		"00000001.age": 1, "12345678.age": 12345678, "123456789.age": 123456789,
		"00000000.age": 0, "1.age": 0, "00000001 (1).age": 0, "00000001.sync-conflict-x.age": 0,
		"00000001 (conflicted copy).age": 0, ".tmp-00000001.age-1": 0, "000000001.age": 0,
	} {
		got, ok := parseSegmentName(name)
		if got != want || ok != (want != 0) {
			t.Errorf("%q: %d %v, want %d", name, got, ok, want)
		}
	}
}

// FuzzOpen: whatever bytes sit in the folder, reading them never panics,
// and anything that verifies says exactly what was signed.
func FuzzOpen(f *testing.F) {
	data, id, pub := sealForTest(f, &sealedFile{Kind: kindSegment, Team: "t", Writer: "w", Seq: 1, Epoch: "e"})
	orig, err := open(data, id)
	mustOK(f, err)
	f.Add(data)
	f.Add(data[:len(data)/2])
	f.Add([]byte("age-encryption.org/v1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		sf, err := open(b, id)
		if err != nil {
			return
		}
		var body segmentBody
		_ = sf.body(&body)
		if sf.verify(pub) == nil && (sf.Seq != 1 || sf.Writer != "w" || sf.Epoch != "e" || !bytes.Equal(sf.Body, orig.Body)) {
			t.Fatal("altered content verifies")
		}
	})
}
