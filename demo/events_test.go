package demo

import (
	"slices"
	"testing"
	"time"

	"casefile/model"
	"casefile/store"
)

// A demo vault has deadlines over the past and the coming weeks: overdue
// ones, hour-based ones (rétention), hearings; and the same seed gives the
// same events.
func TestFillRecordsEventsAndDeadlines(t *testing.T) {
	c, err := store.Create(t.TempDir(), "demo passphrase long")
	if err != nil {
		t.Fatal(err)
	}
	defer c.Vault.Close()
	v := c.Vault
	if err := Fill(v, 400, 7, nil); err != nil {
		t.Fatal(err)
	}
	rep, err := v.Check()
	if err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
	today := model.DateOf(time.Now())
	in := func(n int) model.Date { return model.DateOf(time.Now().AddDate(0, 0, n)) }
	overdue, _ := v.DueBetween(model.Date{}, in(-1))
	coming, _ := v.DueBetween(today, in(28))
	if len(overdue) < 20 || len(coming) < 20 {
		t.Fatalf("%d overdue, %d in the coming four weeks", len(overdue), len(coming))
	}
	var hours, hearings int
	all, _ := v.DueBetween(model.Date{}, in(5000))
	for _, it := range all {
		switch {
		case it.Kind == model.DeadlineHearing:
			hearings++
		case !it.DueAt.IsZero():
			hours++
		}
	}
	if hours == 0 || hearings == 0 {
		t.Fatalf("%d hour deadlines, %d hearings", hours, hearings)
	}

	// Determinism: the events drawn for the same cases on the same day.
	list, _ := v.ListCases()
	var files []model.CaseFile
	for _, s := range list {
		f, _ := v.Case(s.ID)
		files = append(files, *f)
	}
	draw := func() []model.Event {
		g := newEventGen(7, today)
		var out []model.Event
		for _, f := range files {
			out = append(out, g.events(f)...)
		}
		return out
	}
	if a, b := draw(), draw(); !slices.Equal(a, b) || len(a) == 0 {
		t.Fatal("event generation is not deterministic")
	}
}
