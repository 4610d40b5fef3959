package sync

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"casefile/store"
)

// Fuzzing the plaintext of a segment: the bytes the fuzzer makes are the
// JSON body of a segment that a member of the team really signed and
// sealed to the team's key, written in the folder under that member's
// name and the next number. Decryption, signature and binding pass; what
// follows — the body parser, the roster merge, the changes' check and
// their application — runs exactly as in a sync.

// segFuzz is a team of two made once: the writer a (its keys kept, its
// vault closed) and the reader b (its vault and the folder copied, then
// opened, for each input).
type segFuzz struct {
	root, baseVault, baseFolder string
	team, writer, reader        string
	epoch                       string
	identity                    *age.HybridIdentity
	recipient                   age.Recipient
	signing                     ed25519.PrivateKey
	seq                         uint64 // the number the fuzzed segment gets
	n                           int
}

func newSegFuzz(f *testing.F) *segFuzz {
	f.Helper()
	root := f.TempDir()
	folder := filepath.Join(root, "folder")
	mustOK(f, os.Mkdir(folder, 0o700))
	create := func(name string) *store.Vault {
		c, err := store.Create(filepath.Join(root, name), testPass)
		mustOK(f, err)
		return c.Vault
	}
	va, vb := create("a"), create("b")
	ta, err := Create(va, folder, "Me Claire Fontaine")
	mustOK(f, err)
	tb, err := Join(vb, folder, "Me Jules Martin")
	mustOK(f, err)
	mustOK(f, ta.Accept(tb.Device(), tb.Fingerprint()))
	mustOK(f, tb.Accept(ta.Device(), ta.Fingerprint()))
	addCases(f, va, 2, 7)
	syncAll(f, []*Team{ta, tb}, 2)
	mustCheck(f, vb)
	s, err := loadState(va)
	mustOK(f, err)
	ep := s.current()
	id, err := ep.identity()
	mustOK(f, err)
	sfz := &segFuzz{root: root, baseVault: filepath.Join(root, "b"), baseFolder: folder,
		team: s.team, writer: ta.Device(), reader: tb.Device(), epoch: ep.Name,
		identity: id, recipient: id.Recipient(), signing: ta.id.Signing, seq: s.seq + 1}
	mustOK(f, va.Close())
	mustOK(f, vb.Close())
	return sfz
}

// openReader copies b's vault and the folder, and opens b's team on them.
func (sf *segFuzz) openReader(t testing.TB) (*store.Vault, *Team, string) {
	t.Helper()
	sf.n++
	dir := filepath.Join(sf.root, fmt.Sprintf("run%d", sf.n))
	vdir, folder := filepath.Join(dir, "vault"), filepath.Join(dir, "folder")
	mustOK(t, copyTree(sf.baseVault, vdir))
	mustOK(t, copyTree(sf.baseFolder, folder))
	v, err := store.Open(vdir, testPass)
	mustOK(t, err)
	mustOK(t, v.SetSetting(SettingFolder, []byte(folder)))
	tm, err := Open(v)
	mustOK(t, err)
	return v, tm, dir
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o600)
	})
}

// segment seals body as the writer's next segment.
func (sf *segFuzz) segment(t testing.TB, body []byte) []byte {
	t.Helper()
	f := &sealedFile{Kind: kindSegment, Team: sf.team, Writer: sf.writer, Seq: sf.seq, Epoch: sf.epoch}
	data, err := sealRaw(f, body, sf.signing, sf.recipient)
	mustOK(t, err)
	return data
}

// readerState is what b's vault holds that a segment may change: its
// cases as a bundle carries them, the records held back, the collisions.
func readerState(t testing.TB, v *store.Vault) string {
	t.Helper()
	held, err := v.Held()
	mustOK(t, err)
	colls, err := v.AllCollisions()
	mustOK(t, err)
	return fmt.Sprintf("%s held %d collisions %d", snapshot(t, v), held, len(colls))
}

