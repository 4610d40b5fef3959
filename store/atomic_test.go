package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/fakeclinic"
	"casefile/model"
	"casefile/store/internal/engine"
	"casefile/store/internal/layout"
)

// countTxns counts the transactions of atomic changes until the test ends;
// fail, when set, is asked after each.
func countTxns(t *testing.T, fail func(seq int) error) *atomic.Int64 {
	t.Helper()
	var n atomic.Int64
	engine.Committed = func(_ string, seq int) error {
		n.Add(1)
		if fail != nil {
			return fail(seq)
		}
		return nil
	}
	t.Cleanup(func() { engine.Committed, engine.RolledBack = nil, nil })
	return &n
}

// caseCount is what a reader sees: the case list, and the case records.
// seenBeforeOrAfter asserts that a change of several transactions (txns)
// showed its readers only the case count before it or after it, and that
// v holds the count after.
func seenBeforeOrAfter(t *testing.T, v *Vault, what string, txns int64, seen map[int]bool, reads int, before, after int) {
	t.Helper()
	if txns < 2 {
		t.Fatalf("the %s took %d transaction(s); the test needs several", what, txns)
	}
	for n := range seen {
		if n != before && n != after {
			t.Fatalf("a reader saw %d cases during the %s (before %d, after %d)", n, what, before, after)
		}
	}
	t.Logf("%d transactions, %d reads, counts seen %v", txns, reads, seen)
	if l, r, _ := caseCount(t, v); l != after || r != after {
		t.Fatalf("after: %d listed, %d records, want %d", l, r, after)
	}
}

func caseCount(t *testing.T, v *Vault) (listed, records int, err error) {
	l, err := v.ListCases()
	if err != nil {
		return 0, 0, err
	}
	return len(l), keysUnder(t, v, "rec/"+KindCase+"/"), nil
}

// pollCounts reads the case count in a loop until stop is closed and
// returns every distinct count seen and how many reads were made.
func pollCounts(t *testing.T, v *Vault, stop <-chan struct{}) func() (map[int]bool, int) {
	seen := map[int]bool{}
	reads := 0
	var mu sync.Mutex
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			select {
			case <-stop:
				return
			default:
			}
			l, err := v.ListCases()
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			seen[len(l)] = true
			reads++
			mu.Unlock()
		}
	}()
	return func() (map[int]bool, int) {
		<-done
		mu.Lock()
		defer mu.Unlock()
		return seen, reads
	}
}

// exportAll exports every case of v.
func exportAll(t *testing.T, v *Vault, files []model.CaseFile) []CaseExport {
	t.Helper()
	ex, err := v.ExportCases(refsOf(files))
	if err != nil {
		t.Fatal(err)
	}
	return ex
}

// An import of several transactions is visible at once: a reader polling
// the case list meanwhile sees the count before or the count after.
func TestImportIsVisibleAtOnce(t *testing.T) {
	a, b := newVault(t), newVault(t)
	files := fillClinic(t, a, 160, 21)
	ex := exportAll(t, a, files)
	fillClinic(t, b, 3, 22) // b has cases of its own
	before, _, _ := caseCount(t, b)

	txns := countTxns(t, nil)
	stop := make(chan struct{})
	wait := pollCounts(t, b, stop)
	time.Sleep(5 * time.Millisecond)
	res, err := b.ImportCases(ex)
	close(stop)
	if err != nil {
		t.Fatal(err)
	}
	seen, reads := wait()
	if res.NewCases != len(files) {
		t.Fatalf("%+v", res)
	}
	seenBeforeOrAfter(t, b, "import", txns.Load(), seen, reads, before, before+len(files))
	if keysUnder(t, b, "meta/atomic/")+keysUnder(t, b, layout.Undo) != 0 {
		t.Fatal("journal or undo entries left after a finished import")
	}
	mustCheck(t, b)
	if snapshot(t, a, refsOf(files)) != snapshot(t, b, refsOf(files)) {
		t.Fatal("imported cases differ from the exported ones")
	}
	res, err = b.ImportCases(ex)
	if err != nil || res.Unchanged != len(files) {
		t.Fatalf("again: %+v %v", res, err)
	}
}

