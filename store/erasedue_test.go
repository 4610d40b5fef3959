package store

import (
	"errors"
	"testing"
	"time"

	"casefile/model"
)

// TestEraseDueRefusesOpenAndNotYetDue: the retention guard is the store's,
// so every face gets it: an open case and a closed one whose retention
// period has not run out are refused, and nothing is erased; the day the
// period ends, the case goes.
func TestEraseDueRefusesOpenAndNotYetDue(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	today := model.ParisDate(time.Now())
	var nd *NotDueError
	if _, err := v.EraseDue(f.Ref, today); !errors.As(err, &nd) || !nd.Open || nd.Ref != f.Ref {
		t.Fatalf("open case: %v", err)
	}
	f.Status, f.Closed, f.EndOfMission = model.StatusClosed, today, today
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	years, err := v.RetentionYears()
	if err != nil {
		t.Fatal(err)
	}
	from := model.DateOf(today.Time(time.UTC).AddDate(years, 0, 0))
	if _, err := v.EraseDue(f.ID, from.AddDays(-1)); !errors.As(err, &nd) || nd.Open || nd.From != from {
		t.Fatalf("not yet due: %v", err)
	}
	if _, err := v.Case(f.ID); err != nil {
		t.Fatalf("a refused erasure erased: %v", err)
	}
	rep, err := v.EraseDue(f.Ref, from)
	if err != nil || rep.Ref != f.Ref {
		t.Fatalf("due: %v %+v", err, rep)
	}
	if _, err := v.Case(f.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("erased case still read: %v", err)
	}
}

// TestSyncAndErasureNeverOverlap: an erasure asked for during a sync waits
// for its end, and a sync begun during an erasure waits for the erasure.
func TestSyncAndErasureNeverOverlap(t *testing.T) {
	v := newVault(t)
	var ids []string
	for range 2 {
		f := sampleFile()
		if err := v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, f.ID)
	}
	end := v.BeginSync()
	erased := make(chan error)
	go func() {
		_, err := v.EraseCase(ids[0])
		erased <- err
	}()
	select {
	case err := <-erased:
		t.Fatalf("the erasure ran during the sync (%v)", err)
	case <-time.After(300 * time.Millisecond):
	}
	if _, err := v.Case(ids[0]); err != nil {
		t.Fatalf("erased during the sync: %v", err)
	}
	end()
	if err := <-erased; err != nil {
		t.Fatal(err)
	}

	// The other way: a sync waits for the erasure that holds the vault.
	v.syncErase.Lock() // as EraseCase does, for as long as it runs
	began := make(chan func())
	go func() { began <- v.BeginSync() }()
	select {
	case <-began:
		t.Fatal("a sync began during an erasure")
	case <-time.After(300 * time.Millisecond):
	}
	v.syncErase.Unlock()
	(<-began)()
}
