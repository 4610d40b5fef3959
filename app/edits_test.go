package app

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"casefile/crypto"
	"casefile/fakeclinic"
	"casefile/i18n"
	"casefile/internal/atrest"
	"casefile/model"
	"casefile/store"
)

// searchSettled waits until the index is built and holds every change
// committed so far (the vault's case feed delivered, its updates applied).
func searchSettled(t *testing.T, a *App) {
	t.Helper()
	waitIndex(t, a)
	if v := a.Vault(); v != nil {
		v.SyncFeed()
	}
	a.search.apply.Lock()
	a.search.apply.Unlock() //nolint:staticcheck // waits for an update in flight
}

// inDialog finds a label holding part in the window's dialogs.
func inDialog(t *testing.T, w fyne.Window, part string) *widget.Label {
	t.Helper()
	for _, l := range inOverlays[*widget.Label](t, w) {
		if strings.Contains(l.Text, part) {
			return l
		}
	}
	t.Fatalf("no dialog says %q", part)
	return nil
}

// overlayButton is the button labelled text in the window's top overlay.
func overlayButton(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog shown (looking for %q)", text)
	}
	for _, b := range objectsIn[*widget.Button](t, top) {
		if b.Text == text {
			return b
		}
	}
	t.Fatalf("no button %q in the dialog", text)
	return nil
}

func selectTab(t *testing.T, w fyne.Window, i int) {
	find(t, w, func(*container.AppTabs) bool { return true }).SelectIndex(i)
}

// A case form opened before a colleague's change saves only what the user
// changed there: the colleague's value stays. The same field changed on
// both sides keeps both, as a collision the case shows and the vault's
// queue lists.
func TestCaseFormKeepsAChangeMadeMeanwhile(t *testing.T) {
	a, v, files := listApp(t, 1)
	w := a.Window()
	ref := files[0].Ref
	a.showCaseForm(ref)
	if _, err := v.SetCaseFields(ref, map[string]string{"prefecture": "Isère (Grenoble)", "person.phone": "0611223344"}); err != nil {
		t.Fatal(err)
	}
	selectTab(t, w, 1)
	entryAfter(t, w, "Lawyer").SetText("Me Lise Martin")
	test.Tap(button(t, w, "Save"))
	got, err := v.Case(ref)
	if err != nil {
		t.Fatal(err)
	}
	if got.Prefecture != "Isère (Grenoble)" || got.Person.Phone != "0611223344" {
		t.Fatalf("the change made meanwhile was undone: prefecture %q, phone %q", got.Prefecture, got.Person.Phone)
	}
	if got.Lawyer != "Me Lise Martin" {
		t.Fatalf("the user's change was not saved: lawyer %q", got.Lawyer)
	}
	label(t, w, "Cases: 1") // nothing collided: back to the list

	// The same field, on both sides.
	a.showCaseForm(ref)
	if _, err := v.SetCaseFields(ref, map[string]string{"prefecture": "Rhône (Lyon)"}); err != nil {
		t.Fatal(err)
	}
	selectTab(t, w, 1)
	entryAfter(t, w, "Prefecture").SetText("Gironde (Bordeaux)")
	test.Tap(button(t, w, "Save"))
	if got, _ := v.Case(ref); got.Prefecture != "Gironde (Bordeaux)" {
		t.Fatalf("prefecture %q after save", got.Prefecture)
	}
	q, err := v.AllCollisions()
	if err != nil || len(q) != 1 || q[0].CaseRef != ref || string(q[0].Lost) != `"Rhône (Lyon)"` {
		t.Fatalf("collision queue: %+v %v", q, err)
	}
	inDialog(t, w, "Since you opened this case, someone else changed: Prefecture")
	label(t, w, "Rhône (Lyon)") // the case's banner, with Keep / Use the other
	button(t, w, i18n.T("app.sync.take"))
}