// An import that fails after some of its transactions committed leaves
// nothing; the same import then succeeds.
func TestImportFailingMidwayRollsBack(t *testing.T) {
	a, b := newVault(t), newVault(t)
	files := fillClinic(t, a, 120, 23)
	ex := exportAll(t, a, files)
	// b already holds the first cases, edited since: the rollback must
	// put back their values, not only delete what was new.
	if _, err := b.ImportCases(ex[:20]); err != nil {
		t.Fatal(err)
	}
	if _, err := a.SetCaseFields(files[5].Ref, map[string]string{"prefecture": "Moselle (Metz)"}); err != nil {
		t.Fatal(err)
	}
	ex = exportAll(t, a, files)
	old := snapshot(t, b, refsOf(files[:20]))

	boom := errors.New("disk full (test)")
	txns := countTxns(t, func(seq int) error {
		if seq == 2 {
			return boom
		}
		return nil
	})
	if _, err := b.ImportCases(ex); !errors.Is(err, boom) {
		t.Fatalf("import: %v", err)
	}
	if txns.Load() != 2 {
		t.Fatalf("%d transactions before the failure", txns.Load())
	}
	if l, r, _ := caseCount(t, b); l != 20 || r != 20 {
		t.Fatalf("after a failed import: %d listed, %d records, want 20", l, r)
	}
	if snapshot(t, b, refsOf(files[:20])) != old {
		t.Fatal("the cases already there were not put back as they were")
	}
	if keysUnder(t, b, "meta/atomic/")+keysUnder(t, b, layout.Undo) != 0 {
		t.Fatal("journal or undo entries left after a rollback")
	}
	mustCheck(t, b)
	engine.Committed = nil
	if res, err := b.ImportCases(ex); err != nil || res.NewCases != 100 || res.UpdatedCases != 1 {
		t.Fatalf("import again: %+v %v", res, err)
	}
	mustCheck(t, b)
	if snapshot(t, a, refsOf(files)) != snapshot(t, b, refsOf(files)) {
		t.Fatal("imported cases differ from the exported ones")
	}
}

// A crash in the middle of an import (simulated: the change is left as a
// kill would leave it) is rolled back at the next open, and a rollback
// itself cut midway is finished by the open after.
func TestImportCutThenRollbackCut(t *testing.T) {
	a := newVault(t)
	files := fillClinic(t, a, 120, 24)
	ex := exportAll(t, a, files)
	dir := t.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	b := c.Vault
	if _, err := b.ImportCases(ex[:10]); err != nil {
		t.Fatal(err)
	}
	old := snapshot(t, b, refsOf(files[:10]))

	countTxns(t, func(seq int) error {
		if seq == 3 {
			return engine.ErrSimulatedCrash
		}
		return nil
	})
	if _, err := b.ImportCases(ex); !errors.Is(err, engine.ErrSimulatedCrash) {
		t.Fatalf("import: %v", err)
	}
	if _, err := b.ListCases(); err == nil {
		t.Fatal("a vault with a cut atomic change still answers reads")
	}
	b.Close()
	engine.Committed = nil

	// The first open is cut after one undo entry (of three).
	stopped := errors.New("cut (test)")
	engine.RolledBack = func([]byte) error { return stopped }
	if _, err := Open(dir, testPass); !errors.Is(err, stopped) {
		t.Fatalf("open: %v", err)
	}
	engine.RolledBack = nil
	b, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if l, r, _ := caseCount(t, b); l != 10 || r != 10 {
		t.Fatalf("after the rollback: %d listed, %d records, want 10", l, r)
	}
	if snapshot(t, b, refsOf(files[:10])) != old {
		t.Fatal("the cases already there changed")
	}
	if keysUnder(t, b, "meta/atomic/")+keysUnder(t, b, layout.Undo) != 0 {
		t.Fatal("journal or undo entries left after the rollback")
	}
	mustCheck(t, b)
	// Rolling back again is harmless.
	if n, err := engine.Recover(b.db.DB); err != nil || n != 0 {
		t.Fatalf("recover again: %d %v", n, err)
	}
	if res, err := b.ImportCases(ex); err != nil || res.NewCases != 110 {
		t.Fatalf("import again: %+v %v", res, err)
	}
	mustCheck(t, b)
}

// newCases makes n fictional new cases with notes.
func newCases(n int, seed int64) []NewCase {
	g := fakeclinic.New(seed)
	today := model.DateOf(time.Now())
	cases := make([]NewCase, n)
	for i := range cases {
		h := g.Household(today)
		cases[i] = NewCase{File: h.File, Notes: g.Notes(h.File, 3, today)}
		for _, r := range h.Relatives {
			cases[i].Relatives = append(cases[i].Relatives, Relative{Person: r.Person, Role: r.Role})
		}
	}
	return cases
}

