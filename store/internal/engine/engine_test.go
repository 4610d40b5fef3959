package engine

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

func memDB(t *testing.T) *DB {
	t.Helper()
	db, err := badger.Open(badger.DefaultOptions("").WithInMemory(true).WithLogger(nil))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return &DB{DB: db}
}

func get(t *testing.T, db *badger.DB, key string) (string, bool) {
	t.Helper()
	var val []byte
	var ok bool
	if err := db.View(func(txn *badger.Txn) (err error) {
		val, ok, err = read.Raw(txn, []byte(key))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return string(val), ok
}

func count(t *testing.T, db *badger.DB, prefix string) int {
	t.Helper()
	n := 0
	if err := db.View(func(txn *badger.Txn) error {
		return read.ScanKeys(txn, prefix, func([]byte) error { n++; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// An undo entry records each key once, with its value before the
// transaction or its absence, and decodes back to exactly that.
func TestUndoEntryRoundTrip(t *testing.T) {
	d := memDB(t)
	if err := d.Update(func(txn *badger.Txn) error { return txn.Set([]byte("rec/case/a"), []byte("old")) }); err != nil {
		t.Fatal(err)
	}
	op := &Op{db: d.DB, id: "op1"}
	txn := op.NewTxn()
	defer txn.Discard()
	for _, k := range []string{"rec/case/a", "rec/case/b", "rec/case/a"} {
		if err := op.Record(txn, []byte(k)); err != nil {
			t.Fatal(err)
		}
		if err := txn.Set([]byte(k), []byte("new")); err != nil {
			t.Fatal(err)
		}
	}
	if op.nUndo != 2 {
		t.Fatalf("%d undo records, want 2 (each key once)", op.nUndo)
	}
	recs, err := decodeUndo(op.undo)
	if err != nil {
		t.Fatal(err)
	}
	want := []undoRecord{{key: []byte("rec/case/a"), val: []byte("old"), present: true}, {key: []byte("rec/case/b")}}
	if len(recs) != len(want) {
		t.Fatalf("%d records, want %d", len(recs), len(want))
	}
	for i, r := range recs {
		if !bytes.Equal(r.key, want[i].key) || !bytes.Equal(r.val, want[i].val) || r.present != want[i].present {
			t.Errorf("record %d: %q %q %v, want %q %q %v", i, r.key, r.val, r.present, want[i].key, want[i].val, want[i].present)
		}
	}
	for _, bad := range [][]byte{{5, 'a'}, binary.AppendUvarint(nil, 1<<40), op.undo[:len(op.undo)-1], op.undo[:5]} {
		if _, err := decodeUndo(bad); err == nil {
			t.Errorf("decodeUndo(%q) accepted a malformed entry", bad)
		}
	}
}

// An atomic change rolled back (after a failure, or at the next open
// after a crash: Recover) leaves every key as it was, and neither marker
// nor undo entry; a finished one keeps its writes and DropUndo collects
// its undo entries.
func TestAtomicRollbackAndRecovery(t *testing.T) {
	d := memDB(t)
	if err := d.Update(func(txn *badger.Txn) error { return txn.Set([]byte("rec/case/a"), []byte("v0")) }); err != nil {
		t.Fatal(err)
	}
	write := func(op *Op, key, val string) error {
		txn := op.NewTxn()
		defer txn.Discard()
		if err := op.Record(txn, []byte(key)); err != nil {
			return err
		}
		if err := txn.Set([]byte(key), []byte(val)); err != nil {
			return err
		}
		return op.Commit(txn)
	}
	left := func() int { return count(t, d.DB, layout.Atomic) + count(t, d.DB, layout.Undo) }
	change := func(id, val string) *Op {
		op, err := Begin(d.DB, id, "test", time.Now())
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"rec/case/a", "rec/case/b"} {
			if err := write(op, k, val); err != nil {
				t.Fatal(err)
			}
		}
		return op
	}

	op := change("op1", "v1")
	if err := Rollback(d.DB, op.ID()); err != nil {
		t.Fatal(err)
	}
	if v, _ := get(t, d.DB, "rec/case/a"); v != "v0" {
		t.Errorf("a = %q after rollback, want v0", v)
	}
	if _, ok := get(t, d.DB, "rec/case/b"); ok {
		t.Error("b still there after rollback")
	}
	if n := left(); n != 0 {
		t.Errorf("%d markers or undo entries left after rollback", n)
	}

	// Cut: the marker is still there, so the next open rolls it back.
	change("op2", "v2")
	if v, _ := get(t, d.DB, "rec/case/a"); v != "v2" {
		t.Fatalf("a = %q before recovery, want the cut change's v2", v)
	}
	if n, err := Recover(d.DB); err != nil || n != 1 {
		t.Fatalf("Recover: %d, %v; want 1 change rolled back", n, err)
	}
	if v, _ := get(t, d.DB, "rec/case/a"); v != "v0" {
		t.Errorf("a = %q after recovery, want v0", v)
	}
	if n := left(); n != 0 {
		t.Errorf("%d markers or undo entries left after recovery", n)
	}

	// Finished: the writes stay, the undo entries go.
	op = change("op3", "v3")
	if err := op.Finish(); err != nil {
		t.Fatal(err)
	}
	if err := DropUndo(d.DB, op.ID()); err != nil {
		t.Fatal(err)
	}
	if v, _ := get(t, d.DB, "rec/case/b"); v != "v3" {
		t.Errorf("b = %q after a finished change, want v3", v)
	}
	if n, err := Recover(d.DB); err != nil || n != 0 || left() != 0 {
		t.Errorf("Recover after a finished change: %d, %v, %d keys left", n, err, left())
	}
}

// DeleteUnder deletes more keys than one transaction takes, and nothing
// outside its prefix.
func TestDeleteUnder(t *testing.T) {
	d := memDB(t)
	if err := d.Update(func(txn *badger.Txn) error { return txn.Set([]byte("stage/other"), nil) }); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 2500; i += 500 {
		if err := d.Update(func(txn *badger.Txn) error {
			for j := i; j < i+500; j++ {
				if err := txn.Set([]byte(fmt.Sprintf("stage/undo/x/%06d", j)), nil); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := DeleteUnder(d, layout.Undo); err != nil {
		t.Fatal(err)
	}
	if n := count(t, d.DB, layout.Undo); n != 0 {
		t.Errorf("%d keys left under the prefix", n)
	}
	if _, ok := get(t, d.DB, "stage/other"); !ok {
		t.Error("a key outside the prefix was deleted")
	}
}

// The gate lets a reader in while a change waits (a nested read never
// deadlocks), keeps readers out while it applies, and once broken refuses
// everyone.
func TestGate(t *testing.T) {
	var g Gate
	if err := g.RLock(); err != nil {
		t.Fatal(err)
	}
	locked := make(chan struct{})
	go func() {
		if err := g.Lock(); err == nil {
			close(locked)
		}
	}()
	time.Sleep(10 * time.Millisecond)
	if err := g.RLock(); err != nil { // nested read, a change waiting
		t.Fatal(err)
	}
	g.RUnlock()
	g.RUnlock()
	<-locked
	var wg sync.WaitGroup
	entered := make(chan error, 1)
	wg.Add(1)
	go func() { defer wg.Done(); entered <- g.RLock() }()
	select {
	case <-entered:
		t.Fatal("a reader entered while a change applied")
	case <-time.After(10 * time.Millisecond):
	}
	broken := errors.New("broken")
	g.Unlock(broken)
	wg.Wait()
	if err := <-entered; !errors.Is(err, broken) {
		t.Errorf("reader after a broken change: %v", err)
	}
	if err := g.Lock(); !errors.Is(err, broken) {
		t.Errorf("writer after a broken change: %v", err)
	}
}

// checkedFrames refuses a frame whose length the data does not back, or
// one too large, before Badger allocates it.
func TestCheckedFrames(t *testing.T) {
	frame := func(n uint64, body string) []byte {
		return append(binary.LittleEndian.AppendUint64(nil, n), body...)
	}
	good := append(frame(3, "abc"), frame(1, "d")...)
	var out bytes.Buffer
	if _, err := out.ReadFrom(&checkedFrames{src: bytes.NewReader(good)}); err != nil || !bytes.Equal(out.Bytes(), good) {
		t.Fatalf("whole frames: %v, %q", err, out.Bytes())
	}
	for name, b := range map[string][]byte{
		"short":     frame(10, "abc"),
		"too large": frame(maxBackupFrame+1, ""),
		"cut head":  {1, 2, 3},
	} {
		_, err := new(bytes.Buffer).ReadFrom(&checkedFrames{src: bytes.NewReader(b)})
		if !errors.Is(err, ErrBadBackup) {
			t.Errorf("%s: %v, want ErrBadBackup", name, err)
		}
	}
}

// MapOpenError names the open failures the faces branch on.
func TestMapOpenError(t *testing.T) {
	if err := MapOpenError(errors.New("Cannot acquire directory lock on x")); err != ErrVaultInUse {
		t.Errorf("lock: %v", err)
	}
	if err := MapOpenError(errors.New("Encryption key mismatch")); err != ErrKeyMismatch {
		t.Errorf("key: %v", err)
	}
	if MapOpenError(nil) != nil {
		t.Error("nil mapped to an error")
	}
}

// Drafts: one at a time, the new case's under its own name.
func TestDrafts(t *testing.T) {
	d := memDB(t)
	for _, c := range []struct{ id, data string }{{"", "new form"}, {"case1", "edit form"}} {
		if err := d.Update(func(txn *badger.Txn) error { return SaveDraft(txn, c.id, []byte(c.data)) }); err != nil {
			t.Fatal(err)
		}
		var id string
		var data []byte
		var ok bool
		if err := d.View(func(txn *badger.Txn) (err error) { id, data, ok, err = Draft(txn); return err }); err != nil {
			t.Fatal(err)
		}
		if !ok || id != c.id || string(data) != c.data || count(t, d.DB, layout.Draft) != 1 {
			t.Errorf("draft %q %q %v, want %q %q, one draft", id, data, ok, c.id, c.data)
		}
	}
	if err := d.Update(DeleteDrafts); err != nil || count(t, d.DB, layout.Draft) != 0 {
		t.Errorf("DeleteDrafts: %v", err)
	}
}