// An event correction dialog opened before a colleague's change saves only
// the fields it changed.
func TestEventCorrectionKeepsAChangeMadeMeanwhile(t *testing.T) {
	a, v, files := listApp(t, 1)
	w := a.Window()
	caseID := files[0].ID
	day, _ := model.ParseDate("2026-11-02")
	e := model.Event{CaseID: caseID, Kind: model.EventDecisionNotified, Date: day,
		Decision: model.DecisionRemovalOrder, Situation: model.SituationFree}
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	a.showCaseFormTab(caseID, 2)
	test.Tap(button(t, w, "Correct"))
	other, _ := v.Event(e.ID)
	other.Note = "remise en main propre"
	if err := v.UpdateEvent(other); err != nil { // another screen, meanwhile
		t.Fatal(err)
	}
	entries := objectsIn[*appEntry](t, w.Canvas().Overlays().Top())
	entries[2].SetText("TA de Lyon") // court
	test.Tap(overlayButton(t, w, "Save the correction"))
	got, err := v.Event(e.ID)
	if err != nil || got.Court != "TA de Lyon" || got.Note != "remise en main propre" {
		t.Fatalf("event after the correction: %+v %v", got, err)
	}
}

// Cancel with unsaved changes asks before discarding them; without
// changes it just goes back. Ctrl+S saves.
func TestCancelAsksAndCtrlSSaves(t *testing.T) {
	a, v, files := listApp(t, 1)
	w := a.Window()
	ref := files[0].Ref
	a.showCaseForm(ref)
	before := w.Canvas().Overlays().Top()
	test.Tap(button(t, w, "Cancel"))
	label(t, w, "Cases: 1")
	if w.Canvas().Overlays().Top() != before {
		t.Fatal("asked although nothing changed")
	}

	a.showCaseForm(ref)
	phone := entryAfter(t, w, "Phone")
	phone.SetText("0799887766")
	test.Tap(button(t, w, "Cancel"))
	inDialog(t, w, "You have changes in this case that are not saved. Discard them?")
	test.Tap(overlayButton(t, w, "Keep editing"))
	if phone.Text != "0799887766" || a.activeForm() == nil {
		t.Fatal("keep editing lost the form")
	}
	test.Tap(button(t, w, "Cancel"))
	test.Tap(overlayButton(t, w, "Discard my changes"))
	label(t, w, "Cases: 1")
	if got, _ := v.Case(ref); got.Person.Phone == "0799887766" {
		t.Fatal("discarded changes were saved")
	}

	// A note typed and not added counts as unsaved too.
	a.showCaseForm(ref)
	a.form.note.SetText("à rappeler")
	a.leaveForm(a.showCaseList)
	overlayButton(t, w, "Discard my changes")

	a.showCaseForm(ref)
	phone = entryAfter(t, w, "Phone")
	phone.SetText("0611000000")
	phone.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault})
	if got, _ := v.Case(ref); got.Person.Phone != "0611000000" {
		t.Fatalf("Ctrl+S did not save: phone %q", got.Person.Phone)
	}
}

