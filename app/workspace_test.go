package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/fakeclinic"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// listApp unlocks a vault of n fictional cases, half of them with a
// manual deadline, and shows the case list.
func listApp(t *testing.T, n int) (*App, *store.Vault, []model.CaseFile) {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	dir := filepath.Join(t.TempDir(), "vault")
	c, err := store.Create(dir, pass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	g := fakeclinic.New(9)
	var files []model.CaseFile
	for i := range n {
		f := g.CaseFile(model.Date{Year: 2026, Month: 11, Day: 1})
		f.Status = model.StatusOpen
		f.Lawyer = []string{"Me Anne Roux", "Me Paul Henry"}[i%2]
		if err := v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
		if i%2 == 1 {
			d := model.Deadline{CaseID: f.ID, Label: "call", Due: model.Date{Year: 2027, Month: 1, Day: 30 - i}}
			if err := v.AddManualDeadline(&d); err != nil {
				t.Fatal(err)
			}
		}
		files = append(files, f)
	}
	a := New(test.NewTempApp(t), dir)
	a.unlocked(v)
	t.Cleanup(a.Lock)
	return a, v, files
}

// Filters narrow the list, the default order ranks by the earliest open
// deadline (after its section's heading), and drawing rows reads only the
// view-model: with the store closed under it, every row still renders its
// case.
func TestCaseListFiltersSortAndRowsReadNoStore(t *testing.T) {
	orig := nowFunc
	t.Cleanup(func() { nowFunc = orig })
	nowFunc = func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, time.Local) }
	a, v, files := listApp(t, 8)
	w := a.Window()
	l := a.list
	label(t, w, "Cases: 8")
	l.lawyer.SetSelected("Me Paul Henry")
	label(t, w, "Cases: 4")
	for _, r := range l.shown {
		if r < 0 {
			continue
		}
		if c := l.all.Row(int(r)); c.Lawyer != "Me Paul Henry" {
			t.Fatalf("lawyer filter let %q through", c.Lawyer)
		}
	}
	l.lawyer.SetSelectedIndex(0)
	label(t, w, "Cases: 8")

	order := find(t, w, func(s *widget.Select) bool { return len(s.Options) == 2 })
	if order.SelectedIndex() != 1 {
		t.Fatal("the list is not in deadline order by default")
	}
	// files[7] has the earliest deadline (30-7 = 23 Jan), then 5, 3, 1.
	want := []string{files[7].Ref, files[5].Ref, files[3].Ref, files[1].Ref}
	if l.shown[0] != -1-sectionNext {
		t.Fatalf("first row %d is not the heading of deadlines to come", l.shown[0])
	}
	for i, ref := range want {
		if got := l.all.Ref(int(l.shown[1+i])); got != ref {
			t.Fatalf("row %d is %s, want %s", i, got, ref)
		}
	}
	if got, _ := l.nextCell(int(l.shown[1]), false); got != i18n.Date(model.Date{Year: 2027, Month: 1, Day: 23}) {
		t.Fatalf("next-deadline column: %q", got)
	}

	v.Close() // any read from now on fails
	item := l.table.CreateItem()
	for id := range l.shown {
		l.table.UpdateItem(id, item)
		if l.shown[id] < 0 {
			continue
		}
		cells := item.(*fyne.Container).Objects[0].(*fyne.Container)
		if got := cells.Objects[0].(*tipLabel).label.Text; got != l.all.Ref(int(l.shown[id])) {
			t.Fatalf("row %d shows %q", id, got)
		}
	}
}

// Typing a new person who looks like one already in the vault (another
// spelling of the name, same birth date) shows the match before saving.
func TestConflictCheckWhileCreating(t *testing.T) {
	a, _, files := listApp(t, 3)
	w := a.Window()
	waitIndex(t, a)
	existing := files[0].Person
	a.showCaseForm("")
	test.Type(entryAfter(t, w, "Family name"), strings.ToLower(existing.FamilyName))
	test.Type(entryAfter(t, w, "Given names"), existing.GivenNames)
	test.Type(entryAfter(t, w, "Date of birth"), i18n.Date(existing.BirthDate))
	label(t, w, files[0].Ref)
}

// A saved case opens on tabs for each part of the file.
func TestCaseTabs(t *testing.T) {
	a, _, files := listApp(t, 1)
	w := a.Window()
	a.showCaseForm(files[0].Ref)
	tabs := find(t, w, func(*container.AppTabs) bool { return true })
	var names []string
	for _, it := range tabs.Items {
		names = append(names, it.Text)
	}
	if got := strings.Join(names, ","); got != "Person,Procedure & ANEF,Events,Deadlines,Notes,Documents,Evidence,History,Letters" {
		t.Fatalf("tabs: %s", got)
	}
	tabs.SelectIndex(2)
	label(t, w, "No procedural event")
}

