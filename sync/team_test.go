package sync

import (
	"errors"
	"testing"
)

func TestTeamSyncConverges(t *testing.T) {
	_, vaults, teams := newTeamOf(t, 3)
	for i, v := range vaults {
		addCases(t, v, 4, int64(i+1))
	}
	syncAll(t, teams, 2)
	want := snapshot(t, vaults[0])
	for i, v := range vaults {
		mustCheck(t, v)
		if snapshot(t, v) != want {
			t.Fatalf("vault %d differs after sync", i)
		}
		list, _ := v.ListCases()
		if len(list) != 12 {
			t.Fatalf("vault %d has %d cases, want 12", i, len(list))
		}
	}
	// Nothing new: a sync pushes and applies nothing.
	rep := mustSync(t, teams[1])
	if rep.PushedSegments != 0 || rep.Applied != 0 || len(rep.Skipped) != 0 {
		t.Fatalf("idle sync did something: %+v", rep)
	}
}

func TestMembersLearnEachOtherThroughTheRoster(t *testing.T) {
	_, _, teams := newTeamOf(t, 3)
	syncAll(t, teams, 2)
	// teams[1] and teams[2] never accepted each other: the creator's
	// roster told them.
	ms, err := teams[1].Members()
	mustOK(t, err)
	n := 0
	for _, m := range ms {
		if m.Status == StatusAccepted {
			n++
		}
	}
	if n != 3 {
		t.Fatalf("member 1 sees %d accepted members, want 3: %+v", n, ms)
	}
}

func TestAcceptChecksTheFingerprint(t *testing.T) {
	folder, _, teams := newTeamOf(t, 1)
	nv := newVault(t)
	nt, err := Join(nv, folder, "Newcomer")
	mustOK(t, err)
	ms, err := teams[0].Members()
	mustOK(t, err)
	pending := 0
	for _, m := range ms {
		if m.Status == StatusPending && m.Device == nt.Device() {
			pending++
		}
	}
	if pending != 1 {
		t.Fatalf("newcomer not listed as pending: %+v", ms)
	}
	if err := teams[0].Accept(nt.Device(), teams[0].Fingerprint()); !errors.Is(err, ErrFingerprintMismatch) {
		t.Fatalf("accept with a wrong fingerprint: %v", err)
	}
	if err := teams[0].Accept(nt.Device(), nt.Fingerprint()); err != nil {
		t.Fatal(err)
	}
	// Until the newcomer accepts a member, it trusts no team key.
	rep := mustSync(t, nt)
	if !rep.Waiting {
		t.Fatalf("newcomer not waiting: %+v", rep)
	}
	mustOK(t, nt.Accept(teams[0].Device(), teams[0].Fingerprint()))
	if rep := mustSync(t, nt); rep.Waiting || rep.PushedSegments == 0 {
		t.Fatalf("newcomer still waiting after accepting the creator: %+v", rep)
	}
}