// Auto-lock shows a countdown that moving the mouse dismisses; when it
// runs out, the unsaved form is kept as a draft inside the vault, and the
// next unlock brings it back on its case, saying so. Meanwhile the draft
// is nowhere on disk in clear (scanned, the scan proven on a plain store).
func TestAutoLockKeepsTheDraftInTheVault(t *testing.T) {
	root := t.TempDir()
	for _, env := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "TMPDIR"} {
		dir := filepath.Join(root, strings.ToLower(env))
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		t.Setenv(env, dir)
	}
	wait := waiter(t)
	a, v, files := listApp(t, 1)
	w := a.Window()
	a.mu.Lock()
	close(a.stopIdle) // the app's own watcher: this test runs its own
	a.stopIdle = nil
	a.mu.Unlock()
	const tick = 5 * time.Millisecond
	a.fa.Preferences().SetInt(prefAutoLock, 15)

	const marker = "Qzxdraftmarker"
	ref := files[0].Ref
	a.showCaseForm(ref)
	entryAfter(t, w, "Family name").SetText(marker + "family")
	a.form.note.SetText(marker + " note en cours")
	selectTab(t, w, 4) // notes

	// The countdown: ten seconds left.
	a.lastActive.Store(time.Now().Add(-15*time.Minute + 10*time.Second).UnixNano())
	stop, done := make(chan struct{}), make(chan struct{})
	go func() { a.watchIdle(stop, tick); close(done) }()
	for i := 0; !a.warned.Load(); i++ {
		if i > 2000 {
			t.Fatal("no countdown before auto-lock")
		}
		time.Sleep(time.Millisecond)
	}
	close(stop)
	<-done
	warn, ok := w.Canvas().Overlays().Top().(*lockWarning)
	if !ok || !strings.HasPrefix(warn.count.Text, "Locking in ") {
		t.Fatalf("countdown overlay: %T %v", w.Canvas().Overlays().Top(), ok)
	}
	warn.MouseMoved(&desktop.MouseEvent{})
	if a.warned.Load() || w.Canvas().Overlays().Top() == fyne.CanvasObject(warn) || a.Vault() == nil {
		t.Fatal("moving the mouse did not dismiss the countdown")
	}
	if time.Since(time.Unix(0, a.lastActive.Load())) > time.Minute {
		t.Fatal("dismissing the countdown did not count as activity")
	}

	// Idle past the delay: locked, the form kept, no dialog left over
	// the unlock screen.
	dialog.ShowInformation("Dossier", "BEN SALAH Abdelkadir — entretien", w)
	draft, _ := json.Marshal(a.form.draft())
	a.lastActive.Store(time.Now().Add(-16 * time.Minute).UnixNano())
	a.watchIdle(make(chan struct{}), tick) // returns once it has locked
	if a.Vault() != nil {
		t.Fatal("not locked")
	}
	label(t, w, "Locked after inactivity")
	label(t, w, "Your unsaved changes are kept, encrypted inside the vault")
	if n := len(w.Canvas().Overlays().List()); n != 0 {
		t.Fatalf("%d dialog(s) left over the unlock screen", n)
	}

	if hits, err := atrest.Scan(root, []string{marker}); err != nil || len(hits) > 0 {
		t.Fatalf("the draft is on disk in clear: %v %v", hits, err)
	}
	// The scan is proven: the same draft in a store without encryption.
	plain := filepath.Join(root, "plain")
	db, err := badger.Open(badger.DefaultOptions(plain).WithLogger(nil).WithCompression(options.None))
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(txn *badger.Txn) error { return txn.Set([]byte("meta/draft/x"), draft) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if hits, _ := atrest.Scan(plain, []string{marker}); len(hits) == 0 {
		t.Fatal("the scan misses the draft in a plain store")
	}

	// Unlock: back on the case, the draft restored, and said so.
	pe := allEntries(t, w)[0]
	test.Type(pe, pass)
	test.Tap(button(t, w, "Unlock"))
	wait()
	f := a.activeForm()
	if f == nil || f.ref != ref {
		t.Fatalf("not back on case %s", ref)
	}
	if f.entries["person.family_name"].Text != marker+"family" || f.note.Text != marker+" note en cours" {
		t.Fatalf("draft not restored: %q, %q", f.entries["person.family_name"].Text, f.note.Text)
	}
	if f.tabs.SelectedIndex() != 4 {
		t.Fatalf("back on tab %d, not the notes", f.tabs.SelectedIndex())
	}
	label(t, w, "Your unsaved changes to case "+ref+" (Family name, Notes), kept inside the vault while it was locked, are back")
	inDialog(t, w, "Your unsaved changes to case "+ref)
	test.Tap(button(t, w, "Save"))
	v = a.Vault()
	got, _ := v.Case(ref)
	if got.Person.FamilyName != marker+"family" {
		t.Fatalf("restored draft not saved: %q", got.Person.FamilyName)
	}
	if notes, _ := v.Notes(got.ID); len(notes) == 0 || notes[len(notes)-1].Text != marker+" note en cours" {
		t.Fatalf("the note typed was not saved with the form: %+v", notes)
	}
	if _, _, ok, _ := v.Draft(); ok {
		t.Fatal("draft kept after saving")
	}
}