func waitIndex(t *testing.T, a *App) {
	t.Helper()
	for range 3000 {
		if a.searchIndex() != nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("search index not built")
}

// The same person typed twice: the second case's person tab shows the
// first record, and merging makes both cases name one person, keeping the
// other record as a tombstone.
func TestMergeFromCaseScreen(t *testing.T) {
	a, v, files := listApp(t, 1)
	w := a.Window()
	twin := files[0]
	twin.ID, twin.Ref, twin.Person.ID, twin.PersonID, twin.Related = "", "", "", "", nil
	twin.Person.Phone = "+33 6 00 00 00 00"
	if err := v.SaveCase(&twin); err != nil {
		t.Fatal(err)
	}
	searchSettled(t, a) // the twin reaches the index through the case feed
	a.showCaseForm(twin.Ref)
	label(t, w, files[0].Ref)
	test.Tap(button(t, w, "Merge"))
	overlay := w.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("no confirmation")
	}
	var yes *widget.Button
	for _, b := range objectsIn[*widget.Button](t, overlay) {
		if b.Text == "Yes" {
			yes = b
		}
	}
	if yes == nil {
		t.Fatal("no Yes button")
	}
	test.Tap(yes)
	got, err := v.Case(twin.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if got.PersonID != files[0].PersonID {
		t.Fatalf("case still names %s, want %s", got.PersonID, files[0].PersonID)
	}
	if old, err := v.Person(twin.PersonID); err != nil || old.MergedInto != files[0].PersonID {
		t.Fatalf("tombstone: %+v %v", old, err)
	}
	if rep, err := v.Check(); err != nil || !rep.OK() {
		t.Fatalf("check after merge: %v %v", err, rep.Problems)
	}
}

// An event recorded from the Events tab is in the vault with the deadlines
// it calls for, and a bad date keeps the dialog open with what was typed.
func TestAddEventFromCaseScreen(t *testing.T) {
	a, v, files := listApp(t, 1)
	w := a.Window()
	a.showCaseFormTab(files[0].ID, 2)
	test.Tap(button(t, w, "Add an event"))
	overlay := w.Canvas().Overlays().Top()
	selects := objectsIn[*widget.Select](t, overlay)
	entries := objectsIn[*appEntry](t, overlay)
	pick := func(s *widget.Select, label string) {
		for i, o := range s.Options {
			if o == label {
				s.SetSelectedIndex(i)
				return
			}
		}
		t.Fatalf("no option %q in %v", label, s.Options)
	}
	pick(selects[0], i18n.T("event.kind."+string(model.EventDecisionNotified)))
	pick(selects[1], i18n.T("event.decision."+string(model.DecisionRemovalOrder)))
	pick(selects[2], i18n.T("event.situation."+string(model.SituationFree)))
	var save *widget.Button
	for _, b := range objectsIn[*widget.Button](t, overlay) {
		if b.Text == "Record the event" {
			save = b
		}
	}
	entries[0].SetText("31/02/2026")
	test.Tap(save)
	if evs, _ := v.Events(files[0].ID); len(evs) != 0 {
		t.Fatal("an impossible date was recorded")
	}
	entries[0].SetText("20/11/2026")
	entries[1].SetText("10:00")
	test.Tap(save)
	evs, err := v.Events(files[0].ID)
	if err != nil || len(evs) != 1 || evs[0].Decision != model.DecisionRemovalOrder {
		t.Fatalf("events: %+v %v", evs, err)
	}
	ds, err := v.Deadlines(files[0].ID)
	if err != nil || len(ds) == 0 {
		t.Fatalf("no deadline computed: %v", err)
	}
	label(t, w, i18n.T("event.kind."+string(model.EventDecisionNotified)))
}

// TestCorrectEventMovesItsDeadlines: correcting an event's date from the
// timeline recomputes its deadlines (moved, not duplicated) and keeps the
// fields the form does not show.
func TestCorrectEventMovesItsDeadlines(t *testing.T) {
	a, v, files := listApp(t, 1)
	w := a.Window()
	caseID := files[0].ID
	day, _ := model.ParseDate("2026-11-02")
	e := model.Event{CaseID: caseID, Kind: model.EventDecisionNotified, Date: day,
		Decision: model.DecisionRemovalOrder, Situation: model.SituationFree, Note: "remise en main propre"}
	if err := v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	before, err := v.Deadlines(caseID)
	if err != nil || len(before) == 0 {
		t.Fatalf("no deadline: %v", err)
	}
	a.showCaseFormTab(caseID, 2)
	test.Tap(button(t, w, "Correct"))
	overlay := w.Canvas().Overlays().Top()
	entries := objectsIn[*appEntry](t, overlay)
	if entries[0].Text != i18n.Date(day) {
		t.Fatalf("date field shows %q", entries[0].Text)
	}
	entries[0].SetText(i18n.Date(day.AddDays(3)))
	var save *widget.Button
	for _, b := range objectsIn[*widget.Button](t, overlay) {
		if b.Text == "Save the correction" {
			save = b
		}
	}
	test.Tap(save)
	got, err := v.Event(e.ID)
	if err != nil || got.Date != day.AddDays(3) || got.Note != "remise en main propre" || got.Decision != model.DecisionRemovalOrder {
		t.Fatalf("corrected event: %+v %v", got, err)
	}
	after, err := v.Deadlines(caseID)
	if err != nil || len(after) != len(before) {
		t.Fatalf("deadlines %d → %d (%v): a correction moves them, it does not add any", len(before), len(after), err)
	}
	moved := false
	for i := range after {
		if after[i].ID == before[i].ID && after[i].Due != before[i].Due {
			moved = true
		}
	}
	if !moved {
		t.Errorf("no deadline moved with its trigger:\nbefore %+v\nafter  %+v", before, after)
	}
}
