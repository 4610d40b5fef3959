package store

import (
	"errors"
	"reflect"
	"runtime"
	"slices"
	"testing"

	"casefile/model"
	"casefile/search"
)

// Closing the vault while the search documents are being read (the app
// locking during the index build at unlock) stops the read cleanly instead
// of closing Badger under its iterator.
func TestCloseDuringEachSearchDoc(t *testing.T) {
	v := newVault(t)
	for range 50 {
		f := sampleFile()
		if err := v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
	}
	started, release := make(chan struct{}), make(chan struct{})
	done := make(chan error)
	go func() {
		n := 0
		done <- v.EachSearchDoc(func(search.Doc) {
			if n++; n == 1 {
				close(started)
				<-release
			}
		}, func(string, string) {})
	}()
	<-started
	closed := make(chan struct{})
	go func() { v.Close(); close(closed) }()
	for !v.closing.Load() {
		runtime.Gosched()
	}
	close(release)
	if err := <-done; !errors.Is(err, ErrClosed) {
		t.Fatalf("read during close: %v, want ErrClosed", err)
	}
	<-closed
	if err := v.EachSearchDoc(func(search.Doc) {}, func(string, string) {}); !errors.Is(err, ErrClosed) {
		t.Fatalf("after close: %v", err)
	}
}

// EachSearchDoc's three passes give each case the same people and notes as
// SearchDoc's reads by key, the path used after a single change.
func TestEachSearchDocMatchesSearchDoc(t *testing.T) {
	v := newVault(t)
	files := fillClinic(t, v, 120, 11)
	for _, f := range files[:10] { // notes added later sort after other cases' notes
		if err := v.AddNote(&model.Note{CaseID: f.ID, Text: "rappel préfecture " + f.Ref}); err != nil {
			t.Fatal(err)
		}
	}
	docs := map[string]search.Doc{}
	notes := map[string][]string{}
	err := v.EachSearchDoc(func(d search.Doc) { docs[d.CaseID] = d }, func(caseID, text string) {
		notes[caseID] = append(notes[caseID], text)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != len(files) {
		t.Fatalf("%d documents, want %d", len(docs), len(files))
	}
	related := 0
	for _, f := range files {
		want, err := v.SearchDoc(f.ID)
		if err != nil {
			t.Fatal(err)
		}
		got := docs[f.ID]
		got.Notes = notes[f.ID]
		slices.Sort(got.Notes)
		slices.Sort(want.Notes)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("case %s:\n got %+v\nwant %+v", f.Ref, got, want)
		}
		related += len(got.People) - 1
	}
	if related == 0 {
		t.Fatal("the fictional clinic has no relatives: the test proves nothing about them")
	}
}

// Version moves with every commit, and only then.
func TestVersionMovesWithCommits(t *testing.T) {
	v := newVault(t)
	before := v.Version()
	if again := v.Version(); again != before {
		t.Fatalf("version moved without a write: %d → %d", before, again)
	}
	if _, err := v.ListCases(); err != nil {
		t.Fatal(err)
	}
	if again := v.Version(); again != before {
		t.Fatalf("version moved on a read: %d → %d", before, again)
	}
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	if after := v.Version(); after <= before {
		t.Fatalf("version after a write: %d, before %d", after, before)
	}
}
