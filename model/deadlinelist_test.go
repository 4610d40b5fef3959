package model

import (
	"slices"
	"testing"
	"time"
)

func TestSortDeadlines(t *testing.T) {
	d1, d2 := Date{2026, time.March, 1}, Date{2026, time.March, 2}
	at := time.Date(2026, time.March, 1, 9, 0, 0, 0, time.UTC)
	ds := []Deadline{
		{ID: "e", Due: d2},
		{ID: "d", Due: d1, DueAt: at.Add(time.Hour)},
		{ID: "c", Due: d1, DueAt: at},
		{ID: "b", Due: d1},
		{ID: "a", Due: d1},
	}
	SortDeadlines(ds)
	var got []string
	for _, d := range ds {
		got = append(got, d.ID)
	}
	if want := []string{"a", "b", "c", "d", "e"}; !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
}

// A computed deadline gets its plan entry by key; a manual one, a hearing's
// and one no longer planned get none.
func TestJoinPlan(t *testing.T) {
	plan := []Planned{
		{Kind: DeadlineComputed, Source: "ev1", RuleID: "r1"},
		{Kind: DeadlineHearing, Source: "ev2"},
	}
	ds := []Deadline{
		{ID: "a", Kind: DeadlineComputed, Source: "ev1", RuleID: "r1"},
		{ID: "b", Kind: DeadlineComputed, Source: "ev1", RuleID: "gone"},
		{ID: "c", Kind: DeadlineHearing, Source: "ev2"},
		{ID: "d", Kind: DeadlineManual, Label: "call"},
	}
	views := JoinPlan(ds, plan)
	if len(views) != len(ds) {
		t.Fatalf("%d views for %d deadlines", len(views), len(ds))
	}
	for i, v := range views {
		if v.Deadline.ID != ds[i].ID {
			t.Fatalf("view %d is of %s, want %s", i, v.Deadline.ID, ds[i].ID)
		}
		if want := i == 0; (v.Plan != nil) != want {
			t.Errorf("%s: plan %v", v.Deadline.ID, v.Plan)
		}
	}
	if views[0].Plan != &plan[0] {
		t.Errorf("a's plan is not plan[0]")
	}
}
