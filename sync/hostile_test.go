package sync

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"filippo.io/age"

	"casefile/store"
)

// pair is a two-member team in which a has published cases that b has
// not pulled yet.
type pair struct {
	folder string
	a, b   *Team
	va, vb *store.Vault
	seg    string // a's first segment
}

func newPair(t *testing.T) *pair {
	t.Helper()
	folder, vaults, teams := newTeamOf(t, 2)
	mustSync(t, teams[1]) // b publishes its (empty) roster
	addCases(t, vaults[0], 3, 7)
	if rep := mustSync(t, teams[0]); rep.PushedSegments == 0 {
		t.Fatal("a pushed nothing")
	}
	p := &pair{folder: folder, a: teams[0], b: teams[1], va: vaults[0], vb: vaults[1]}
	p.seg = p.a.abs(segmentPath(p.a.me, 1))
	return p
}

func (p *pair) cases(t *testing.T) int {
	list, err := p.vb.ListCases()
	mustOK(t, err)
	return len(list)
}

// skipped returns the reason codes b's report gives for files under rel.
func skipped(rep *Report, rel string) []string {
	var codes []string
	for _, s := range rep.Skipped {
		if strings.HasPrefix(s.File, rel) {
			codes = append(codes, s.Code())
		}
	}
	return codes
}

func hasCode(codes []string, code string) bool {
	for _, c := range codes {
		if c == code {
			return true
		}
	}
	return false
}

func TestHostileFolder(t *testing.T) {
	tests := []struct {
		name string
		// spoil damages the folder and returns the code b must report
		// and a function that heals it (nil: nothing to heal).
		spoil func(t *testing.T, p *pair) (code, file string, heal func())
		// blocks: the damage keeps a's cases from b until healed.
		blocks bool
	}{
		{"truncated segment", func(t *testing.T, p *pair) (string, string, func()) {
			orig, _ := os.ReadFile(p.seg)
			mustOK(t, os.WriteFile(p.seg, orig[:len(orig)/2], 0o644))
			return "unreadable", rel(p, p.seg), func() { os.WriteFile(p.seg, orig, 0o644) }
		}, true},
		{"tampered byte", func(t *testing.T, p *pair) (string, string, func()) {
			orig, _ := os.ReadFile(p.seg)
			bad := bytes.Clone(orig)
			bad[len(bad)-40] ^= 1
			mustOK(t, os.WriteFile(p.seg, bad, 0o644))
			return "unreadable", rel(p, p.seg), func() { os.WriteFile(p.seg, orig, 0o644) }
		}, true},
		{"renamed segment", func(t *testing.T, p *pair) (string, string, func()) {
			other := filepath.Join(filepath.Dir(p.seg), segmentName(7))
			mustOK(t, os.Rename(p.seg, other))
			return "misplaced", rel(p, other), func() { os.Rename(other, p.seg) }
		}, true},
		{"half-written temp file", func(t *testing.T, p *pair) (string, string, func()) {
			tmp := filepath.Join(filepath.Dir(p.seg), tempPrefix+"00000002.age-123")
			mustOK(t, os.WriteFile(tmp, []byte("age-encryption.org/v1\n"), 0o644))
			return "partial", rel(p, tmp), nil
		}, false},
		{"conflict copies and strangers", func(t *testing.T, p *pair) (string, string, func()) {
			orig, _ := os.ReadFile(p.seg)
			dir := filepath.Dir(p.seg)
			for _, n := range []string{"00000001 (conflicted copy 2026-11-28).age", "00000001.sync-conflict-20261128-ABC.age",
				"00000001 (1).age", "notes.txt", "1.age"} {
				mustOK(t, os.WriteFile(filepath.Join(dir, n), orig, 0o644))
			}
			return "not-a-segment", rel(p, filepath.Join(dir, "00000001 (1).age")), nil
		}, false},
		{"encrypted to other keys", func(t *testing.T, p *pair) (string, string, func()) {
			id, _ := age.GenerateHybridIdentity()
			var buf bytes.Buffer
			w, _ := age.Encrypt(&buf, id.Recipient())
			w.Write([]byte(`{"format":"casefile-sync"}`))
			w.Close()
			f := filepath.Join(filepath.Dir(p.seg), segmentName(9))
			mustOK(t, os.WriteFile(f, buf.Bytes(), 0o644))
			return "unreadable", rel(p, f), nil
		}, false},
		{"segment replayed under another member", func(t *testing.T, p *pair) (string, string, func()) {
			// b's own directory is never read by b: replay a's segment as
			// a's next one instead, and as a stranger's.
			orig, _ := os.ReadFile(p.seg)
			f := filepath.Join(filepath.Dir(p.seg), segmentName(2))
			mustOK(t, os.WriteFile(f, orig, 0o644))
			return "misplaced", rel(p, f), nil
		}, false},
		{"clock days ahead", func(t *testing.T, p *pair) (string, string, func()) {
			// a's second segment: refused and reported at each sync
			// (TestClockHorizon); a keeps a case the others never take.
			p.va.SetClockForTests(func() time.Time { return time.Now().Add(72 * time.Hour) })
			addCases(t, p.va, 1, 99)
			mustSync(t, p.a)
			return "future-clock", segmentPath(p.a.me, 2), nil
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPair(t)
			code, file, heal := tt.spoil(t, p)
			rep := mustSync(t, p.b)
			if code != "" && !hasCode(skipped(rep, file), code) {
				t.Fatalf("%s not reported as %s: %+v", file, code, rep.Skipped)
			}
			if got := p.cases(t); tt.blocks && got != 0 {
				t.Fatalf("b applied %d cases from a spoiled segment", got)
			} else if !tt.blocks && got == 0 {
				t.Fatal("the spoiled file kept the good ones from applying")
			}
			if tt.name == "clock days ahead" {
				if rep.FutureClocks == 0 {
					t.Fatal("a clock three days ahead was not refused")
				}
				addCases(t, p.vb, 1, 100)
				o, err := p.vb.ReadOutbox(1000)
				mustOK(t, err)
				for _, ch := range o.Changes {
					if ch.Device == p.b.me && ch.HLC.Time().After(time.Now().Add(time.Hour)) {
						t.Fatalf("b's clock was dragged ahead: %s", ch.HLC.Time())
					}
				}
			}
			if heal != nil {
				heal()
				mustSync(t, p.b)
			}
			syncAll(t, []*Team{p.a, p.b}, 2)
			mustCheck(t, p.vb)
			if tt.name != "clock days ahead" && snapshot(t, p.vb) != snapshot(t, p.va) {
				t.Fatal("b differs from a once the folder healed")
			}
		})
	}
}

