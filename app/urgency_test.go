package app

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/fakeclinic"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// ticks holds the tickers the screens started (tickWhileShown), which the
// tests run themselves, on their own goroutine.
var ticks []func()

func init() {
	startTicker = func(_ *App, _ fyne.CanvasObject, _ time.Duration, fn func()) { ticks = append(ticks, fn) }
}

// urgentApp unlocks a vault, as of Sunday 29 November 2026 at 09:00 in
// Paris, holding: an open case whose person was notified an OQTF in
// rétention on Saturday at 15:00 (a 48-hour appeal, due Monday 15:00, 30
// hours away); thirty open cases with months of overdue deadlines; an
// open case with a deadline on Tuesday and one in three weeks; a closed
// and an archived case with deadlines on Sunday, earlier than all of
// them; and an open case with none. It shows the case list.
type urgent struct {
	a                                *App
	v                                *store.Vault
	retention, tuesday, later, empty model.CaseFile
	closed, archived                 model.CaseFile
	old                              []model.CaseFile
	now, due                         time.Time
}

func urgentApp(t *testing.T, langEnv string) *urgent {
	t.Helper()
	t.Setenv("LANG", langEnv)
	i18n.Reload()
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	u := &urgent{now: time.Date(2026, 11, 29, 9, 0, 0, 0, paris).In(time.Local),
		due: time.Date(2026, 11, 30, 15, 0, 0, 0, paris)}
	orig := nowFunc
	t.Cleanup(func() { nowFunc = orig })
	nowFunc = func() time.Time { return u.now }
	dir := filepath.Join(t.TempDir(), "vault")
	c, err := store.Create(dir, pass)
	if err != nil {
		t.Fatal(err)
	}
	u.v = c.Vault
	g := fakeclinic.New(20)
	save := func(status model.Status, proc model.Procedure, lawyer string) model.CaseFile {
		f := g.CaseFile(model.Date{Year: 2026, Month: 1, Day: 5})
		f.Status, f.Procedure, f.Lawyer = status, proc, lawyer
		f.Closed = model.Date{}
		if status != model.StatusOpen {
			f.Closed = model.Date{Year: 2026, Month: 11, Day: 1}
		}
		if err := u.v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
		return f
	}
	deadline := func(f model.CaseFile, label, due string) {
		d, err := model.ParseDate(due)
		if err != nil {
			t.Fatal(err)
		}
		dl := model.Deadline{CaseID: f.ID, Label: label, Due: d}
		if err := u.v.AddManualDeadline(&dl); err != nil {
			t.Fatal(err)
		}
	}
	u.retention = save(model.StatusOpen, model.ProcRemovalOrder, "Me Anne Roux")
	e := model.Event{CaseID: u.retention.ID, Kind: model.EventDecisionNotified, Date: model.Date{Year: 2026, Month: 11, Day: 28},
		Time: "15:00", Decision: model.DecisionRemovalOrder, Situation: model.SituationRetention}
	if err := u.v.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	for i := range 30 {
		f := save(model.StatusOpen, model.ProcRenewal, "Me Paul Henry")
		deadline(f, "forgotten", fmt.Sprintf("2026-%02d-%02d", 2+i%9, 1+i%28))
		u.old = append(u.old, f)
	}
	u.tuesday = save(model.StatusOpen, model.ProcAsylum, "Me Paul Henry")
	deadline(u.tuesday, "send the brief", "2026-12-01")
	deadline(u.tuesday, "hearing prep", "2026-12-21")
	u.later = save(model.StatusOpen, model.ProcRenewal, "Me Anne Roux")
	deadline(u.later, "renewal window", "2026-12-20")
	u.closed = save(model.StatusClosed, model.ProcRenewal, "Me Anne Roux")
	deadline(u.closed, "left open on a closed case", "2026-11-29")
	u.archived = save(model.StatusArchived, model.ProcRenewal, "Me Anne Roux")
	deadline(u.archived, "left open on an archived case", "2026-11-29")
	u.empty = save(model.StatusOpen, model.ProcVisa, "Me Anne Roux")
	u.a = New(test.NewTempApp(t), dir)
	u.a.unlocked(u.v)
	t.Cleanup(u.a.Lock)
	return u
}

