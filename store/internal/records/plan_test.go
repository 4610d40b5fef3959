package records

import (
	"errors"
	"sync/atomic"
	"testing"
)

func TestPlanEachPlansEveryCaseOnce(t *testing.T) {
	const n = 1000
	var seen [n]atomic.Int32
	if err := PlanEach(n, func(i int) error { seen[i].Add(1); return nil }); err != nil {
		t.Fatal(err)
	}
	for i := range seen {
		if c := seen[i].Load(); c != 1 {
			t.Fatalf("case %d planned %d times, want 1", i, c)
		}
	}
	if err := PlanEach(0, func(int) error { t.Fatal("planned a case of none"); return nil }); err != nil {
		t.Fatal(err)
	}
}

func TestPlanEachStopsAtAnError(t *testing.T) {
	bad := errors.New("bad plan")
	var planned atomic.Int32
	err := PlanEach(100000, func(i int) error {
		planned.Add(1)
		if i == 10 {
			return bad
		}
		return nil
	})
	if !errors.Is(err, bad) {
		t.Fatalf("err = %v, want %v", err, bad)
	}
	if planned.Load() == 100000 {
		t.Error("every case was planned after an error")
	}
}