// Closing the window with unsaved changes asks; keeping them stores a
// draft in the vault.
func TestCloseWindowAsks(t *testing.T) {
	a, v, files := listApp(t, 1)
	w := a.Window()
	dir := v.Dir()
	a.showCaseForm(files[0].Ref)
	entryAfter(t, w, "Phone").SetText("0755443322")
	a.closeWindow()
	test.Tap(overlayButton(t, w, "Keep editing"))
	if a.Vault() == nil {
		t.Fatal("closed although the user kept editing")
	}
	a.closeWindow()
	test.Tap(overlayButton(t, w, "Keep as a draft and quit"))
	if a.Vault() != nil {
		t.Fatal("still unlocked after quitting")
	}
	v2, err := store.Open(dir, pass)
	if err != nil {
		t.Fatal(err)
	}
	defer v2.Close()
	id, raw, ok, err := v2.Draft()
	if err != nil || !ok || id != files[0].ID || !strings.Contains(string(raw), "0755443322") {
		t.Fatalf("draft after quitting: %q %s %v %v", id, raw, ok, err)
	}
}

// After "Save" on a new case the app stays on that case.
func TestNewCaseStaysOnScreen(t *testing.T) {
	a, v, _ := listApp(t, 0)
	w := a.Window()
	a.showCaseForm("")
	entryAfter(t, w, "Family name").SetText("Okafor")
	entryAfter(t, w, "Given names").SetText("Chidi")
	selectTab(t, w, 1)
	proc := find(t, w, func(s *widget.Select) bool { return len(s.Options) == len(model.Procedures) })
	proc.SetSelected(proc.Options[1])
	test.Tap(button(t, w, "Save"))
	list, _ := v.ListCases()
	if len(list) != 1 {
		t.Fatalf("%d cases", len(list))
	}
	f := a.activeForm()
	if f == nil || f.ref != list[0].Ref || f.dirty() {
		t.Fatal("not on the new case after saving it")
	}
	label(t, w, "Case "+list[0].Ref+" created. Next, record the decision that was notified")
	button(t, w, "Cancel") // its tabs are those of a saved case
	find(t, w, func(tabs *container.AppTabs) bool { return len(tabs.Items) > 2 })
}

// The search index and the conflict check follow the vault, whatever
// writes to it: a note added in the case screen, an imported bundle, sync,
// an erasure, and a vault restored from a backup.
func TestSearchFollowsTheVault(t *testing.T) {
	a, v, files := listApp(t, 2)
	w := a.Window()
	searchSettled(t, a)
	found := func(q, caseID string) bool {
		searchSettled(t, a)
		hits, _ := a.searchIndex().Search(q, 0)
		for _, h := range hits {
			if h.CaseID == caseID {
				return true
			}
		}
		return false
	}

	// A note added in the case screen.
	a.showCaseForm(files[0].Ref)
	selectTab(t, w, 4)
	a.form.note.SetText("audience Qelbimarker")
	test.Tap(button(t, w, "Add note"))
	if !found("qelbimarker", files[0].ID) {
		t.Fatal("a note added in the case screen is not searchable")
	}

	// A bundle's cases: the conflict check finds their people.
	other := newVaultWith(t, 1, 31)
	ofiles, _ := other.ListCases()
	ex, err := other.ExportCases([]string{ofiles[0].Ref})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.ImportBundle(ex, store.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	searchSettled(t, a)
	imported, _ := other.Case(ofiles[0].Ref)
	typed := imported.Person
	typed.ID = "" // the same person, typed again in a new case
	if m := a.likelyMatches(typed); len(m) == 0 || m[0].Cases[0].Ref != imported.Ref {
		t.Fatalf("conflict check misses a person imported from a bundle: %+v", m)
	}

	// Sync: a colleague's new case.
	synced := newVaultWith(t, 1, 32)
	out, err := synced.ReadOutbox(100000)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.ApplyRemote(out.Changes, nil); err != nil {
		t.Fatal(err)
	}
	sfiles, _ := synced.ListCases()
	if !found(strings.ToLower(sfiles[0].FamilyName), sfiles[0].ID) {
		t.Fatal("a case received through sync is not searchable")
	}

	// Erasure.
	if _, err := v.EraseCase(files[1].ID); err != nil {
		t.Fatal(err)
	}
	if found(files[1].Ref, files[1].ID) {
		t.Fatal("an erased case is still found")
	}

	// A vault restored from a backup: found at unlock, and what is added
	// after too.
	bf := filepath.Join(t.TempDir(), "backup.age")
	fh, err := os.Create(bf)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.Backup(fh, filepath.Dir(bf)); err != nil {
		t.Fatal(err)
	}
	fh.Close()
	restoredDir := filepath.Join(t.TempDir(), "restored")
	src, _ := os.Open(bf)
	defer src.Close()
	if err := store.Restore(src, restoredDir, func(d string) (*crypto.MasterKey, error) { return crypto.UnlockPassphrase(d, pass) }); err != nil {
		t.Fatal(err)
	}
	rv, err := store.Open(restoredDir, pass)
	if err != nil {
		t.Fatal(err)
	}
	b := New(test.NewTempApp(t), restoredDir)
	b.unlocked(rv)
	t.Cleanup(b.Lock)
	searchSettled(t, b)
	if hits, _ := b.searchIndex().Search("qelbimarker", 0); len(hits) != 1 {
		t.Fatalf("the restored vault's note: %d hits", len(hits))
	}
	if err := rv.AddNote(&model.Note{CaseID: files[0].ID, Text: "après restauration Vrokmarker"}); err != nil {
		t.Fatal(err)
	}
	searchSettled(t, b)
	if hits, _ := b.searchIndex().Search("vrokmarker", 0); len(hits) != 1 {
		t.Fatalf("a note added to the restored vault: %d hits", len(hits))
	}
}

// newVaultWith is a second vault (another laptop) with n fictional cases.
func newVaultWith(t *testing.T, n int, seed int64) *store.Vault {
	t.Helper()
	c, err := store.Create(filepath.Join(t.TempDir(), "vault"), pass)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Vault.Close() })
	g := fakeclinic.New(seed)
	for range n {
		f := g.CaseFile(model.Date{Year: 2026, Month: 11, Day: 3})
		if err := c.Vault.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
	}
	return c.Vault
}