// FuzzSegmentBody: whatever a member signed as a segment's body,
//   - nothing panics and the sync runs to its end (a bad segment is a
//     reported problem, never an error of the sync);
//   - `check` stays clean on the reader;
//   - a segment that is not applied is reported, and changed none of the
//     reader's cases;
//   - an applied one is not applied twice: the next sync changes nothing;
//   - every member the reader now trusts has a well-formed device id, and
//     an identity whose fingerprint is the one announced;
//   - a body that is not JSON is refused by the parser as malformed.
func FuzzSegmentBody(f *testing.F) {
	sf := newSegFuzz(f)
	f.Add([]byte(`{"changes":[]}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		if !json.Valid(body) {
			// The parser alone: the sync would report it malformed.
			sealed, err := open(sf.segment(t, body), sf.identity)
			if err != nil {
				t.Fatal(err)
			}
			var head struct {
				Roster []rosterEntry `json:"roster"`
			}
			if err := sealed.body(&head); !errors.Is(err, ErrMalformed) {
				t.Fatalf("a body that is not JSON: %v", err)
			}
			return
		}
		v, tm, dir := sf.openReader(t)
		defer func() { v.Close(); os.RemoveAll(dir) }()
		before := readerState(t, v)
		name := segmentPath(sf.writer, sf.seq)
		mustOK(t, os.WriteFile(tm.abs(name), sf.segment(t, body), 0o600))
		rep, err := tm.Sync()
		if err != nil {
			t.Fatalf("sync failed on a segment: %v", err)
		}
		mustCheck(t, v)
		_, applied, err := v.SyncState(appliedKey(sf.writer, sf.seq))
		mustOK(t, err)
		if !applied {
			reported := false
			for _, p := range rep.Skipped {
				reported = reported || p.File == name
			}
			if !reported {
				t.Fatalf("segment neither applied nor reported: %+v", rep.Skipped)
			}
			if after := readerState(t, v); after != before {
				t.Fatal("a segment not applied changed the reader's cases")
			}
		} else {
			mid := readerState(t, v)
			again, err := tm.Sync()
			mustOK(t, err)
			if again.Applied != 0 || readerState(t, v) != mid {
				t.Fatalf("the next sync applied %d operations again", again.Applied)
			}
		}
		s, err := loadState(v)
		mustOK(t, err)
		for dev, m := range s.members {
			if !validDevice(dev) || m.Device != dev {
				t.Fatalf("member %q (%q) trusted", dev, m.Device)
			}
			if m.known() && !sameFingerprint(m.Identity.Fingerprint(), m.Fingerprint) {
				t.Fatalf("member %s: identity of another fingerprint", dev)
			}
		}
	})
}

// TestWriteSegmentFuzzSeeds rewrites testdata/fuzz/FuzzSegmentBody when
// CASEFILE_WRITE_SEEDS=1: bodies written by a real push (fictional clinic
// data), then the hostile cases.
func TestWriteSegmentFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite the segment fuzz seeds")
	}
	_, vaults, teams := newTeamOf(t, 2)
	a, b := vaults[0], vaults[1]
	refs := addCases(t, a, 1, 11)
	s, err := loadState(a)
	mustOK(t, err)
	roster := s.rosterOf()
	outbox := func(v *store.Vault) []store.ExportChange {
		o, err := v.ReadOutbox(MaxSegmentOps)
		mustOK(t, err)
		mustOK(t, o.Done(v))
		return o.Changes
	}
	seeds := map[string]segmentBody{}
	seeds["cases"] = segmentBody{Changes: outbox(a), Roster: roster, Prev: 1}
	_, err = a.SetCaseFields(refs[0], map[string]string{"prefecture": "Préfecture de test (Kerguelen)"})
	mustOK(t, err)
	edit := outbox(a)
	seeds["edit"] = segmentBody{Changes: edit, Roster: roster, Prev: 2}
	far := edit[0]
	far.HLC = 0x1000000000000000 // beyond year 2100
	seeds["future"] = segmentBody{Changes: []store.ExportChange{far}, Roster: roster}
	me, other := teams[0].Device(), teams[1].Device()
	seeds["removes-reader"] = segmentBody{Roster: append(roster[:0:0], rosterEntry{Device: other, Status: StatusRemoved, Cutoff: 1})}
	seeds["removes-itself"] = segmentBody{Roster: []rosterEntry{{Device: me, Status: StatusRemoved}}}
	seeds["accepts-stranger"] = segmentBody{Roster: []rosterEntry{{Device: "01900000-0000-7000-8000-000000000001", Fingerprint: "00000 00000 00000 00000 00000 00000 00000 00000", Status: StatusAccepted}}}
	seeds["traversal-device"] = segmentBody{Roster: []rosterEntry{{Device: "../../../../tmp", Status: StatusAccepted}, {Device: "../" + me, Status: StatusRemoved}}}
	seeds["gap"] = segmentBody{Changes: edit, Prev: 999}
	ctl := edit[0]
	ctl.Author = "\x1b]0;owned\x07\x1b[31m"
	seeds["control"] = segmentBody{Changes: []store.ExportChange{ctl}}
	_ = b
	dir := filepath.Join("testdata", "fuzz", "FuzzSegmentBody")
	os.RemoveAll(dir)
	for name, body := range seeds {
		raw, err := json.Marshal(body)
		mustOK(t, err)
		writeSeed(t, dir, name, raw)
	}
	writeSeed(t, dir, "empty-records", []byte(`{"changes":[`+strings.Repeat(`{},`, 99)+`{}]}`))
	writeSeed(t, dir, "not-json", []byte(`{"changes":[{"hlc":1,`))
	writeSeed(t, dir, "wrong-types", []byte(`{"changes":5,"roster":{"a":1},"prev":-1}`))
	writeSeed(t, dir, "duplicate-keys", []byte(`{"roster":[],"roster":[{"device":"`+other+`","status":"removed"}],"changes":[]}`))
}

// writeSeed writes one []byte seed in the format of go test's fuzz corpus.
func writeSeed(t testing.TB, dir, name string, b []byte) {
	t.Helper()
	mustOK(t, os.MkdirAll(dir, 0o755))
	var q strings.Builder
	fmt.Fprintf(&q, "go test fuzz v1\n[]byte(%q)\n", b)
	mustOK(t, os.WriteFile(filepath.Join(dir, name), []byte(q.String()), 0o644))
}
