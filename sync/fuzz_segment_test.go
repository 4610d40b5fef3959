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

	"casefile/changelog"
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
	writerFP, readerFP          string
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
		writerFP: ta.Fingerprint(), readerFP: tb.Fingerprint(),
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

// placeholders the seeds use for what each fuzz run draws afresh: the
// team, the writer and reader devices, the new epoch.
func (sf *segFuzz) fill(body []byte) []byte {
	return []byte(strings.NewReplacer("@TEAM@", sf.team, "@WRITER@", sf.writer, "@READER@", sf.reader,
		"@EPOCH@", epochName(2, sf.writer), "@WRITERFP@", sf.writerFP, "@READERFP@", sf.readerFP).Replace(string(body)))
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
		mustOK(t, os.WriteFile(tm.abs(name), sf.segment(t, sf.fill(body)), 0o600))
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

// FuzzTeamKeyBody: the plaintext of a team key file a member really
// signed and sealed for the reader (epoch 2, created by the writer).
// Whatever it holds:
//   - nothing panics, the sync runs to its end, `check` stays clean;
//   - a key refused is reported, and the reader holds no such epoch;
//   - a key taken is for that epoch and this team, its secret an age
//     identity, and the reader's next sync still runs.
func FuzzTeamKeyBody(f *testing.F) {
	sf := newSegFuzz(f)
	epoch := epochName(2, sf.writer)
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		v, tm, dir := sf.openReader(t)
		defer func() { v.Close(); os.RemoveAll(dir) }()
		kf := &sealedFile{Kind: kindTeamKey, Team: sf.team, Writer: sf.writer, Subject: sf.reader, Epoch: epoch}
		data, err := sealRaw(kf, sf.fill(body), sf.signing, tm.id.Hybrid.Recipient())
		mustOK(t, err)
		name := keyName(epoch, sf.reader, sf.writer)
		mustOK(t, os.MkdirAll(filepath.Dir(tm.abs(name)), 0o700))
		mustOK(t, os.WriteFile(tm.abs(name), data, 0o600))
		rep, err := tm.Sync()
		if err != nil {
			t.Fatalf("sync failed on a team key: %v", err)
		}
		mustCheck(t, v)
		s, err := loadState(v)
		mustOK(t, err)
		ep := s.epochs[epoch]
		if ep == nil {
			reported := false
			for _, p := range rep.Skipped {
				reported = reported || p.File == name
			}
			if !reported {
				t.Fatalf("key neither taken nor reported: %+v", rep.Skipped)
			}
			return
		}
		if ep.Name != epoch || ep.Team != sf.team {
			t.Fatalf("took a key for %q of team %q", ep.Name, ep.Team)
		}
		if _, err := ep.identity(); err != nil {
			t.Fatal(err)
		}
		if _, err := tm.Sync(); err != nil {
			t.Fatalf("the next sync: %v", err)
		}
		mustCheck(t, v)
	})
}

// TestWriteSegmentFuzzSeeds rewrites testdata/fuzz/FuzzSegmentBody when
// CASEFILE_WRITE_SEEDS=1: bodies written by a real push (fictional clinic
// data), then the hostile cases.
func TestWriteSegmentFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite the segment fuzz seeds")
	}
	_, vaults, _ := newTeamOf(t, 2)
	a := vaults[0]
	refs := addCases(t, a, 1, 11)
	roster := []rosterEntry{{Device: "@READER@", Fingerprint: "@READERFP@", Status: StatusAccepted},
		{Device: "@WRITER@", Fingerprint: "@WRITERFP@", Status: StatusAccepted}}
	outbox := func(v *store.Vault) []changelog.ExportChange {
		o, err := v.ReadOutbox(MaxSegmentOps)
		mustOK(t, err)
		mustOK(t, o.Done(v))
		return o.Changes
	}
	seeds := map[string]segmentBody{}
	seeds["cases"] = segmentBody{Changes: outbox(a), Roster: roster, Prev: 1}
	_, err := a.SetCaseFields(refs[0], map[string]string{"prefecture": "Préfecture de test (Kerguelen)"})
	mustOK(t, err)
	edit := outbox(a)
	seeds["edit"] = segmentBody{Changes: edit, Roster: roster, Prev: 2}
	far := edit[0]
	far.HLC = 0x1000000000000000 // beyond year 2100
	seeds["future"] = segmentBody{Changes: []changelog.ExportChange{far}, Roster: roster}
	me, other := "@WRITER@", "@READER@"
	seeds["removes-reader"] = segmentBody{Roster: append(roster[:0:0], rosterEntry{Device: other, Status: StatusRemoved, Cutoff: 1})}
	seeds["removes-itself"] = segmentBody{Roster: []rosterEntry{{Device: me, Status: StatusRemoved}}}
	seeds["accepts-stranger"] = segmentBody{Roster: []rosterEntry{{Device: "01900000-0000-7000-8000-000000000001", Fingerprint: "00000 00000 00000 00000 00000 00000 00000 00000", Status: StatusAccepted}}}
	seeds["traversal-device"] = segmentBody{Roster: []rosterEntry{{Device: "../../../../tmp", Status: StatusAccepted}, {Device: "../" + me, Status: StatusRemoved}}}
	seeds["gap"] = segmentBody{Changes: edit, Prev: 999}
	ctl := edit[0]
	ctl.Author = "\x1b]0;owned\x07\x1b[31m"
	seeds["control"] = segmentBody{Changes: []changelog.ExportChange{ctl}}
	dir := filepath.Join("testdata", "fuzz", "FuzzSegmentBody")
	os.RemoveAll(dir)
	for name, body := range seeds {
		raw, err := json.Marshal(body)
		mustOK(t, err)
		writeSeed(t, dir, name, raw)
	}
	kdir := filepath.Join("testdata", "fuzz", "FuzzTeamKeyBody")
	os.RemoveAll(kdir)
	ep, err := newEpoch("@TEAM@", 2, "@WRITER@", nil)
	mustOK(t, err)
	ep.Name = "@EPOCH@"
	key := func(name string, e any) {
		raw, err := json.Marshal(e)
		mustOK(t, err)
		writeSeed(t, kdir, name, raw)
	}
	key("key", ep)
	key("excludes-reader", &epochState{Team: ep.Team, Name: ep.Name, Excludes: []string{"@READER@", "@WRITER@", "../../x"}, Secret: ep.Secret})
	key("x25519-secret", &epochState{Team: ep.Team, Name: ep.Name, Secret: "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQSUA0H"})
	key("other-epoch", &epochState{Team: ep.Team, Name: "000003-@WRITER@", Secret: ep.Secret})
	key("other-team", &epochState{Team: "01900000-0000-7000-8000-000000000000", Name: ep.Name, Secret: ep.Secret})
	key("empty", struct{}{})
	writeSeed(t, kdir, "not-json", []byte(`{"team":`))
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
