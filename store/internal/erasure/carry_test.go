package erasure

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/engine"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// A plan left under meta/erasing/ is found by Pending, and CarryOut
// deletes what it lists (prefixes, exact keys — not the keys they are a
// prefix of), writes back its rewritten log entries and removes the plan;
// run again, it changes nothing more.
func TestPendingAndCarryOut(t *testing.T) {
	bdb, err := badger.Open(badger.DefaultOptions("").WithInMemory(true).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	defer bdb.Close()
	db := &engine.DB{DB: bdb}
	plan := Plan{
		Case:     "c1",
		Prefixes: []string{"rec/case/c1", "log/0001/dev"},
		Keys:     []string{"idx/ref/2026-K7-1000"},
		Rewrites: map[string][]byte{"log/0002/dev": []byte("kept ops")},
		Records:  []string{"case/c1"},
	}
	planBytes, _ := json.Marshal(plan)
	if err := db.Update(func(txn *badger.Txn) error {
		for k, v := range map[string]string{
			"rec/case/c1": "x", "rec/case/c2": "y", "log/0001/dev": "ops", "log/0002/dev": "mixed ops",
			"idx/ref/2026-K7-1000": "c1", "idx/ref/2026-K7-10000": "c3",
		} {
			if err := txn.Set([]byte(k), []byte(v)); err != nil {
				return err
			}
		}
		return txn.Set(layout.ErasingKey("c1"), planBytes)
	}); err != nil {
		t.Fatal(err)
	}
	var plans []*Plan
	if err := db.View(func(txn *badger.Txn) (err error) { plans, err = Pending(txn); return err }); err != nil {
		t.Fatal(err)
	}
	if len(plans) != 1 || plans[0].Case != "c1" || !slices.Equal(plans[0].Prefixes, plan.Prefixes) {
		t.Fatalf("Pending: %+v", plans)
	}
	for range 2 {
		if err := CarryOut(db, plans[0], 1); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{
			"rec/case/c1": "", "rec/case/c2": "y", "log/0001/dev": "", "log/0002/dev": "kept ops",
			"idx/ref/2026-K7-1000": "", "idx/ref/2026-K7-10000": "c3", string(layout.ErasingKey("c1")): "",
		}
		if err := db.View(func(txn *badger.Txn) error {
			for k, w := range want {
				v, ok, err := read.Raw(txn, []byte(k))
				if err != nil {
					return err
				}
				if (w == "") == ok || string(v) != w {
					t.Errorf("%s = %q (present %v), want %q", k, v, ok, w)
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}
