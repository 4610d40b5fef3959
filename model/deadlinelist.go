package model

import (
	"cmp"
	"slices"

	"casefile/model/deadline"
)

// A case's deadlines as the faces list them: in order, each joined with
// the plan entry it was computed from. Pure: the store reads the deadlines
// and computes the plan, then calls these.

// SortDeadlines sorts deadlines by due day, then instant, then id.
func SortDeadlines(ds []Deadline) {
	slices.SortStableFunc(ds, func(a, b Deadline) int {
		return cmp.Or(deadline.Date(a.Due).Compare(deadline.Date(b.Due)), a.DueAt.Compare(b.DueAt), cmp.Compare(a.ID, b.ID))
	})
}

// DeadlineView is a deadline with the plan entry it was computed from (nil
// for manual deadlines and for those no longer planned): what both faces
// need to say why a date is what it is.
type DeadlineView struct {
	Deadline Deadline
	Plan     *Planned
}

// JoinPlan joins a case's deadlines, by key, with its current plan: a
// computed deadline gets the plan entry of its key, if there is one. The
// views point into plan.
func JoinPlan(ds []Deadline, plan []Planned) []DeadlineView {
	byKey := make(map[string]*Planned, len(plan))
	for i := range plan {
		byKey[plan[i].Key()] = &plan[i]
	}
	out := make([]DeadlineView, len(ds))
	for i, d := range ds {
		out[i] = DeadlineView{Deadline: d}
		if p, ok := byKey[d.Key()]; ok && d.Kind == DeadlineComputed {
			out[i].Plan = p
		}
	}
	return out
}