// drawn renders row id of the case list and returns its cells.
func drawn(t *testing.T, l *caseList, id int) []*tipLabel {
	t.Helper()
	item := l.table.CreateItem()
	l.table.UpdateItem(id, item)
	var out []*tipLabel
	for _, o := range item.(*fyne.Container).Objects[0].(*fyne.Container).Objects {
		out = append(out, o.(*tipLabel))
	}
	return out
}

// The 48-hour deadline is the list's first row, with its hour, how long is
// left and in red; overdue deadlines of open cases are a section of their
// own after the deadlines to come, the latest first; closed and archived
// cases, whose deadlines are earlier, come last.
func TestCaseListPutsThe48HourDeadlineFirst(t *testing.T) {
	u := urgentApp(t, "en_US.UTF-8")
	l := u.a.list
	if l.shown[0] != -1-sectionNext {
		t.Fatalf("first row %d is not the heading of deadlines to come", l.shown[0])
	}
	if got := l.all.Ref(int(l.shown[1])); got != u.retention.Ref {
		t.Fatalf("first case %s, want the rétention case %s", got, u.retention.Ref)
	}
	cells := drawn(t, l, 1)
	next := cells[colNext]
	hour := u.due.In(time.Local).Format("15:04")
	if !strings.Contains(next.label.Text, i18n.Date(model.DateOf(u.due.In(time.Local)))+" "+hour) || !strings.Contains(next.label.Text, "30 h 0 min left") {
		t.Errorf("next-deadline cell %q lacks the day, the hour %s or the time left", next.label.Text, hour)
	}
	if next.label.Importance != widget.DangerImportance {
		t.Errorf("the 48-hour deadline is drawn with importance %v, not red", next.label.Importance)
	}
	if got := l.all.Ref(int(l.shown[2])); got != u.tuesday.Ref {
		t.Errorf("second case %s, want the one due Tuesday", got)
	}
	if c := drawn(t, l, 2)[colNext]; c.label.Importance != widget.DangerImportance || !strings.Contains(c.label.Text, "1 Dec 2026") {
		t.Errorf("Tuesday's deadline: %q, importance %v", c.label.Text, c.label.Importance)
	}
	if c := drawn(t, l, 3)[colNext]; c.label.Importance != widget.MediumImportance || !strings.Contains(c.label.Text, "20 Dec 2026") {
		t.Errorf("a deadline three weeks away: %q, importance %v", c.label.Text, c.label.Importance)
	}

	// The overdue section follows, the latest missed first.
	h := l.heads[sectionOverdue]
	if h != 4 || l.shown[h] != -1-sectionOverdue {
		t.Fatalf("overdue heading at %d (%v)", h, l.heads)
	}
	prev := uint32(1 << 31)
	for id := h + 1; id <= h+30; id++ {
		r := int(l.shown[id])
		if l.all.Status(r) != model.StatusOpen || l.all.LateKey(r) > prev {
			t.Fatalf("overdue row %d: %s, not open or out of order", id, l.all.Ref(r))
		}
		prev = l.all.LateKey(r)
	}
	if c := drawn(t, l, h+1)[colNext]; c.label.Importance != widget.DangerImportance || !strings.HasPrefix(c.label.Text, "overdue since") {
		t.Errorf("overdue cell %q, importance %v", c.label.Text, c.label.Importance)
	}
	for _, s := range []int{sectionNone, sectionShut} {
		if l.heads[s] < h {
			t.Errorf("section %d before the overdue one", s)
		}
	}
	for id := l.heads[sectionShut] + 1; id < len(l.shown); id++ {
		if st := l.all.Status(int(l.shown[id])); st == model.StatusOpen {
			t.Errorf("open case %s among the closed ones", l.all.Ref(int(l.shown[id])))
		}
		if c := drawn(t, l, id)[colNext]; c.label.Importance != widget.LowImportance {
			t.Errorf("a closed case's deadline drawn with importance %v", c.label.Importance)
		}
	}
	label(t, u.a.Window(), "Cases: 36")
}

