package store

import "casefile/model"

// DeadlineView is a deadline with the plan entry it was computed from
// (model.DeadlineView).
type DeadlineView = model.DeadlineView

// DeadlineViews returns a case's deadlines joined, by key, with its current
// plan (model.JoinPlan).
func (v *Vault) DeadlineViews(caseID string) ([]DeadlineView, error) {
	ds, err := v.Deadlines(caseID)
	if err != nil {
		return nil, err
	}
	plan, err := v.Plan(caseID)
	if err != nil {
		return nil, err
	}
	return model.JoinPlan(ds, plan), nil
}
