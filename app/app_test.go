package app

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/model"
)

func TestMain(m *testing.M) {
	crypto.SetScryptWorkFactorForTests(10)
	// The one-time "who is writing?" question at unlock (setup.go) would
	// cover other screens' tests; its own tests turn it on.
	askAuthorAtUnlock = false
	os.Exit(m.Run())
}

const pass = "quatre saisons au jardin"

// waiter lets a test wait for background jobs (see asyncDone).
func waiter(t *testing.T) func() {
	ch := make(chan struct{}, 16)
	asyncDone = func() { ch <- struct{}{} }
	t.Cleanup(func() { asyncDone = nil })
	return func() {
		t.Helper()
		select {
		case <-ch:
		case <-time.After(30 * time.Second):
			t.Fatal("background job did not finish")
		}
	}
}

// find returns the first object of type T in the window whose predicate
// holds.
func find[T fyne.CanvasObject](t *testing.T, w fyne.Window, ok func(T) bool) T {
	t.Helper()
	for _, x := range allOf[T](t, w) {
		if ok(x) {
			return x
		}
	}
	var texts []string
	for _, l := range allOf[*widget.Label](t, w) {
		texts = append(texts, l.Text)
	}
	var zero T
	t.Fatalf("no %T found; labels: %q", zero, texts)
	return zero
}

func button(t *testing.T, w fyne.Window, label string) *widget.Button {
	return find(t, w, func(b *widget.Button) bool { return b.Text == label })
}

func label(t *testing.T, w fyne.Window, part string) *widget.Label {
	return find(t, w, func(l *widget.Label) bool { return strings.Contains(l.Text, part) })
}

