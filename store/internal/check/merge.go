package check

import "casefile/model"

// checkMerged verifies merge tombstones: a merged person redirects to a
// person who exists, and no case still refers to a merged person.
func checkMerged(r *Report, cases map[string]model.Case, people map[string]model.Person) {
	for id, p := range people {
		if p.MergedInto == "" {
			continue
		}
		if _, ok := people[p.MergedInto]; !ok || p.MergedInto == id {
			r.addf("person %s is merged into %s, which does not exist", id, p.MergedInto)
		}
	}
	for id, c := range cases {
		for _, pid := range append([]string{c.PersonID}, c.RelatedIDs()...) {
			if p, ok := people[pid]; ok && p.MergedInto != "" {
				r.addf("case %s refers to %s, which was merged into another person", id, pid)
			}
		}
	}
}
