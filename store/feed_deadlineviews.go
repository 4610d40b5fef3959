package store

import "casefile/model"

// DeadlineView is a deadline with the plan entry it was computed from (nil
// for manual deadlines and for those no longer planned): what both faces
// need to say why a date is what it is.
type DeadlineView struct {
	Deadline model.Deadline
	Plan     *model.Planned
}

// DeadlineViews returns a case's deadlines joined, by key, with its current
// plan.
func (v *Vault) DeadlineViews(caseID string) ([]DeadlineView, error) {
	ds, err := v.Deadlines(caseID)
	if err != nil {
		return nil, err
	}
	plan, err := v.Plan(caseID)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]*model.Planned, len(plan))
	for i := range plan {
		byKey[plan[i].Key()] = &plan[i]
	}
	out := make([]DeadlineView, len(ds))
	for i, d := range ds {
		out[i] = DeadlineView{Deadline: d}
		if p, ok := byKey[d.Key()]; ok && d.Kind == model.DeadlineComputed {
			out[i].Plan = p
		}
	}
	return out, nil
}