// The path a new clinic takes: set-up wizard (passphrase, recovery key),
// case list, new case with a validation error then saved, lock, unlock.
func TestSetupUnlockCreateCase(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	wait := waiter(t)
	fa := test.NewTempApp(t)
	dir := filepath.Join(t.TempDir(), "vault")
	a := New(fa, dir)
	w := a.Window()

	// Set-up: a mismatch is refused, then the vault is created.
	entries := allEntries(t, w)
	test.Type(entries[0], pass)
	test.Type(entries[1], pass+"x")
	test.Tap(button(t, w, "Create vault"))
	label(t, w, "The two passphrases differ")
	entries[1].SetText(pass)
	test.Tap(button(t, w, "Create vault"))
	wait()

	// Recovery key step: Continue stays disabled until confirmed.
	keyLabel := label(t, w, "AGE-SECR")
	key := strings.ReplaceAll(keyLabel.Text, " ", "")
	if _, err := crypto.ParseRecoveryKey(key); err != nil {
		t.Fatalf("shown recovery key does not parse: %v", err)
	}
	cont := button(t, w, "Continue")
	if !cont.Disabled() {
		t.Fatal("Continue enabled before the key was confirmed saved")
	}
	test.Tap(find(t, w, func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "I have") }))
	test.Tap(cont)

	// Who is writing: a name is required, control characters refused.
	label(t, w, "Who is writing on this computer?")
	test.Tap(button(t, w, "Continue"))
	label(t, w, "Author: is required")
	name := entryAfter(t, w, "Your name")
	name.SetText("Me Anne\x1b[31m Roux")
	test.Tap(button(t, w, "Continue"))
	label(t, w, "holds a line break or control character")
	name.SetText("Me Anne Roux")
	test.Type(entryAfter(t, w, "Clinic"), "Permanence de Lyon")
	test.Tap(button(t, w, "Continue"))

	// Case list, empty; new case form.
	label(t, w, "No case yet")
	test.Tap(button(t, w, "New case"))
	form := w.Content()
	_ = form
	family := entryAfter(t, w, "Family name")
	test.Type(family, "Okonkwo")
	birth := entryAfter(t, w, "Date of birth")
	test.Type(birth, "31/02/1990") // does not exist
	tabs := find(t, w, func(*container.AppTabs) bool { return true })
	tabs.SelectIndex(1) // Procedure & ANEF
	proc := find(t, w, func(s *widget.Select) bool { return len(s.Options) == len(model.Procedures) })
	proc.SetSelected(proc.Options[1])
	tabs.SelectIndex(0)
	test.Tap(button(t, w, "Save"))
	label(t, w, "Some fields need correcting")
	if birth.Validate() == nil && !strings.Contains(label(t, w, "Date of birth").Text, "not a valid date") {
		t.Fatal("impossible date not flagged")
	}
	birth.SetText("14/03/1990")
	test.Tap(button(t, w, "Save"))

	// The new case stays on screen, saved; then back to the list.
	list, err := a.Vault().ListCases()
	if err != nil || len(list) != 1 || list[0].FamilyName != "Okonkwo" {
		t.Fatalf("case not saved: %v %+v", err, list)
	}
	label(t, w, "Case "+list[0].Ref+" created")
	if list[0].Lawyer != "Me Anne Roux" {
		t.Fatalf("the new case's lawyer is %q, not the name given at set-up", list[0].Lawyer)
	}
	test.Tap(button(t, w, "Cancel"))
	label(t, w, "Cases: 1")
	f, _ := a.Vault().Case(list[0].Ref)
	if f.Person.BirthDate != (model.Date{Year: 1990, Month: 3, Day: 14}) || f.Procedure != model.Procedures[1] {
		t.Fatalf("fields not saved: %+v", f)
	}

	// Search filters.
	search := find(t, w, func(e *appEntry) bool { return strings.HasPrefix(e.PlaceHolder, "Search") })
	test.Type(search, "okonk")
	label(t, w, "Cases: 1")
	search.SetText("zzz")
	label(t, w, "No case matches")

	// Shortcuts work while the search box has focus: Ctrl+N opens a new
	// case, Cancel returns, Ctrl+L locks.
	search.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault})
	label(t, w, "New case")
	test.Tap(button(t, w, "Cancel"))
	label(t, w, "Cases: 1")

	// The case screen shows its deadlines, with why each date is what it is.
	v := a.Vault()
	e := model.Event{CaseID: f.ID, Kind: model.EventDecisionNotified, Decision: model.DecisionRemovalOrder, Situation: model.SituationFree,
		Date: model.Date{Year: 2026, Month: 1, Day: 3}, Decided: model.Date{Year: 2026, Month: 1, Day: 2}}
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	a.showCaseForm(f.Ref)
	find(t, w, func(*container.AppTabs) bool { return true }).SelectIndex(3) // Deadlines
	label(t, w, "Appeal against a removal order")
	label(t, w, "OVERDUE")
	test.Tap(button(t, w, "Why this date?"))
	if w.Canvas().Overlays().Top() == nil {
		t.Fatal("no explanation shown")
	}
	w.Canvas().Overlays().Top().Hide()
	w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	a.showCaseList()

	// Lock, then a wrong passphrase, then the right one.
	test.Tap(button(t, w, "Lock"))
	if a.Vault() != nil {
		t.Fatal("still unlocked")
	}
	pe := allEntries(t, w)[0]
	test.Type(pe, "wrong passphrase!")
	test.Tap(button(t, w, "Unlock"))
	wait()
	label(t, w, "Wrong passphrase")
	test.Type(pe, pass)
	test.Tap(button(t, w, "Unlock"))
	wait()
	label(t, w, "Cases: 1")

	// Preferences hold nothing but the auto-lock delay.
	fa.Preferences().SetInt(prefAutoLock, 5)
	for _, k := range []string{"family_name", "Okonkwo", dir} {
		if fa.Preferences().String(k) != "" {
			t.Fatalf("preference %q set", k)
		}
	}
	a.Lock()
}

func allEntries(t *testing.T, w fyne.Window) []*widget.Entry { return allOf[*widget.Entry](t, w) }

// entryAfter finds the entry of the form item labelled text.
func entryAfter(t *testing.T, w fyne.Window, text string) *appEntry {
	t.Helper()
	var found *appEntry
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		if f, ok := o.(*widget.Form); ok {
			for _, it := range f.Items {
				if it.Text == text {
					if e, ok := it.Widget.(*appEntry); ok {
						found = e
						return
					}
				}
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, ch := range test.TempWidgetRenderer(t, wd).Objects() {
				walk(ch)
			}
		}
	}
	walk(w.Content())
	if found == nil {
		t.Fatalf("no form entry labelled %q", text)
	}
	return found
}

func allOf[T fyne.CanvasObject](t *testing.T, w fyne.Window) []T {
	return objectsIn[T](t, w.Content())
}
