package store

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"casefile/fakeclinic"
	"casefile/model"
	"casefile/search"
)

// feedReader keeps, as a face's search index does, each case's search
// document as read back when the feed names the case.
type feedReader struct {
	v    *Vault
	mu   sync.Mutex
	docs map[string]*search.Doc // nil: gone
}

func watch(t *testing.T, v *Vault) *feedReader {
	r := &feedReader{v: v, docs: map[string]*search.Doc{}}
	stop := v.WatchCases(func(ch CaseChanges) {
		if ch.All {
			t.Errorf("feed said All for a small change")
			return
		}
		for _, id := range ch.Cases {
			d, err := v.SearchDoc(id)
			r.mu.Lock()
			switch {
			case err == nil:
				r.docs[id] = &d
			case errors.Is(err, ErrNotFound):
				r.docs[id] = nil
			default:
				t.Errorf("read back %s: %v", id, err)
			}
			r.mu.Unlock()
		}
	})
	t.Cleanup(stop)
	return r
}

// has waits for the feed, then reports whether the case's document holds
// text (a name or note words); "" asks whether the case is gone.
func (r *feedReader) has(id, text string) bool {
	r.v.SyncFeed()
	r.mu.Lock()
	defer r.mu.Unlock()
	d, seen := r.docs[id]
	if !seen {
		return false
	}
	if text == "" {
		return d == nil
	}
	if d == nil {
		return false
	}
	if strings.Contains(d.Ref, text) {
		return true
	}
	for _, p := range d.People {
		if strings.Contains(p.FamilyName+" "+p.GivenNames, text) {
			return true
		}
	}
	for _, n := range d.Notes {
		if strings.Contains(n, text) {
			return true
		}
	}
	return false
}

// Every write path tells the feed which cases changed, after the commit:
// a subscriber reading the case back sees the change (save, note, merge,
// import, sync of a case, a person and a note, erasure here and received).
func TestCaseFeedFollowsEveryWritePath(t *testing.T) {
	a := newVault(t)
	r := watch(t, a)

	// Save: a new case, then a form's edit.
	f := fakeCase(1)
	if err := a.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	if !r.has(f.ID, f.Person.FamilyName) {
		t.Fatal("new case not in the feed")
	}
	form, base, _ := a.CaseForEdit(f.ID)
	form.Person.FamilyName = "Okonkwo"
	edits, _ := CaseEdits(form, []string{"person.family_name"})
	if _, _, err := a.SaveCaseChanges(f.ID, edits, base); err != nil {
		t.Fatal(err)
	}
	if !r.has(f.ID, "Okonkwo") {
		t.Fatal("edited name not in the feed")
	}

	// A note added in the case screen.
	if err := a.AddNote(&model.Note{CaseID: f.ID, Text: "entretien Zarqawimarker"}); err != nil {
		t.Fatal(err)
	}
	if !r.has(f.ID, "Zarqawimarker") {
		t.Fatal("note not in the feed")
	}

	// A merge: the second case's person becomes the first's.
	g := fakeCase(2)
	if err := a.SaveCase(&g); err != nil {
		t.Fatal(err)
	}
	if _, err := a.MergePersons(f.PersonID, g.PersonID); err != nil {
		t.Fatal(err)
	}
	if !r.has(g.ID, "Okonkwo") {
		t.Fatal("merged case not in the feed")
	}

	// Import: the cases of a bundle.
	b := newVault(t)
	imported := fillClinic(t, b, 2, 8)
	ex, err := b.ExportCases(refsOf(imported))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.ImportCases(ex); err != nil {
		t.Fatal(err)
	}
	for _, c := range imported {
		if !r.has(c.ID, c.Person.FamilyName) {
			t.Fatalf("imported case %s not in the feed", c.Ref)
		}
	}

	// Sync: a colleague's new case, a person renamed, a note.
	drain(t, a)
	apply(t, b, drain(t, a)) // nothing: b only imports what a sends next
	synced := fillClinic(t, b, 1, 9)[0]
	if _, err := b.SetCaseFields(imported[0].Ref, map[string]string{"person.given_names": "Soraya"}); err != nil {
		t.Fatal(err)
	}
	if err := b.AddNote(&model.Note{CaseID: imported[1].ID, Text: "audience Qelbimarker"}); err != nil {
		t.Fatal(err)
	}
	apply(t, a, drain(t, b))
	if !r.has(synced.ID, synced.Person.FamilyName) || !r.has(imported[0].ID, "Soraya") || !r.has(imported[1].ID, "Qelbimarker") {
		t.Fatal("what sync brought is not in the feed")
	}

	// Erasure, here and received through sync.
	if _, err := a.EraseCase(f.ID); err != nil {
		t.Fatal(err)
	}
	if !r.has(f.ID, "") {
		t.Fatal("erased case not gone from the feed")
	}
	if _, err := b.EraseCase(synced.ID); err != nil {
		t.Fatal(err)
	}
	apply(t, a, drain(t, b))
	if n, err := a.EraseReceived(); err != nil || n != 1 {
		t.Fatalf("erase received: %d, %v", n, err)
	}
	if !r.has(synced.ID, "") {
		t.Fatal("case erased through sync not gone from the feed")
	}
	mustCheck(t, a)
}

// An import that fails is rolled back; whatever the feed said meanwhile, a
// subscriber reading back finds none of its cases.
func TestCaseFeedAfterRolledBackImport(t *testing.T) {
	a, b := newVault(t), newVault(t)
	r := watch(t, a)
	imported := fillClinic(t, b, 120, 10) // several transactions
	ex, err := b.ExportCases(refsOf(imported))
	if err != nil {
		t.Fatal(err)
	}
	txns := countTxns(t, func(seq int) error {
		if seq == 2 {
			return errors.New("disk full (test)")
		}
		return nil
	})
	if _, err := a.ImportCases(ex); err == nil || txns.Load() != 2 {
		t.Fatalf("import: %v after %d transactions", err, txns.Load())
	}
	a.SyncFeed()
	r.mu.Lock()
	defer r.mu.Unlock()
	for id, d := range r.docs {
		if d != nil {
			t.Fatalf("case %s of a rolled-back import read back", id)
		}
	}
}

func fakeCase(seed int64) model.CaseFile {
	f := fakeclinic.New(seed).CaseFile(model.DateOf(time.Now()))
	f.ID, f.Ref = "", ""
	return f
}

// BenchmarkCaseFeedImport measures what the case feed costs an import of
// 500 cases with a subscriber that reads each case back as the app's
// search index does (time to the last delivery), against the same import
// with no subscriber.
func BenchmarkCaseFeedImport(b *testing.B) {
	src := newVault(b)
	files := fillClinic(b, src, 500, 41)
	ex, err := src.ExportCases(refsOf(files))
	if err != nil {
		b.Fatal(err)
	}
	for _, watched := range []bool{false, true} {
		name := "no subscriber"
		if watched {
			name = "subscriber reading back"
		}
		b.Run(name, func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				v := newVault(b)
				read := 0
				if watched {
					stop := v.WatchCases(func(ch CaseChanges) {
						for _, id := range ch.Cases {
							if _, err := v.SearchDoc(id); err == nil {
								read++
							}
						}
					})
					defer stop()
				}
				b.StartTimer()
				if _, err := v.ImportCases(ex); err != nil {
					b.Fatal(err)
				}
				v.SyncFeed()
				b.StopTimer()
				if watched && read < len(files) {
					b.Fatalf("read back %d of %d cases", read, len(files))
				}
				v.Close()
			}
		})
	}
}