// A person typed with the same names as someone in the vault, without a
// birth date, is flagged (weaker wording).
func TestConflictCheckByNameAlone(t *testing.T) {
	a, _, files := listApp(t, 3)
	w := a.Window()
	searchSettled(t, a)
	p := files[0].Person
	a.showCaseForm("")
	test.Type(entryAfter(t, w, "Family name"), p.FamilyName)
	test.Type(entryAfter(t, w, "Given names"), strings.Fields(p.GivenNames)[0])
	l := label(t, w, "same name, no birth date to compare")
	if !strings.Contains(l.Text, files[0].Ref) {
		t.Fatalf("name-only warning without the case: %q", l.Text)
	}
	label(t, w, "Someone with the same name is already in the vault")
}

// The mouse wheel over a field scrolls the form.
func TestMouseWheelScrollsTheFormOverAField(t *testing.T) {
	a, _, files := listApp(t, 1)
	w := a.Window()
	w.Resize(fyne.NewSize(1024, 420))
	for o := w.Canvas().Overlays().Top(); o != nil; o = w.Canvas().Overlays().Top() {
		w.Canvas().Overlays().Remove(o) // the backup reminder: a dialog takes the wheel
	}
	a.showCaseForm(files[0].Ref)
	e := a.form.entries["person.given_names"]
	scroll := e.wheel
	if scroll == nil {
		t.Fatal("no form scroller for the field")
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e)
	test.Scroll(w.Canvas(), pos.Add(fyne.NewPos(10, 10)), 0, -80)
	if scroll.Offset.Y <= 0 {
		t.Fatalf("the form did not scroll under the wheel over a field (offset %v)", scroll.Offset)
	}
}