// The banner counts the deadlines of the next 72 hours (plural forms in
// both languages) and shows their cases in one click; another shows all
// cases again; a link jumps to the overdue section.
func TestCaseListBanner(t *testing.T) {
	u := urgentApp(t, "en_US.UTF-8")
	w, l := u.a.Window(), u.a.list
	label(t, w, "2 deadlines in the next 72 hours")
	test.Tap(button(t, w, "Show them"))
	label(t, w, "Showing the 2 cases with a deadline in the next 72 hours")
	label(t, w, "Cases: 2")
	if len(l.shown) != 2 || l.all.Ref(int(l.shown[0])) != u.retention.Ref || l.all.Ref(int(l.shown[1])) != u.tuesday.Ref {
		t.Fatalf("the banner's click shows %d rows", len(l.shown))
	}
	test.Tap(button(t, w, "Show all cases"))
	label(t, w, "Cases: 36")

	// A lawyer filter counts that lawyer's deadlines only.
	l.lawyer.SetSelected("Me Anne Roux")
	label(t, w, "1 deadline in the next 72 hours")
	l.lawyer.SetSelectedIndex(0)

	// The overdue link brings its section's heading to the top.
	w.Resize(fyne.NewSize(1024, 700))
	link := button(t, w, "30 open cases with overdue deadlines")
	test.Tap(link)
	heading := find(t, w, func(lb *widget.Label) bool {
		return lb.Visible() && strings.HasPrefix(lb.Text, "Overdue (open cases")
	})
	if y := fyne.CurrentApp().Driver().AbsolutePositionForObject(heading).Y - fyne.CurrentApp().Driver().AbsolutePositionForObject(l.table).Y; y > 5 {
		t.Errorf("the overdue heading is %v below the table's top", y)
	}

	// A day later, the 48-hour deadline has 6 hours left: the cells and the
	// banner count again without reading the vault.
	u.now = u.now.Add(24 * time.Hour)
	l.tick()
	label(t, w, "2 deadlines in the next 72 hours")
	if c := drawn(t, l, 1)[colNext]; !strings.Contains(c.label.Text, "6 h 0 min left") {
		t.Errorf("countdown after 24 hours: %q", c.label.Text)
	}
	u.now = u.now.Add(7 * time.Hour) // the 48 hours have run out
	l.tick()
	label(t, w, "1 deadline in the next 72 hours")
	if c := drawn(t, l, 1)[colNext]; !strings.HasPrefix(c.label.Text, "passed") || c.label.Importance != widget.DangerImportance {
		t.Errorf("a deadline that ran out while shown: %q %v", c.label.Text, c.label.Importance)
	}
}

func TestCaseListBannerInFrench(t *testing.T) {
	u := urgentApp(t, "fr_FR.UTF-8")
	w := u.a.Window()
	label(t, w, "2 délais dans les 72 prochaines heures")
	u.a.list.lawyer.SetSelected("Me Anne Roux")
	label(t, w, "1 délai dans les 72 prochaines heures")
	if c := drawn(t, u.a.list, 1)[colNext]; !strings.Contains(c.label.Text, "30/11/2026 "+u.due.In(time.Local).Format("15:04")) || !strings.Contains(c.label.Text, "reste 30 h 0 min") {
		t.Errorf("French cell %q", c.label.Text)
	}
}

