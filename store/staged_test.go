package store

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/fakeclinic"
	"casefile/model"
	"casefile/store/internal/feeds"
)

// stageCase stages the creation of nc as stagedBatch does, without a
// transaction.
func stageCase(t *testing.T, v *Vault, refs *refCounters, nc *NewCase) *change {
	t.Helper()
	var policy model.HolidayPolicy
	if err := v.db.View(func(txn *badger.Txn) (err error) {
		policy, err = loadPolicy(txn)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	c := &change{v: v, hlc: v.clock.Tick(), refs: refs, policy: &policy}
	if err := c.createCase(nc, &nc.File); err != nil {
		t.Fatal(err)
	}
	if err := c.finish(); err != nil {
		t.Fatal(err)
	}
	if err := c.stageReviewIndexes(); err != nil {
		t.Fatal(err)
	}
	return c
}

func kvStrings(kvs []kv) []string {
	var out []string
	for _, e := range kvs {
		out = append(out, fmt.Sprintf("%s del=%v val=%q", e.key, e.del, e.val))
	}
	slices.Sort(out)
	return out
}

// The review-index writes staged without a transaction are the ones
// refreshReviewIndexes makes in the transaction, with the change's writes
// applied: for cases with and without deadlines, owners and events.
func TestStagedReviewIndexesMatchTransaction(t *testing.T) {
	v := newVault(t)
	g := fakeclinic.New(11)
	today := model.DateOf(time.Now())
	refs := &refCounters{v: v, cur: map[string]int{}}
	situations := []model.Situation{model.SituationFree, model.SituationRetention, model.SituationHouseArrest}
	for i := 0; i < 60; i++ {
		h := g.Household(today)
		nc := NewCase{File: h.File, Notes: g.Notes(h.File, i%3, today)}
		if i%4 == 1 {
			nc.File.Lawyer = "" // deadlines without an owner
		}
		if i%5 != 0 {
			nc.File.Procedure = model.ProcRemovalOrder
			nc.Events = []model.Event{oqtf("", today.String(), situations[i%3])}
		}
		c := stageCase(t, v, refs, &nc)
		var got []kv
		txn := v.db.NewTransaction(true)
		c.txn = txn
		for _, e := range c.sets {
			if err := applyKV(txn, e); err != nil {
				t.Fatal(err)
			}
		}
		err := feeds.ReviewIndexWrites(len(c.sets), c.setAt,
			func(key []byte) ([]byte, bool, error) { return getRaw(txn, key) },
			func(key, val []byte, del bool) error {
				e := kv{key: key, val: val, del: del}
				got = append(got, e)
				return applyKV(txn, e)
			})
		txn.Discard()
		if err != nil {
			t.Fatal(err)
		}
		if a, b := kvStrings(c.post), kvStrings(got); !slices.Equal(a, b) {
			t.Fatalf("case %d: staged %v, in the transaction %v", i, a, b)
		}
		if i%5 != 0 && len(c.post) == 0 {
			t.Fatalf("case %d: no review-index write staged", i)
		}
		if err := v.commitStaged(nil, []*change{c}); err != nil {
			t.Fatal(err)
		}
	}
	mustCheck(t, v)
}

// A reference counter that moves between staging and commit (another
// writer created a case) fails the staged change instead of reusing a
// reference.
func TestStagedChangeSeesMovedCounter(t *testing.T) {
	v := newVault(t)
	refs := &refCounters{v: v, cur: map[string]int{}}
	nc := NewCase{File: sampleFile()}
	c := stageCase(t, v, refs, &nc)
	other := sampleFile()
	other.Opened = nc.File.Opened
	if err := v.SaveCase(&other); err != nil {
		t.Fatal(err)
	}
	if other.Ref != nc.File.Ref {
		t.Fatalf("test set-up: refs %s and %s", other.Ref, nc.File.Ref)
	}
	if err := v.commitStaged(nil, []*change{c}); !errors.Is(err, badger.ErrConflict) {
		t.Fatalf("commit after the counter moved: %v", err)
	}
	if l, _ := v.ListCases(); len(l) != 1 {
		t.Fatalf("%d cases", len(l))
	}
	mustCheck(t, v)
}

// A bulk creation of several transactions' worth keeps references in
// order and every case whole.
func TestCreateCasesSpansTransactions(t *testing.T) {
	v := newVault(t)
	g := fakeclinic.New(5)
	today := model.DateOf(time.Now())
	var cases []NewCase
	for i := 0; i < 700; i++ {
		h := g.Household(today)
		cases = append(cases, NewCase{File: h.File, Notes: g.Notes(h.File, 3, today)})
	}
	if err := v.CreateCases(cases); err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, nc := range cases {
		if nc.File.ID == "" || seen[nc.File.Ref] {
			t.Fatalf("case %+v: missing id or duplicate reference", nc.File.Case)
		}
		seen[nc.File.Ref] = true
	}
	if l, _ := v.ListCases(); len(l) != len(cases) {
		t.Fatalf("%d cases listed", len(l))
	}
	mustCheck(t, v)
}
