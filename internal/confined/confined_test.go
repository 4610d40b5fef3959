package confined

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func mustOK(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// newDir is a Dir on <tmp>/shared/casefile-v1 holding a/b.txt.
func newDir(t *testing.T) (*Dir, string) {
	t.Helper()
	top := filepath.Join(t.TempDir(), "shared")
	mustOK(t, os.MkdirAll(filepath.Join(top, "casefile-v1", "a"), 0o755))
	mustOK(t, os.WriteFile(filepath.Join(top, "casefile-v1", "a", "b.txt"), []byte("hello"), 0o644))
	d, err := Open(top, "casefile-v1", false)
	mustOK(t, err)
	t.Cleanup(func() { d.Close() })
	return d, filepath.Join(top, "casefile-v1")
}

type runtimeAlloc struct{ total uint64 }

func (a *runtimeAlloc) read() {
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	a.total = m.TotalAlloc
}

func TestPlainOperations(t *testing.T) {
	d, path := newDir(t)
	b, err := d.ReadFile("a/b.txt", 100, time.Second)
	mustOK(t, err)
	if string(b) != "hello" {
		t.Fatalf("read %q", b)
	}
	mustOK(t, d.WriteFile("c/d/e.txt", []byte("written")))
	if got, _ := os.ReadFile(filepath.Join(path, "c", "d", "e.txt")); string(got) != "written" {
		t.Fatalf("wrote %q", got)
	}
	mustOK(t, d.WriteFile("c/d/e.txt", []byte("again")))
	es, err := d.List("c/d", 10)
	mustOK(t, err)
	if len(es) != 1 || es[0].Name() != "e.txt" {
		t.Fatalf("list: %v (a temporary file left?)", es)
	}
	mustOK(t, d.Remove("c/d/e.txt"))
	mustOK(t, d.Remove("c/d/e.txt")) // already gone
	if _, err := d.Lstat("c/d/e.txt"); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("still there: %v", err)
	}
}

func TestBadNames(t *testing.T) {
	d, _ := newDir(t)
	for _, name := range []string{"../x", "a/../../x", "/etc/passwd", "a//b.txt", `a\b.txt`, "a/./b.txt", "c:x", "a/b\x00"} {
		if _, err := d.ReadFile(name, 100, time.Second); !errors.Is(err, ErrBadName) {
			t.Errorf("%q: %v", name, err)
		}
		if err := d.WriteFile(name, nil); !errors.Is(err, ErrBadName) {
			t.Errorf("write %q: %v", name, err)
		}
	}
}

func TestLimits(t *testing.T) {
	d, path := newDir(t)
	if _, err := d.ReadFile("a/b.txt", 4, time.Second); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("a 5-byte file under a 4-byte cap: %v", err)
	}
	// A sparse file of 2 GiB is refused before anything is read.
	f, err := os.Create(filepath.Join(path, "a", "sparse"))
	mustOK(t, err)
	mustOK(t, f.Truncate(2<<30))
	f.Close()
	var before, after runtimeAlloc
	before.read()
	if _, err := d.ReadFile("a/sparse", 64<<20, time.Minute); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("sparse 2 GiB: %v", err)
	}
	after.read()
	if after.total-before.total > 1<<20 {
		t.Fatalf("refusing a 2 GiB file allocated %d bytes", after.total-before.total)
	}
	for i := 0; i < 20; i++ {
		mustOK(t, os.WriteFile(filepath.Join(path, "a", string(rune('k'+i))), nil, 0o644))
	}
	if _, err := d.List("a", 10); !errors.Is(err, ErrTooMany) {
		t.Fatalf("22 entries under a cap of 10: %v", err)
	}
	if es, err := d.List("a", 100); err != nil || len(es) != 22 {
		t.Fatalf("list: %d, %v", len(es), err)
	}
}

// A read that stops answering (a network share gone silent) returns
// ErrTooSlow when the budget is spent, not when the read ends.
func TestTimeBudget(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	start := time.Now()
	if _, err := readAll(pr, 10, 100, 50*time.Millisecond); !errors.Is(err, ErrTooSlow) {
		t.Fatalf("blocked read: %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("the budget did not bound the wait")
	}
	r := NewDeadlineReader(bytes.NewReader([]byte("abc")), -time.Second)
	if _, err := r.Read(make([]byte, 3)); !errors.Is(err, ErrTooSlow) {
		t.Fatalf("deadline reader: %v", err)
	}
}

func TestWriteFailureLeavesTheOldFile(t *testing.T) {
	d, path := newDir(t)
	boom := errors.New("boom")
	if err := d.WriteStream("a/b.txt", func(w io.Writer) error {
		w.Write([]byte("half"))
		return boom
	}); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(path, "a", "b.txt")); string(got) != "hello" {
		t.Fatalf("old content lost: %q", got)
	}
	es, _ := d.List("a", 10)
	if len(es) != 1 {
		t.Fatalf("temporary file left: %v", es)
	}
}