func rel(p *pair, path string) string {
	r, _ := filepath.Rel(filepath.Join(p.folder, Root), path)
	return filepath.ToSlash(r)
}

// A stranger who drops a member file and learns the team's recipient gets
// no key, and what it writes is refused, under its own name or a member's.
func TestRogueGetsNothingAndForgeriesAreRefused(t *testing.T) {
	p := newPair(t)
	rogueV := newVault(t)
	rogue, err := Join(rogueV, p.folder, "Intrus")
	mustOK(t, err)
	mustSync(t, p.a)
	mustSync(t, p.b)
	keys, _ := filepath.Glob(filepath.Join(p.folder, Root, dirTeam, "*", rogue.me+".*"))
	if len(keys) != 0 {
		t.Fatalf("the rogue got key files: %v", keys)
	}
	if rep := mustSync(t, rogue); !rep.Waiting {
		t.Fatalf("rogue not waiting: %+v", rep)
	}

	// Suppose the team recipient leaked: the rogue seals a segment to it.
	s, err := loadState(p.va)
	mustOK(t, err)
	ep := s.current()
	id, _ := ep.identity()
	rid, err := rogueV.Identity()
	mustOK(t, err)
	forge := func(writer string, seq uint64) []byte {
		f := &sealedFile{Kind: kindSegment, Team: s.team, Writer: writer, Seq: seq, Epoch: ep.Name}
		data, err := seal(f, segmentBody{Roster: []rosterEntry{{Device: rogue.me, Fingerprint: rogue.Fingerprint(), Status: StatusAccepted}}},
			rid.Signing, id.Recipient())
		mustOK(t, err)
		return data
	}
	mustOK(t, os.MkdirAll(p.a.abs(logDirName(rogue.me)), 0o755))
	mustOK(t, os.WriteFile(p.a.abs(segmentPath(rogue.me, 1)), forge(rogue.me, 1), 0o644))
	mustOK(t, os.WriteFile(p.a.abs(segmentPath(p.a.me, 5)), forge(p.a.me, 5), 0o644))
	rep := mustSync(t, p.b)
	if !hasCode(skipped(rep, "log/"+rogue.me), "unknown-writer") {
		t.Fatalf("rogue's own segment not refused: %+v", rep.Skipped)
	}
	if !hasCode(skipped(rep, "log/"+p.a.me+"/00000005"), "bad-signature") {
		t.Fatalf("segment forged as a member's not refused: %+v", rep.Skipped)
	}
	ms, _ := p.b.Members()
	for _, m := range ms {
		if m.Device == rogue.me && m.Status != StatusPending {
			t.Fatalf("the rogue became %s", m.Status)
		}
	}
}

func TestFolderVanishingIsNotFatal(t *testing.T) {
	p := newPair(t)
	root := filepath.Join(p.folder, Root)
	moved := p.folder + "-away"
	mustOK(t, os.Rename(p.folder, moved))
	if _, err := p.b.Sync(); !errors.Is(err, ErrFolderUnavailable) {
		t.Fatalf("sync without its folder: %v", err)
	}
	mustOK(t, os.Rename(moved, p.folder))
	// Only log/ vanishes (an unmounted sub-share): reported, not fatal.
	mustOK(t, os.Rename(filepath.Join(root, dirLog), filepath.Join(root, "log-away")))
	rep := mustSync(t, p.b)
	if !hasCode(skipped(rep, "log/"), "folder") {
		t.Fatalf("missing log/ not reported: %+v", rep.Skipped)
	}
	mustOK(t, os.RemoveAll(filepath.Join(root, dirLog)))
	mustOK(t, os.Rename(filepath.Join(root, "log-away"), filepath.Join(root, dirLog)))
	mustSync(t, p.b)
	if p.cases(t) != 3 {
		t.Fatal("b did not catch up once the folder came back")
	}
}