// Choosing a sort (or a filter) never makes the window widen itself: the
// table's columns share the width, and its minimum lies in a horizontal
// scroll. At 1024×700 the columns fit without scrolling.
func TestCaseListNoSelfResize(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1024, Height: 700}, {Width: 1400, Height: 900}} {
		u := urgentApp(t, "fr_FR.UTF-8")
		w := u.a.Window()
		w.Resize(size)
		order := u.a.list.order
		for _, i := range []int{0, 1, 0, 1} {
			order.SetSelectedIndex(i)
			if got := w.Canvas().Size(); got != size {
				t.Errorf("after choosing sort %d the window is %v, not %v", i, got, size)
			}
			if m := w.Content().MinSize(); m.Width > size.Width || m.Height > size.Height {
				t.Errorf("after choosing sort %d the screen asks %v, more than %v", i, m, size)
			}
		}
		scroll := find(t, w, func(s *container.Scroll) bool { return s.Direction == container.ScrollHorizontalOnly })
		if scroll.Content.Size().Width > scroll.Size().Width {
			t.Errorf("at %v the table scrolls sideways (%v in %v)", size, scroll.Content.Size(), scroll.Size())
		}
		// The columns take the whole width, the name column more than its
		// minimum.
		cells := u.a.list.header.Objects
		last := cells[len(cells)-1]
		if right := last.Position().X + last.Size().Width; right < scroll.Size().Width-1 {
			t.Errorf("at %v the columns end at %v of %v", size, right, scroll.Size().Width)
		}
		if cells[1].Size().Width <= listColumns[1].col.min {
			t.Errorf("at %v the name column is at its minimum", size)
		}
	}
}

// A name too long for its column shows whole in a tip while the pointer is
// over it, and the tip takes no tap.
func TestCaseListLongNameTip(t *testing.T) {
	l := newTipLabel(newTipLayer())
	l.label.SetText("ABDELRAHMAN AL-MAHMOUDI BEN SALEH, Mohammed Youssef Ibrahim")
	test.NewTempWindow(t, container.NewStack(container.NewWithoutLayout(l), l.tips.box)).Resize(fyne.NewSize(600, 400))
	l.Resize(fyne.NewSize(120, 36))
	l.MouseIn(&desktop.MouseEvent{})
	if !l.tips.text.Visible() || l.tips.text.Text != l.label.Text {
		t.Fatalf("no tip with the whole name (%q)", l.tips.text.Text)
	}
	l.MouseOut()
	if l.tips.text.Visible() {
		t.Error("the tip stays after the pointer left")
	}
	l.label.SetText("SHORT")
	l.MouseIn(&desktop.MouseEvent{})
	if l.tips.text.Visible() {
		t.Error("a tip for a name shown whole")
	}
}

// reviewScroll is the review's vertical scroll.
func reviewScroll(t *testing.T, w fyne.Window) *container.Scroll {
	return find(t, w, func(s *container.Scroll) bool { return s.Direction == container.ScrollVerticalOnly })
}

// Filtering the review on a lawyer starts the page at its top (the old
// offset showed an empty page) and says when that lawyer has no deadline.
func TestReviewFilterResetsScrollAndSaysNoDeadline(t *testing.T) {
	a, _ := reviewApp(t)
	w := a.Window()
	w.Resize(fyne.NewSize(1024, 700))
	scroll := reviewScroll(t, w)
	scroll.Refresh() // lays the content out at the window's size
	scroll.ScrollToBottom()
	if scroll.Offset.Y == 0 {
		t.Fatal("the review does not scroll at 1024×700")
	}
	lawyer := find(t, w, func(e *widget.Entry) bool { return strings.HasPrefix(e.PlaceHolder, "Filter by lawyer") })
	test.Type(lawyer, "Me Nobody")
	lawyer.OnSubmitted(lawyer.Text)
	if scroll.Offset.Y != 0 {
		t.Errorf("after filtering the review is scrolled to %v", scroll.Offset.Y)
	}
	label(t, w, "No deadline for “Me Nobody” this week, nor overdue, nor next week.")
	lawyer.SetText("me test")
	lawyer.OnSubmitted(lawyer.Text)
	for _, l := range allOf[*widget.Label](t, w) {
		if strings.HasPrefix(l.Text, "No deadline for") {
			t.Error("“no deadline” said for a lawyer who has some")
		}
	}
}

