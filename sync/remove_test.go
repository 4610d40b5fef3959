package sync

import (
	"slices"
	"testing"
)

func status(t *testing.T, tm *Team, device string) Status {
	t.Helper()
	ms, err := tm.Members()
	mustOK(t, err)
	for _, m := range ms {
		if m.Device == device {
			return m.Status
		}
	}
	return ""
}

func currentEpoch(t *testing.T, tm *Team) *epochState {
	t.Helper()
	s, err := loadState(tm.v)
	mustOK(t, err)
	return s.current()
}

func TestRemovedMemberReadsNothingNew(t *testing.T) {
	_, vaults, teams := newTeamOf(t, 3)
	a, b, c := teams[0], teams[1], teams[2]
	syncAll(t, teams, 2)
	old := currentEpoch(t, c)
	mustOK(t, a.Remove(c.me))
	syncAll(t, []*Team{a, b}, 2)
	if status(t, b, c.me) != StatusRemoved {
		t.Fatal("b did not learn the removal")
	}
	if e := currentEpoch(t, b); e.Name == old.Name || !slices.Contains(e.Excludes, c.me) {
		t.Fatalf("b still writes under %s", e.Name)
	}
	// b writes after the removal: c cannot read it.
	addCases(t, vaults[1], 1, 41)
	mustSync(t, b)
	rep := mustSync(t, c)
	if !hasCode(skipped(rep, "log/"+b.me), "unreadable") {
		t.Fatalf("c read what b wrote after the removal: %+v", rep.Skipped)
	}
	if currentEpoch(t, c).Name != old.Name {
		t.Fatal("c got the new epoch's key")
	}
	// What c writes after its removal is refused.
	addCases(t, vaults[2], 1, 42)
	mustSync(t, c)
	rep = mustSync(t, b)
	if !hasCode(skipped(rep, "log/"+c.me), "after-removal") {
		t.Fatalf("b accepted c's segment written after removal: %+v", rep.Skipped)
	}
	list, _ := vaults[1].ListCases()
	if len(list) != 1 {
		t.Fatalf("b holds %d cases, want only its own", len(list))
	}
	if err := a.Accept(c.me, c.Fingerprint()); err != ErrMemberRemoved {
		t.Fatalf("re-accepting a removed device: %v", err)
	}
}

// Two members each remove someone before hearing of the other's removal.
// Both removals hold, and everyone left ends on one epoch that excludes
// both removed members.
func TestConcurrentRemovals(t *testing.T) {
	_, _, teams := newTeamOf(t, 4)
	a, b, c, d := teams[0], teams[1], teams[2], teams[3]
	syncAll(t, teams, 2)
	mustOK(t, a.Remove(c.me))
	mustOK(t, b.Remove(d.me))
	syncAll(t, []*Team{a, b}, 3)
	for _, tm := range []*Team{a, b} {
		if status(t, tm, c.me) != StatusRemoved || status(t, tm, d.me) != StatusRemoved {
			t.Fatal("a removal was lost")
		}
	}
	ea, eb := currentEpoch(t, a), currentEpoch(t, b)
	if ea.Name != eb.Name || ea.Secret != eb.Secret {
		t.Fatalf("a writes under %s, b under %s", ea.Name, eb.Name)
	}
	if !slices.Contains(ea.Excludes, c.me) || !slices.Contains(ea.Excludes, d.me) {
		t.Fatalf("epoch %s does not exclude both removed members", ea.Name)
	}
	syncAll(t, []*Team{c, d}, 1)
	for _, tm := range []*Team{c, d} {
		if currentEpoch(t, tm).Name == ea.Name {
			t.Fatal("a removed member holds the final epoch")
		}
	}
}
