package model

import (
	"slices"
	"testing"
)

func TestCaseRelatedIDsAndInvolves(t *testing.T) {
	c := Case{PersonID: "p1", Related: []Related{{PersonID: "p2", Role: RoleChild}, {PersonID: "p3"}}}
	if got := c.RelatedIDs(); !slices.Equal(got, []string{"p2", "p3"}) {
		t.Errorf("RelatedIDs: %v", got)
	}
	for _, id := range []string{"p1", "p2", "p3"} {
		if !c.Involves(id) {
			t.Errorf("%s not involved", id)
		}
	}
	if c.Involves("p4") || c.Involves("") {
		t.Error("a stranger is involved")
	}
}