// With a lawyer filter on, signing off says it covers that lawyer's
// deadlines only, and records that, not the week.
func TestReviewSignOffScope(t *testing.T) {
	a, _ := reviewApp(t)
	w := a.Window()
	week, _ := model.ParseISOWeek("2026-W49")
	lawyer := find(t, w, func(e *widget.Entry) bool { return strings.HasPrefix(e.PlaceHolder, "Filter by lawyer") })
	test.Type(lawyer, "Me Test")
	lawyer.OnSubmitted(lawyer.Text)
	test.Tap(button(t, w, "Sign off Me Test’s deadlines"))
	confirmOverlay(t, w, "filtered on “Me Test”", "Sign off")
	v := a.Vault()
	if so, err := v.WeekSignOff(week, ""); err != nil || so != nil {
		t.Errorf("signing off a filtered review signed the whole week: %+v %v", so, err)
	}
	if so, err := v.WeekSignOff(week, "Me Test"); err != nil || so == nil || so.By != v.Author() {
		t.Errorf("the lawyer's sign-off: %+v %v", so, err)
	}
	label(t, w, "Me Test’s deadlines reviewed by "+v.Author())
	label(t, w, "This week has not been signed off")

	// Cancelling the dialog records nothing.
	lawyer.SetText("")
	lawyer.OnSubmitted("")
	test.Tap(button(t, w, "Sign off the whole week"))
	confirmOverlay(t, w, "every deadline of week 2026-W49, all lawyers", "Cancel")
	if so, _ := v.WeekSignOff(week, ""); so != nil {
		t.Error("a cancelled sign-off was recorded")
	}
}

// The review lists each day in the order its deadlines run out and marks
// hour rules and rétention cases; overdue deadlines of open cases fold
// under their count when many, so that the week stays in sight.
func TestReviewOrdersByHourAndMarks(t *testing.T) {
	u := urgentApp(t, "en_US.UTF-8")
	w := u.a.Window()
	h := model.Event{CaseID: u.later.ID, Kind: model.EventHearing, Date: model.Date{Year: 2026, Month: 11, Day: 30},
		Time: "09:30", Court: "TA de Montreuil"}
	if err := u.v.AddEvent(&h); err != nil {
		t.Fatal(err)
	}
	w49, _ := model.ParseISOWeek("2026-W49")
	u.a.showReviewWeek(w49)
	var monday []string
	in := false
	for _, l := range allOf[*widget.Label](t, w) {
		switch {
		case strings.HasPrefix(l.Text, "Monday 30 Nov 2026"):
			in = true
		case strings.HasPrefix(l.Text, "Tuesday"):
			in = false
		case in && strings.Contains(l.Text, "  ·  ") && !strings.HasPrefix(l.Text, "20"):
			monday = append(monday, l.Text)
		}
	}
	if len(monday) != 2 || !strings.Contains(monday[0], "TA de Montreuil") ||
		!strings.HasPrefix(monday[1], "[in hours · in rétention] Appeal against a removal order") {
		t.Fatalf("monday = %q", monday)
	}
	overdue := overdueTitle(t, w, "Overdue — 30 deadlines of open cases, the latest first")
	if overdue.Open {
		t.Error("thirty overdue deadlines unfolded above the week")
	}
	label(t, w, "Monday 30 Nov 2026")
}

// The case screen's header shows the next deadline, its hour and how long
// is left, in red, and counts down while shown.
func TestCaseHeaderNextDeadline(t *testing.T) {
	u := urgentApp(t, "en_US.UTF-8")
	w := u.a.Window()
	u.a.showCaseForm(u.retention.Ref)
	line := label(t, w, "Next deadline: ")
	if !strings.Contains(line.Text, u.due.In(time.Local).Format("15:04")) || !strings.Contains(line.Text, "30 h 0 min left") ||
		line.Importance != widget.DangerImportance {
		t.Errorf("header %q, importance %v", line.Text, line.Importance)
	}
	u.now = u.now.Add(29*time.Hour + 30*time.Minute)
	ticks[len(ticks)-1]() // the countdown's tick, each second
	if line := label(t, w, "Next deadline: "); !strings.Contains(line.Text, "30 minutes left") {
		t.Errorf("after 29 h 30 min the header says %q", line.Text)
	}
	u.a.showCaseForm(u.old[0].Ref)
	label(t, w, "No deadline to come")
	label(t, w, "1 overdue deadline")
}
