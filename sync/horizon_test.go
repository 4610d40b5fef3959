package sync

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"casefile/model"
	"casefile/store"
)

// prefecture reads a case's prefecture in v.
func prefecture(t *testing.T, v *store.Vault, ref string) string {
	t.Helper()
	f, err := v.Case(ref)
	mustOK(t, err)
	return f.Case.Prefecture
}

// TestClockHorizon: a member's segment carrying an operation stamped in
// the year 2100 was applied (only counted as flagged): the value then
// outranked every later edit of the field, on every device. The entry is
// refused now and the segment reported with its reason, at every sync
// until the clocks agree; the other entries of the same segment apply,
// and `casefile check` stays clean.
func TestClockHorizon(t *testing.T) {
	p := newPair(t)
	mustSync(t, p.b)
	list, err := p.va.ListCases()
	mustOK(t, err)
	ref := list[0].Ref
	before := prefecture(t, p.vb, ref)

	// One segment of a's: a new case at the right time, then an edit
	// made while a's clock read 2100.
	addCases(t, p.va, 1, 77)
	p.va.SetClockForTests(func() time.Time { return time.Date(2100, 3, 1, 9, 0, 0, 0, time.UTC) })
	_, err = p.va.SetCaseFields(ref, map[string]string{"prefecture": "Rhône (Lyon)"})
	mustOK(t, err)
	p.va.SetClockForTests(time.Now)
	if rep := mustSync(t, p.a); rep.PushedSegments != 1 {
		t.Fatalf("a pushed %d segments, want the two changes in one", rep.PushedSegments)
	}
	seg := segmentPath(p.a.me, 2)

	for round := 1; round <= 2; round++ {
		rep := mustSync(t, p.b)
		if !hasCode(skipped(rep, seg), "future-clock") || rep.FutureClocks != 1 {
			t.Fatalf("round %d: %s not reported as future-clock: %d refused, %+v", round, seg, rep.FutureClocks, rep.Skipped)
		}
		if got := prefecture(t, p.vb, ref); got != before {
			t.Fatalf("round %d: the 2100 edit was applied: %q", round, got)
		}
		if got := p.cases(t); got != 4 {
			t.Fatalf("round %d: b holds %d cases, want the new one of the same segment too", round, got)
		}
		mustCheck(t, p.vb)
	}
	// b's own edits keep the real time and reach a.
	_, err = p.vb.SetCaseFields(list[1].Ref, map[string]string{"prefecture": "Isère (Grenoble)"})
	mustOK(t, err)
	mustSync(t, p.b)
	mustSync(t, p.a)
	if got := prefecture(t, p.va, list[1].Ref); got != "Isère (Grenoble)" {
		t.Fatalf("b's edit did not reach a: %q", got)
	}
	mustCheck(t, p.va)
}

// TestMemberNamesWithControlsRefused: a member file whose display name
// carries terminal escapes (an OSC title change, a colour) is refused and
// reported, whether it is a newcomer's or the file of a member known
// through a colleague's roster; the team list never shows the name.
func TestMemberNamesWithControlsRefused(t *testing.T) {
	const hostile = "Mallory\x1b]0;pwned\x07\x1b[31m"
	folder, vaults, teams := newTeamOf(t, 3)
	a, b, c := teams[0], teams[1], teams[2]
	_ = vaults

	// c's file is rewritten (same key, hostile name) before b reads it.
	rewriteName(t, a.abs(memberName(c.me)), hostile)
	mustSync(t, a)
	rep := mustSync(t, b)
	if !hasCode(skipped(rep, memberName(c.me)), "bad-name") {
		t.Fatalf("member file of a roster member with a hostile name not reported: %+v", rep.Skipped)
	}

	// A newcomer whose own file names it so.
	rogue, err := Join(newVault(t), folder, hostile)
	mustOK(t, err)
	rep = mustSync(t, a)
	if !hasCode(skipped(rep, memberName(rogue.me)), "bad-name") {
		t.Fatalf("newcomer with a hostile name not reported: %+v", rep.Skipped)
	}
	ms, err := a.Members()
	mustOK(t, err)
	for _, m := range ms {
		if m.Device == rogue.me || model.HasControl(m.Name) {
			t.Fatalf("listed: %+v", m)
		}
	}
	if err := a.Accept(rogue.me, rogue.Fingerprint()); !errors.Is(err, ErrBadName) {
		t.Fatalf("accepting a hostile name: %v", err)
	}
}

func rewriteName(t *testing.T, path, name string) {
	t.Helper()
	b, err := os.ReadFile(path)
	mustOK(t, err)
	var mf memberFile
	mustOK(t, json.Unmarshal(b, &mf))
	mf.Name = name
	b, _ = json.Marshal(mf)
	mustOK(t, os.WriteFile(path, b, 0o644))
}

// TestDocumentNameCleanedThroughSync: a segment, signed by a member (a
// laptop running altered code), renames a document "../../../../tmp/x.pdf";
// the receiving device stores and lists it as "x.pdf" (model.
// CleanDocumentName), and check stays clean.
func TestDocumentNameCleanedThroughSync(t *testing.T) {
	p := newPair(t)
	list, err := p.va.ListCases()
	mustOK(t, err)
	f, err := p.va.Case(list[0].Ref)
	mustOK(t, err)
	d, err := p.va.AddDocument(f.ID, "titre.pdf", strings.NewReader("%PDF-1.4 fictif"))
	mustOK(t, err)
	mustSync(t, p.a)
	mustSync(t, p.b)
	mustSync(t, p.b)
	if _, err := p.vb.Document(d.ID); err != nil {
		t.Fatalf("document did not arrive: %v", err)
	}

	// a's next segment, sealed and signed with a's own keys.
	s, err := loadState(p.va)
	mustOK(t, err)
	ep := s.current()
	id, err := ep.identity()
	mustOK(t, err)
	ida, err := p.va.Identity()
	mustOK(t, err)
	seq := uint64(1)
	for {
		if _, err := os.Stat(p.a.abs(segmentPath(p.a.me, seq+1))); err != nil {
			break
		}
		seq++
	}
	name, _ := json.Marshal("../../../../tmp/x.pdf")
	ch := store.ExportChange{HLC: model.HLCAt(time.Now()), Device: p.a.me, Author: "Me Claire Fontaine",
		Ops: []store.Op{{Entity: store.KindDocument, ID: d.ID, Field: "name", Value: name}}}
	sf := &sealedFile{Kind: kindSegment, Team: s.team, Writer: p.a.me, Seq: seq + 1, Epoch: ep.Name}
	data, err := seal(sf, segmentBody{Changes: []store.ExportChange{ch}, Roster: s.rosterOf(), Prev: seq}, ida.Signing, id.Recipient())
	mustOK(t, err)
	mustOK(t, os.WriteFile(p.a.abs(segmentPath(p.a.me, seq+1)), data, 0o644))

	rep := mustSync(t, p.b)
	if len(skipped(rep, segmentPath(p.a.me, seq+1))) != 0 {
		t.Fatalf("segment skipped: %+v", rep.Skipped)
	}
	got, err := p.vb.Document(d.ID)
	mustOK(t, err)
	if got.Name != "x.pdf" {
		t.Fatalf("document renamed by sync to %q", got.Name)
	}
	mustCheck(t, p.vb)
}
