package sync

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"casefile/crypto"
	"casefile/internal/confined"
	"casefile/model"
)

// fuzzDevice is the device id the fuzzed member file is named after.
const fuzzDevice = "01938f3e-7a1c-7c3e-9d2a-5b6c7d8e9f00"

// FuzzMemberFile: members/<device>.json is public and unsigned; anyone who
// can write to the folder writes it. Whatever its bytes:
//   - nothing panics; a refusal is ErrMalformed, or ErrBadName for a name
//     with control characters or over store.MaxNameLen characters;
//   - an identity accepted is for the device its name says, with an age
//     hybrid recipient age parses and an Ed25519 key;
//   - written back as this package writes member files, it reads as the
//     same identity, fingerprint and name.
func FuzzMemberFile(f *testing.F) {
	root := f.TempDir()
	mustOK(f, os.MkdirAll(filepath.Join(root, Root, dirMembers), 0o700))
	d, err := confined.Open(root, Root, false)
	mustOK(f, err)
	f.Cleanup(func() { d.Close() })
	path := filepath.Join(root, Root, filepath.FromSlash(memberName(fuzzDevice)))
	f.Add([]byte(`{"format":"casefile-sync-member","v":1}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		mustOK(t, os.WriteFile(path, data, 0o600))
		p, err := readMemberFile(d, fuzzDevice)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrBadName) {
				t.Fatalf("refused with %v", err)
			}
			return
		}
		var mf memberFile
		mustOK(t, json.Unmarshal(data, &mf))
		if mf.Device != fuzzDevice || p.Name != mf.Name || model.HasControl(p.Name) {
			t.Fatalf("accepted for device %q, name %q", mf.Device, p.Name)
		}
		if _, err := age.ParseHybridRecipient(p.Hybrid); err != nil || len(p.Verify) != 32 {
			t.Fatalf("accepted without usable keys: %v", err)
		}
		b, err := json.Marshal(memberFile{Format: memberFormat, V: 1, Device: fuzzDevice, Name: p.Name, Identity: p.String()})
		mustOK(t, err)
		mustOK(t, os.WriteFile(path, b, 0o600))
		q, err := readMemberFile(d, fuzzDevice)
		if err != nil || q.Fingerprint() != p.Fingerprint() || q.Name != p.Name {
			t.Fatalf("written back, read as %+v (%v)", q, err)
		}
	})
}

// TestWriteMemberFuzzSeeds rewrites testdata/fuzz/FuzzMemberFile when
// CASEFILE_WRITE_SEEDS=1: a member file as Join writes it, then the
// hostile cases.
func TestWriteMemberFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite testdata/fuzz/FuzzMemberFile")
	}
	id, err := crypto.NewIdentity()
	mustOK(t, err)
	file := func(device, name, identity string) []byte {
		b, err := json.MarshalIndent(memberFile{Format: memberFormat, V: 1, Device: device, Name: name, Identity: identity}, "", "  ")
		mustOK(t, err)
		return b
	}
	pub := id.Public("Me Jules Martin").String()
	other, err := crypto.NewIdentity()
	mustOK(t, err)
	dir := filepath.Join("testdata", "fuzz", "FuzzMemberFile")
	os.RemoveAll(dir)
	seeds := map[string][]byte{
		"member":         file(fuzzDevice, "Me Jules Martin", pub),
		"other-device":   file("01938f3e-7a1c-7c3e-9d2a-5b6c7d8e9f01", "Me Jules Martin", pub),
		"traversal":      file("../../../../tmp/x", "x", pub),
		"control-name":   file(fuzzDevice, "\x1b]0;owned\x07\x1b[31mMe Jules Martin\u202e", pub),
		"long-name":      file(fuzzDevice, strings.Repeat("Martin ", 2000), pub),
		"bare-age-key":   file(fuzzDevice, "x", id.Hybrid.Recipient().String()),
		"x25519-only":    file(fuzzDevice, "x", strings.Replace(pub, "age-pq: ", "comment: ", 1)),
		"wrong-fp":       file(fuzzDevice, "x", strings.Replace(pub, "fingerprint: ", "fingerprint: 1", 1)),
		"mixed-identity": file(fuzzDevice, "x", pub+"age-pq: "+other.Hybrid.Recipient().String()+"\n"),
		"newer":          []byte(`{"format":"casefile-sync-member","v":2,"device":"` + fuzzDevice + `","identity":""}`),
		"duplicate-keys": []byte(`{"format":"casefile-sync-member","device":"x","device":"` + fuzzDevice + `","identity":` + string(mustJSON(pub)) + `}`),
		"not-json":       []byte("casefile-identity v1\n"),
		"empty-records":  []byte(`[` + strings.Repeat(`{},`, 99) + `{}]`),
	}
	for name, b := range seeds {
		writeSeed(t, dir, name, b)
	}
}
