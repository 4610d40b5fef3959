package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/fakeclinic"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// objectsIn walks o and what its widgets render.
func objectsIn[T fyne.CanvasObject](t *testing.T, o fyne.CanvasObject) []T {
	var out []T
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if x, ok := o.(T); ok {
			out = append(out, x)
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
	walk(o)
	return out
}

// reviewApp unlocks a new vault holding one fictional case with three
// manual deadlines around 2026-W49 (the week "now" falls in) and one idle
// case, and opens the review.
func reviewApp(t *testing.T) (*App, model.CaseFile) {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	orig := nowFunc
	t.Cleanup(func() { nowFunc = orig })
	nowFunc = func() time.Time { return time.Date(2026, 12, 2, 10, 0, 0, 0, time.Local) }
	dir := filepath.Join(t.TempDir(), "vault")
	c, err := store.Create(dir, pass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	g := fakeclinic.New(5)
	var files []model.CaseFile
	for i := 0; i < 2; i++ {
		f := g.CaseFile(model.Date{Year: 2026, Month: 11, Day: 1})
		f.Status, f.Lawyer = model.StatusOpen, "Me Test"
		if err := v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	for _, d := range []model.Deadline{
		{Label: "late papers", Due: model.Date{Year: 2026, Month: 11, Day: 20}},
		{Label: "call the prefecture", Due: model.Date{Year: 2026, Month: 12, Day: 1}},
		{Label: "hearing prep", Due: model.Date{Year: 2026, Month: 12, Day: 8}},
	} {
		d.CaseID = files[0].ID
		if err := v.AddManualDeadline(&d); err != nil {
			t.Fatal(err)
		}
	}
	a := New(test.NewTempApp(t), dir)
	a.unlocked(v)
	t.Cleanup(a.Lock)
	a.showReview()
	return a, files[0]
}

func TestReviewScreen(t *testing.T) {
	a, f := reviewApp(t)
	w := a.Window()
	label(t, w, "Week 2026-W49")
	overdueTitle(t, w, "Overdue — 1 deadline of an open case, the latest first")
	label(t, w, "Next week")
	label(t, w, "Open cases with no open deadline (1)")
	label(t, w, "This week has not been signed off")
	late := label(t, w, "late papers")
	if late.Importance != widget.DangerImportance {
		t.Error("overdue row not shown in red")
	}
	if !strings.Contains(late.Text, "Me Test") {
		t.Errorf("row lacks the owner: %q", late.Text)
	}
	if who := label(t, w, f.Ref); !strings.Contains(who.Text, f.Person.DisplayName()) {
		t.Errorf("row lacks case or person: %q", who.Text)
	}
	if l := label(t, w, "call the prefecture"); l.Importance == widget.DangerImportance {
		t.Error("a deadline of this week shown as overdue")
	}

	// Done: the overdue row leaves the review and the record says done.
	test.Tap(allOf[*widget.Button](t, w)[buttonIndex(t, w, "Done", 0)])
	overdueTitle(t, w, "Overdue — 0 deadlines of open cases, the latest first")
	ds, _ := a.Vault().Deadlines(f.ID)
	if ds[0].Status != model.DeadlineDone {
		t.Errorf("first deadline %q is %s", ds[0].Label, ds[0].Status)
	}

	// Cancel asks for a reason and refuses an empty one.
	test.Tap(allOf[*widget.Button](t, w)[buttonIndex(t, w, "Cancel deadline", 0)])
	overlay := w.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("no reason asked")
	}
	entry := objectsIn[*widget.Entry](t, overlay)[0]
	confirm := func() *widget.Button {
		for _, b := range objectsIn[*widget.Button](t, overlay) {
			if b.Text == "Cancel deadline" {
				return b
			}
		}
		t.Fatal("no confirm button")
		return nil
	}()
	if !confirm.Disabled() {
		t.Error("cancel allowed without a reason")
	}
	test.Type(entry, "client withdrew")
	test.Tap(confirm)
	ds, _ = a.Vault().Deadlines(f.ID)
	if ds[1].Status != model.DeadlineCancelled || ds[1].Reason != "client withdrew" {
		t.Errorf("second deadline = %s %q", ds[1].Status, ds[1].Reason)
	}

	// Sign-off says what it covers, then shows who and when.
	test.Tap(button(t, w, "Sign off the whole week"))
	confirmOverlay(t, w, "every deadline of week 2026-W49", "Sign off")
	label(t, w, "Reviewed by "+a.Vault().Author())

	// The lawyer filter leaves out other lawyers' deadlines.
	lawyer := find(t, w, func(e *widget.Entry) bool { return strings.HasPrefix(e.PlaceHolder, "Filter by lawyer") })
	test.Type(lawyer, "Me Nobody")
	lawyer.OnSubmitted(lawyer.Text)
	label(t, w, "Next week")
	for _, l := range allOf[*widget.Label](t, w) {
		if strings.Contains(l.Text, "hearing prep") {
			t.Error("filter kept another lawyer's deadline")
		}
	}

	// Open case goes to the case screen.
	lawyer.SetText("")
	lawyer.OnSubmitted("")
	test.Tap(allOf[*widget.Button](t, w)[buttonIndex(t, w, "Open case", 0)])
	button(t, w, "Save")
}

func TestReviewWeekNavigation(t *testing.T) {
	a, _ := reviewApp(t)
	w := a.Window()
	test.Tap(button(t, w, "Next week"))
	label(t, w, "Week 2026-W50")
	overdueTitle(t, w, "Overdue — 2 deadlines") // from W50's Monday, Tuesday's deadline is overdue too
	test.Tap(button(t, w, "This week"))
	label(t, w, "Week 2026-W49")
}

// buttonIndex is the index in allOf of the n-th button labelled text.
func buttonIndex(t *testing.T, w fyne.Window, text string, n int) int {
	t.Helper()
	for i, b := range allOf[*widget.Button](t, w) {
		if b.Text == text {
			if n == 0 {
				return i
			}
			n--
		}
	}
	t.Fatalf("no button %q", text)
	return -1
}

// overdueTitle finds the overdue section's title (an accordion item's)
// starting with prefix.
func overdueTitle(t *testing.T, w fyne.Window, prefix string) *widget.AccordionItem {
	t.Helper()
	var titles []string
	for _, acc := range allOf[*widget.Accordion](t, w) {
		for _, it := range acc.Items {
			if strings.HasPrefix(it.Title, prefix) {
				return it
			}
			titles = append(titles, it.Title)
		}
	}
	t.Fatalf("no section titled %q…; sections: %q", prefix, titles)
	return nil
}

// confirmOverlay checks that the dialog on top says text, and taps its
// button labelled button.
func confirmOverlay(t *testing.T, w fyne.Window, text, button string) {
	t.Helper()
	o := w.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog")
	}
	found := false
	for _, l := range objectsIn[*widget.Label](t, o) {
		found = found || strings.Contains(l.Text, text)
	}
	if !found {
		t.Fatalf("the dialog does not say %q", text)
	}
	for _, b := range objectsIn[*widget.Button](t, o) {
		if b.Text == button {
			test.Tap(b)
			return
		}
	}
	t.Fatalf("no button %q in the dialog", button)
}