// The History tab reads as words: field labels, values as labels and
// dates, times in Paris, people and events by name, the author's name.
func TestHistoryTabInWords(t *testing.T) {
	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
	a, v, files := listApp(t, 1)
	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
	f := files[0]
	if err := v.SetAuthor("Me Lise Martin"); err != nil {
		t.Fatal(err)
	}
	e := model.Event{CaseID: f.ID, Kind: model.EventDecisionNotified, Decision: model.DecisionRemovalOrder,
		Situation: model.SituationFree, Date: model.Date{Year: 2026, Month: 11, Day: 20}, Decided: model.Date{Year: 2026, Month: 11, Day: 18}}
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	ev := model.Evidence{CaseID: f.ID, At: time.Date(2026, 11, 21, 9, 30, 0, 0, time.UTC), Channel: model.EvidenceAppointment,
		Category: model.MalfNoAppointment, What: "Aucun créneau"}
	if err := v.AddEvidence(&ev, nil); err != nil {
		t.Fatal(err)
	}
	if err := v.AddNote(&model.Note{CaseID: f.ID, Text: "entretien"}); err != nil {
		t.Fatal(err)
	}
	if _, err := v.SetCaseFields(f.ID, map[string]string{"closed": "", "prefecture": "Rhône (Lyon)"}); err != nil {
		t.Fatal(err)
	}
	h, err := v.CaseHistory(f.ID)
	if err != nil {
		t.Fatal(err)
	}
	names := loadHistoryNames(v, f.ID)
	raw := regexp.MustCompile(`field\.|[{}"]|\d{4}-\d{2}-\d{2}|T\d\d:\d\d|removal-order|decision_notified|\bfree\b|no_appointment|appointment_site|\bcomputed\b|[0-9a-f]{8}-[0-9a-f]{4}-`)
	var all []string
	for _, c := range h {
		if !i18n.HistoryShown(c) {
			continue
		}
		line := historyLine(c, names)
		if m := raw.FindString(line); m != "" {
			t.Errorf("raw %q in %q", m, line)
		}
		all = append(all, line)
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{"Événement › Décision : OQTF avec délai de départ volontaire", "Preuve › Dysfonctionnement : ",
		"Preuve › Date et heure : 21/11/2026 10:30", "Délai › Événement : Décision notifiée 20/11/2026",
		"Dossier › Préfecture : " + f.Prefecture + " → Rhône (Lyon)"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in the history:\n%s", want, text)
		}
	}
	w := a.Window()
	w.SetContent(a.historyTab(f.ID))
	label(t, w, "Me Lise Martin") // the author of the newest change
	label(t, w, "Dossier › Préfecture")
	now := time.Now().In(model.Paris())
	label(t, w, i18n.Date(model.DateOf(now))+" "+now.Format("15:")) // Paris time
}

// The set-up wizard's name signs the history; a vault with no name chosen
// asks once after unlock, and "Later" is not asked again.
func TestAuthorNameAskedAndInHistory(t *testing.T) {
	askAuthorAtUnlock = true
	t.Cleanup(func() { askAuthorAtUnlock = false })
	a, v, files := listApp(t, 1)
	w := a.Window()
	inDialog(t, w, "Your name signs each change")
	entries := objectsIn[*appEntry](t, w.Canvas().Overlays().Top())
	entries[0].SetText("Me Lise Martin")
	entries[1].SetText("Permanence de Lyon")
	test.Tap(overlayButton(t, w, "Save"))
	if v.Author() != "Me Lise Martin" {
		t.Fatalf("author %q", v.Author())
	}
	for key, want := range map[string]string{settingSignatory: "Me Lise Martin", settingClinic: "Permanence de Lyon"} {
		if b, _, _ := v.Setting(key); string(b) != want {
			t.Fatalf("%s = %q", key, b)
		}
	}
	a.showCaseForm(files[0].Ref)
	entryAfter(t, w, "Phone").SetText("0611223344")
	test.Tap(button(t, w, "Save"))
	a.showCaseForm(files[0].Ref)
	selectTab(t, w, 7) // History
	label(t, w, "Me Lise Martin")
	label(t, w, "Person › Phone")

	// Lock and unlock: not asked again.
	a.Lock()
	v2, err := store.Open(v.Dir(), pass)
	if err != nil {
		t.Fatal(err)
	}
	a.unlocked(v2)
	if asked(t, w) {
		t.Fatal("asked again although a name was chosen")
	}

	// Another vault: "Later", then not asked at the next unlock.
	b, bv, _ := listApp(t, 1)
	test.Tap(overlayButton(t, b.Window(), "Later"))
	dir := bv.Dir()
	b.Lock()
	bv2, err := store.Open(dir, pass)
	if err != nil {
		t.Fatal(err)
	}
	b.unlocked(bv2)
	if asked(t, b.Window()) {
		t.Fatal("asked again after Later")
	}
}

// asked reports whether the "who is writing?" question is shown.
func asked(t *testing.T, w fyne.Window) bool {
	for _, l := range inOverlays[*widget.Label](t, w) {
		if strings.Contains(l.Text, "Your name signs each change") {
			return true
		}
	}
	return false
}
