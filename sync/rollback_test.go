package sync

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"casefile/store"
)

// Removal and rollback that a folder admin or a removed member cannot
// defeat (docs/security.md, "The shared folder").

// byDevice sorts teams by device id: the order in which a sync lists the
// folder's log directories.
func byDevice(teams []*Team) []*Team {
	out := append([]*Team(nil), teams...)
	sort.Slice(out, func(i, j int) bool { return out[i].me < out[j].me })
	return out
}

func caseRefs(t *testing.T, v *store.Vault) map[string]bool {
	t.Helper()
	list, err := v.ListCases()
	mustOK(t, err)
	out := map[string]bool{}
	for _, c := range list {
		out[c.Ref] = true
	}
	return out
}

// A member removed by a colleague keeps writing; a third member receives
// the removal and the segment written after it in the same sync. The
// removal wins whatever order the folder lists them in.
func TestRemovalAppliesBeforeTheLogs(t *testing.T) {
	_, _, teams := newTeamOf(t, 3)
	syncAll(t, teams, 2)
	sorted := byDevice(teams)
	// The removed member's directory is listed first, the remover's last.
	removed, third, remover := sorted[0], sorted[1], sorted[2]
	mustOK(t, remover.Remove(removed.me))
	mustSync(t, remover)
	// Not having heard of it (the new epoch is closed to it), the
	// removed member publishes a case.
	late := addCases(t, removed.v, 1, 31)
	mustSync(t, removed)
	rep := mustSync(t, third)
	if caseRefs(t, third.v)[late[0]] {
		t.Fatal("a segment written after the removal was applied")
	}
	if !hasCode(skipped(rep, "log/"+removed.me), "after-removal") {
		t.Fatalf("not reported as written after the removal: %+v", rep.Skipped)
	}
	if status(t, third, removed.me) != StatusRemoved {
		t.Fatal("the third member did not learn the removal")
	}
	for _, tm := range teams {
		mustCheck(t, tm.v)
	}
}

// A removed member rewinds its counter and rewrites one of its segments
// under the old epoch. A newcomer applies none of it and still gets what
// the removed member wrote before its removal; members who applied the
// original report the forgery.
func TestRewrittenSegmentOfARemovedMember(t *testing.T) {
	folder, vaults, teams := newTeamOf(t, 3)
	a, b, c := teams[0], teams[1], teams[2]
	syncAll(t, teams, 1)
	first := addCases(t, vaults[2], 1, 41)
	mustSync(t, c)
	second := addCases(t, vaults[2], 1, 42)
	mustSync(t, c)
	syncAll(t, teams, 2)
	firstSeg := ""
	s, err := loadState(vaults[0])
	mustOK(t, err)
	for k := range s.applied {
		if strings.HasPrefix(k, c.me+"/") && (firstSeg == "" || k < firstSeg) {
			firstSeg = k
		}
	}
	mustOK(t, a.Remove(c.me))
	syncAll(t, []*Team{a, b}, 2)

	// c rewinds: its next segment takes the number of its first one.
	var seq uint64
	_, n, _ := strings.Cut(firstSeg, "/")
	_, err = fmt.Sscan(n, &seq)
	mustOK(t, err)
	mustOK(t, vaults[2].SetSyncState(map[string][]byte{"seq": []byte(strconv.FormatUint(seq-1, 10))}))
	forged := addCases(t, vaults[2], 1, 43)
	mustSync(t, c)
	if st, err := os.Stat(filepath.Join(folder, Root, dirLog, c.me, segmentName(seq))); err != nil || st.Size() == 0 {
		t.Fatalf("the rewind wrote nothing: %v", err)
	}

	dv := newVault(t)
	d, err := Join(dv, folder, "Me Awa Diallo")
	mustOK(t, err)
	mustOK(t, a.Accept(d.me, d.Fingerprint()))
	mustOK(t, d.Accept(a.me, a.Fingerprint()))
	syncAll(t, []*Team{a, d}, 2)
	got := caseRefs(t, dv)
	if got[forged[0]] {
		t.Fatal("the newcomer applied a segment the removed member rewrote")
	}
	if !got[first[0]] || !got[second[0]] {
		t.Fatalf("the newcomer lacks what the removed member wrote before its removal: %v", got)
	}
	rep := mustSync(t, b)
	if !hasCode(skipped(rep, "log/"+c.me+"/"+segmentName(seq)), "forged") {
		t.Fatalf("b did not report the rewritten segment: %+v", rep.Skipped)
	}
	if caseRefs(t, vaults[1])[forged[0]] {
		t.Fatal("b applied the rewritten segment")
	}
	for _, v := range []*store.Vault{vaults[0], vaults[1], dv} {
		mustCheck(t, v)
	}
}

// Records of segments applied by an older version (an empty value) get
// the content hash of the segment at the next sync.
func TestAppliedSetMigrates(t *testing.T) {
	p := newPair(t)
	mustSync(t, p.b)
	legacy := map[string][]byte{}
	mustOK(t, p.vb.ScanSyncState("applied/", func(name string, _ []byte) error {
		legacy[name] = []byte{}
		return nil
	}))
	if len(legacy) == 0 {
		t.Fatal("b applied nothing")
	}
	mustOK(t, p.vb.SetSyncState(legacy))
	mustSync(t, p.b)
	mustOK(t, p.vb.ScanSyncState("applied/", func(name string, val []byte) error {
		var r struct {
			Hash string `json:"h"`
		}
		if err := json.Unmarshal(val, &r); err != nil || len(r.Hash) != 64 {
			t.Fatalf("%s not migrated: %q", name, val)
		}
		return nil
	}))
	mustCheck(t, p.vb)
}

// A member's segment deleted from the folder: the newest one (no later
// segment proves it missing) and one in the middle (a later one does, and
// readers report it). The writer republishes both from its own log.
func TestDeletedSegmentsAreRepublished(t *testing.T) {
	p := newPair(t)
	mustSync(t, p.b)
	newest := func() string {
		s, err := loadState(p.va)
		mustOK(t, err)
		return p.a.abs(segmentPath(p.a.me, s.seq))
	}

	y := addCases(t, p.va, 1, 51)
	mustSync(t, p.a)
	mustOK(t, os.Remove(newest()))
	mustSync(t, p.b)
	mustSync(t, p.a) // nothing new: it notices its own file is gone
	mustSync(t, p.b)
	if !caseRefs(t, p.vb)[y[0]] {
		t.Fatal("the edit of a deleted newest segment never reached b")
	}

	z := addCases(t, p.va, 1, 52)
	mustSync(t, p.a)
	middle := newest()
	addCases(t, p.va, 1, 53)
	mustSync(t, p.a)
	mustOK(t, os.Remove(middle))
	rep := mustSync(t, p.b)
	if !hasCode(skipped(rep, rel(p, middle)), "missing") {
		t.Fatalf("the gap was not reported: %+v", rep.Skipped)
	}
	mustSync(t, p.a)
	rep = mustSync(t, p.b)
	if !caseRefs(t, p.vb)[z[0]] {
		t.Fatal("the edit of a deleted segment never reached b")
	}
	if hasCode(skipped(rep, "log/"), "missing") {
		t.Fatalf("still a gap once republished: %+v", rep.Skipped)
	}
	mustCheck(t, p.va)
	mustCheck(t, p.vb)
	if snapshot(t, p.va) != snapshot(t, p.vb) {
		t.Fatal("a and b differ")
	}
}
