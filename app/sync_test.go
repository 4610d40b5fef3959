package app

import (
	"encoding/json"
	"flag"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/store"
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

var syncShots = flag.String("sync-screenshots", "", "write the Team & sync screenshots (team-sync-<lang>.png) to this directory")

// Two members edit the same field of a case between two syncs: the screen
// lists the collision to review. With -sync-screenshots DIR it also
// writes the screen, with a pending newcomer, as DIR/team-sync-<lang>.png.
func TestTeamScreenListsCollisions(t *testing.T) {
	wait := waiter(t)
	alice, _ := unlockedApp(t, 2)
	bob, _ := unlockedApp(t, 0)
	folder := t.TempDir()
	mustOK0 := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	mustOK0(alice.Vault().SetAuthor("Me Claire Fontaine"))
	mustOK0(bob.Vault().SetAuthor("Me Jules Martin"))
	at, err := teamsync.Create(alice.Vault(), folder, "Me Claire Fontaine")
	if err != nil {
		t.Fatal(err)
	}
	bt, err := teamsync.Join(bob.Vault(), folder, "Me Jules Martin")
	if err != nil {
		t.Fatal(err)
	}
	mustOK := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	mustOK(at.Accept(bt.Device(), bt.Fingerprint()))
	mustOK(bt.Accept(at.Device(), at.Fingerprint()))
	for _, tm := range []*teamsync.Team{at, bt, at} {
		_, err := tm.Sync()
		mustOK(err)
	}
	list, err := alice.Vault().ListCases()
	mustOK(err)
	ref := list[0].Ref
	_, err = alice.Vault().SetCaseFields(ref, map[string]string{"prefecture": "Préfecture A (test)"})
	mustOK(err)
	_, err = bob.Vault().SetCaseFields(ref, map[string]string{"prefecture": "Préfecture B (test)"})
	mustOK(err)
	for _, tm := range []*teamsync.Team{at, bt, at} {
		_, err := tm.Sync()
		mustOK(err)
	}
	// A newcomer waits to be accepted.
	nv, err := store.Create(filepath.Join(t.TempDir(), "n"), pass)
	mustOK(err)
	defer nv.Vault.Close()
	_, err = teamsync.Join(nv.Vault, folder, "Me Inès Haddad")
	mustOK(err)

	alice.win.Resize(fyne.NewSize(1000, 820))
	alice.showTeam()
	wait()
	found := false
	for _, l := range inOverlays[*widget.Label](t, alice.win) {
		if strings.Contains(l.Text, ref) && strings.Contains(l.Text, "Préfecture B (test)") && strings.Contains(l.Text, "Préfecture A (test)") {
			found = true
		}
	}
	if !found {
		q, err := alice.Vault().AllCollisions()
		var texts []string
		for _, l := range inOverlays[*widget.Label](t, alice.win) {
			texts = append(texts, l.Text)
		}
		t.Fatalf("the collision is not listed: %+v %v %q", q, err, texts)
	}
	if *syncShots != "" {
		img := alice.win.Canvas().Capture()
		f, err := os.Create(filepath.Join(*syncShots, "team-sync-"+i18n.Lang()+".png"))
		mustOK(err)
		defer f.Close()
		mustOK(png.Encode(f, img))
	}

	// The lawyer takes the value that lost: the queue empties.
	q, err := alice.Vault().AllCollisions()
	mustOK(err)
	var lost string
	mustOK(json.Unmarshal(q[0].Lost, &lost))
	for _, b := range inOverlays[*widget.Button](t, alice.win) {
		if b.Text == i18n.T("app.sync.take") {
			test.Tap(b)
			break
		}
	}
	wait() // resolve
	wait() // the screen reloads
	if q, err := alice.Vault().AllCollisions(); err != nil || len(q) != 0 {
		t.Fatalf("queue after resolving: %+v %v", q, err)
	}
	if f, _ := alice.Vault().Case(ref); f.Prefecture != lost {
		t.Fatalf("prefecture %q after taking the other value", f.Prefecture)
	}

	// Bob's laptop has the collision too: the case list's sync indicator
	// says so, the case shows it at the top, and "Keep" settles it there.
	bob.showCaseList()
	if ind := bob.list.sync; ind.Hidden || !strings.Contains(ind.Text, i18n.TPlural("app.list.sync_collisions", 1)) {
		t.Errorf("sync indicator %q (hidden %v)", ind.Text, ind.Hidden)
	}
	bob.showCaseForm(ref)
	var banner *widget.Label
	for _, l := range allOf[*widget.Label](t, bob.win) {
		if strings.Contains(l.Text, "Préfecture B (test)") && strings.Contains(l.Text, "Préfecture A (test)") {
			banner = l
		}
	}
	if banner == nil {
		t.Fatal("the case screen does not show its collision")
	}
	if *syncShots != "" {
		bob.win.Resize(fyne.NewSize(1024, 700))
		for o := bob.win.Canvas().Overlays().Top(); o != nil; o = bob.win.Canvas().Overlays().Top() {
			bob.win.Canvas().Overlays().Remove(o) // the backup reminder of its unlock
		}
		f, err := os.Create(filepath.Join(*syncShots, "case-collision-"+i18n.Lang()+".png"))
		mustOK(err)
		defer f.Close()
		mustOK(png.Encode(f, bob.win.Canvas().Capture()))
	}
	for _, b := range allOf[*widget.Button](t, bob.win) {
		if b.Text == i18n.T("app.sync.keep") {
			test.Tap(b)
			break
		}
	}
	wait()
	if cs, err := bob.Vault().Collisions(ref); err != nil || len(cs) != 0 {
		t.Fatalf("collisions after Keep on the case: %+v %v", cs, err)
	}
	for _, l := range allOf[*widget.Label](t, bob.win) {
		if strings.Contains(l.Text, "Préfecture B (test)") && strings.Contains(l.Text, "Préfecture A (test)") {
			t.Error("the case still shows the settled collision")
		}
	}
}