// The CSV import's creation (CreateCasesAtomic) of several transactions
// is visible at once, and leaves nothing when it fails midway.
func TestCreateCasesAtomic(t *testing.T) {
	v := newVault(t)
	fillClinic(t, v, 2, 25)
	before, _, _ := caseCount(t, v)
	// The reference counters, written by every transaction of the
	// creation: the rollback puts back their first value.
	counters := func() map[string]string {
		m := map[string]string{}
		if err := v.db.View(func(txn *badger.Txn) error {
			return scan(txn, "meta/refseq/", func(k, b []byte) error { m[string(k)] = string(b); return nil })
		}); err != nil {
			t.Fatal(err)
		}
		return m
	}
	seq := counters()

	boom := errors.New("disk full (test)")
	txns := countTxns(t, func(seq int) error {
		if seq == 2 {
			return boom
		}
		return nil
	})
	if err := v.CreateCasesAtomic(newCases(500, 26)); !errors.Is(err, boom) {
		t.Fatalf("create: %v", err)
	}
	if l, r, _ := caseCount(t, v); l != before || r != before {
		t.Fatalf("after a failed creation: %d listed, %d records, want %d", l, r, before)
	}
	if got := counters(); fmt.Sprint(got) != fmt.Sprint(seq) {
		t.Fatalf("reference counters %v after the rollback, were %v", got, seq)
	}
	mustCheck(t, v)

	txns = countTxns(t, nil)
	stop := make(chan struct{})
	wait := pollCounts(t, v, stop)
	time.Sleep(5 * time.Millisecond)
	cases := newCases(500, 26)
	err := v.CreateCasesAtomic(cases)
	close(stop)
	if err != nil {
		t.Fatal(err)
	}
	seen, reads := wait()
	seenBeforeOrAfter(t, v, "creation", txns.Load(), seen, reads, before, before+len(cases))
	// References are not reused after the rolled-back attempt.
	refs := map[string]bool{}
	for _, nc := range cases {
		if refs[nc.File.Ref] {
			t.Fatalf("reference %s given twice", nc.File.Ref)
		}
		refs[nc.File.Ref] = true
	}
	mustCheck(t, v)
}

// A bundle import with documents that fails after some of its
// transactions leaves no case, no document and no chunk; the documents'
// pending markers come back with the rollback, so their staged bytes go.
func TestImportBundleFailingMidwayDropsDocuments(t *testing.T) {
	a, b := newVault(t), newVault(t)
	files := fillClinic(t, a, 120, 27)
	var docs []string
	for _, i := range []int{0, 119} { // in the first transaction and the last
		d, err := a.AddDocument(files[i].ID, "attestation.pdf", bytes.NewReader(randomBytes(ChunkSize+77, uint64(i))))
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d.ID)
	}
	ex := exportAll(t, a, files)
	boom := errors.New("disk full (test)")
	txns := countTxns(t, func(seq int) error {
		if seq == 2 {
			return boom
		}
		return nil
	})
	if _, err := b.ImportBundle(ex, ImportOptions{Documents: feedFrom(a, ex, nil)}); !errors.Is(err, boom) {
		t.Fatalf("import: %v", err)
	}
	if txns.Load() != 2 {
		t.Fatalf("%d transactions before the failure", txns.Load())
	}
	for _, p := range []string{"rec/case/", "doc/", "meta/docpending/", "rec/document/", "meta/atomic/", layout.Undo} {
		if n := keysUnder(t, b, p); n != 0 {
			t.Fatalf("a failed import left %d keys under %s", n, p)
		}
	}
	mustCheck(t, b)
	engine.Committed = nil
	if res, err := b.ImportBundle(ex, ImportOptions{Documents: feedFrom(a, ex, nil)}); err != nil || res.NewCases != len(files) {
		t.Fatalf("import again: %+v %v", res, err)
	}
	for _, id := range docs {
		if _, _, err := b.ReadDocument(id); err != nil {
			t.Fatalf("document %s after the import: %v", id, err)
		}
	}
	mustCheck(t, b)
}

// A read made inside another read does not wait for an atomic change that
// is waiting for the outer read to end (the gate prefers readers).
func TestNestedReadWhileChangeWaits(t *testing.T) {
	v := newVault(t)
	fillClinic(t, v, 2, 28)
	inner := make(chan error, 1)
	applied := make(chan error, 1)
	err := v.db.View(func(*badger.Txn) error {
		go func() { applied <- v.atomically("test", func(*atomicOp) error { return nil }) }()
		time.Sleep(20 * time.Millisecond) // the change is waiting now
		go func() { _, err := v.ListCases(); inner <- err }()
		select {
		case err := <-inner:
			return err
		case <-time.After(5 * time.Second):
			return errors.New("a nested read waited for the atomic change")
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-applied:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the atomic change did not run once the read ended")
	}
}

// Undo entries left by a change that finished (its marker gone) before a
// crash kept it from deleting them are dropped at open, not applied.
func TestFinishedChangeUndoCollectedAtOpen(t *testing.T) {
	dir := t.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	files := fillClinic(t, v, 3, 29)
	want := snapshot(t, v, refsOf(files))
	// As a crash right after the commit point would leave them: an undo
	// entry that would delete the first case if it were applied.
	var undo []byte
	for _, k := range [][]byte{layout.RecKey(KindCase, files[0].ID), layout.ListKey(files[0].ID)} {
		undo = binary.AppendUvarint(undo, uint64(len(k)))
		undo = append(undo, k...)
		undo = append(undo, 0)
	}
	if err := v.db.Update(func(txn *badger.Txn) error { return txn.Set(layout.UndoKey(newID(), 1), undo) }); err != nil {
		t.Fatal(err)
	}
	v.Close()
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if n := keysUnder(t, v, layout.Undo); n != 0 {
		t.Fatalf("%d undo entries left after open", n)
	}
	if snapshot(t, v, refsOf(files)) != want {
		t.Fatal("the cases changed")
	}
	mustCheck(t, v)
}
