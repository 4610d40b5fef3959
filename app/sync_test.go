package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	teamsync "casefile/sync"
)

// A member accepts a pending newcomer from the Team & sync screen after
// typing the fingerprint it reads out, then syncs.
func TestTeamScreenAcceptsANewcomerAndSyncs(t *testing.T) {
	wait := waiter(t)
	alice, _ := unlockedApp(t, 2)
	bob, _ := unlockedApp(t, 1)
	folder := t.TempDir()
	if _, err := teamsync.Create(alice.Vault(), folder, "Me Claire Fontaine"); err != nil {
		t.Fatal(err)
	}
	bt, err := teamsync.Join(bob.Vault(), folder, "Me Jules Martin")
	if err != nil {
		t.Fatal(err)
	}
	alice.showTeam()
	wait()
	overlayLabel := func(part string) *widget.Label {
		t.Helper()
		for _, l := range inOverlays[*widget.Label](t, alice.win) {
			if strings.Contains(l.Text, part) {
				return l
			}
		}
		t.Fatalf("no label with %q", part)
		return nil
	}
	overlayButtons := func(text string) []*widget.Button {
		var out []*widget.Button
		for _, b := range inOverlays[*widget.Button](t, alice.win) {
			if b.Text == text {
				out = append(out, b)
			}
		}
		return out
	}
	overlayLabel(bt.Fingerprint())
	overlayLabel("waiting to be accepted")
	test.Tap(overlayButtons("Accept…")[0])
	entries := inOverlays[*widget.Entry](t, alice.win)
	test.Type(entries[len(entries)-1], bt.Fingerprint())
	accept := overlayButtons("Accept…")
	test.Tap(accept[len(accept)-1]) // the form's button
	wait()                          // accept
	wait()                          // the screen reloads
	ms, err := bt.Members()
	if err != nil {
		t.Fatal(err)
	}
	tm, _ := teamsync.Open(alice.Vault())
	ams, _ := tm.Members()
	accepted := false
	for _, m := range ams {
		if m.Device == bt.Device() && m.Status == teamsync.StatusAccepted {
			accepted = true
		}
	}
	if !accepted || len(ms) == 0 {
		t.Fatalf("newcomer not accepted: %+v", ams)
	}
	syncs := overlayButtons("Sync now")
	test.Tap(syncs[len(syncs)-1])
	wait()
	overlayLabel("Published")
}
