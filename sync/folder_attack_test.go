//go:build unix

package sync

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"syscall"
	"testing"
	"time"
)

// The shared folder as an adversary (docs/security.md, "The shared
// folder"): whoever can write to it — its admin, a removed member, malware
// on one laptop — plants links, special files, huge sparse files and hard
// links. A sync never follows them out of the folder, never reads them
// unbounded, never hangs on them, reports them, and leaves every vault
// consistent.

// outsideFiles makes a directory outside the folder holding what a vault
// directory holds, and returns it with its content.
func outsideFiles(t *testing.T) (string, map[string]string) {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"key.pass.age":     "age-encryption.org/v1 the vault's wrapped key",
		"key.recovery.age": "age-encryption.org/v1 the recovery key",
		"backup.age":       "age-encryption.org/v1 last night's backup",
		// Named like a blob of a document that is not live.
		"0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.age": "age-encryption.org/v1 a bundle",
	}
	for n, c := range files {
		mustOK(t, os.WriteFile(filepath.Join(dir, n), []byte(c), 0o600))
	}
	return dir, files
}

// sameFiles fails unless dir holds exactly files.
func sameFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	es, err := os.ReadDir(dir)
	mustOK(t, err)
	if len(es) != len(files) {
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		t.Fatalf("outside the folder: %v, want the %d files planted", names, len(files))
	}
	for n, c := range files {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil || string(b) != c {
			t.Fatalf("%s outside the folder: %v (%q)", n, err, b)
		}
	}
}

// syncWithin runs a sync that must end within a minute (a FIFO must not
// hang it) and returns its report and the bytes it allocated.
func syncWithin(t *testing.T, tm *Team) (*Report, error, uint64) {
	t.Helper()
	type result struct {
		rep *Report
		err error
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	done := make(chan result, 1)
	go func() {
		rep, err := tm.Sync()
		done <- result{rep, err}
	}()
	select {
	case r := <-done:
		runtime.ReadMemStats(&after)
		return r.rep, r.err, after.TotalAlloc - before.TotalAlloc
	case <-time.After(time.Minute):
		t.Fatal("sync hangs")
	}
	return nil, nil, 0
}

func folderPath(p *pair, rel string) string {
	return filepath.Join(p.folder, Root, filepath.FromSlash(rel))
}

func TestNoLinkOutOfTheFolder(t *testing.T) {
	tests := []struct {
		name string
		// plant attacks the folder; it returns the file b must report
		// as "unsafe" and a check of what b did.
		plant func(t *testing.T, p *pair) (string, func(t *testing.T, rep *Report))
	}{
		{"blob directory linked to the vault's directory", func(t *testing.T, p *pair) (string, func(*testing.T, *Report)) {
			// The victim's next sync used to delete key.pass.age.
			dir, files := outsideFiles(t)
			mustOK(t, os.Symlink(dir, folderPath(p, "blobs/"+p.b.me)))
			refs := addCases(t, p.vb, 1, 11)
			c, err := p.vb.Case(refs[0])
			mustOK(t, err)
			_, err = p.vb.AddDocument(c.ID, "recepisse.pdf", bytes.NewReader([]byte("Docmarkerzq récépissé")))
			mustOK(t, err)
			return "blobs/" + p.b.me, func(t *testing.T, _ *Report) { sameFiles(t, dir, files) }
		}},
		{"own log directory linked outside", func(t *testing.T, p *pair) (string, func(*testing.T, *Report)) {
			dir, files := outsideFiles(t)
			mustOK(t, os.RemoveAll(folderPath(p, "log/"+p.b.me)))
			mustOK(t, os.Symlink(dir, folderPath(p, "log/"+p.b.me)))
			addCases(t, p.vb, 1, 12)
			return "log/" + p.b.me, func(t *testing.T, _ *Report) { sameFiles(t, dir, files) }
		}},
		{"segment linked to a valid copy outside", func(t *testing.T, p *pair) (string, func(*testing.T, *Report)) {
			moved := filepath.Join(t.TempDir(), "00000001.age")
			mustOK(t, os.Rename(p.seg, moved))
			mustOK(t, os.Symlink(moved, p.seg))
			return rel(p, p.seg), func(t *testing.T, _ *Report) {
				if p.cases(t) != 0 {
					t.Fatal("b applied a segment through a link")
				}
			}
		}},
		{"segment linked inside the folder", func(t *testing.T, p *pair) (string, func(*testing.T, *Report)) {
			other := filepath.Join(filepath.Dir(p.seg), "elsewhere")
			mustOK(t, os.Rename(p.seg, other))
			mustOK(t, os.Symlink("elsewhere", p.seg))
			return rel(p, p.seg), func(t *testing.T, _ *Report) {
				if p.cases(t) != 0 {
					t.Fatal("b applied a segment through a link")
				}
			}
		}},
		{"segment hard-linked to a file outside", func(t *testing.T, p *pair) (string, func(*testing.T, *Report)) {
			mustOK(t, os.Link(p.seg, filepath.Join(t.TempDir(), "other-name")))
			return rel(p, p.seg), func(t *testing.T, _ *Report) {
				if p.cases(t) != 0 {
					t.Fatal("b read a file with another name outside the folder")
				}
			}
		}},
		{"member file linked to one outside", func(t *testing.T, p *pair) (string, func(*testing.T, *Report)) {
			rogueV := newVault(t)
			rogue, err := Join(rogueV, t.TempDir(), "Intrus")
			mustOK(t, err)
			name := "members/" + rogue.me + ".json"
			mustOK(t, os.Symlink(filepath.Join(rogue.folder, Root, filepath.FromSlash(name)), folderPath(p, name)))
			return name, func(t *testing.T, rep *Report) {
				if len(rep.Pending) != 0 {
					t.Fatalf("a member file read through a link is pending: %v", rep.Pending)
				}
			}
		}},
		{"a file b did not write in its own directory", func(t *testing.T, p *pair) (string, func(*testing.T, *Report)) {
			// Only names b recorded when it wrote them are ever removed.
			planted := folderPath(p, "blobs/"+p.b.me+"/0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.age")
			mustOK(t, os.MkdirAll(filepath.Dir(planted), 0o755))
			mustOK(t, os.WriteFile(planted, []byte("someone else's"), 0o644))
			return "", func(t *testing.T, _ *Report) {
				if _, err := os.Stat(planted); err != nil {
					t.Fatalf("b removed a file it never wrote: %v", err)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPair(t)
			file, check := tt.plant(t, p)
			rep, err, _ := syncWithin(t, p.b)
			mustOK(t, err)
			check(t, rep)
			if file != "" && !hasCode(skipped(rep, file), "unsafe") {
				t.Fatalf("%s not reported as unsafe: %+v", file, rep.Skipped)
			}
			mustCheck(t, p.vb)
			mustCheck(t, p.va)
		})
	}
}

// The folder's own directory replaced by a link: nothing is read or
// written through it, and the sync says why it could not run.
func TestLinkedTeamDirectory(t *testing.T) {
	p := newPair(t)
	dir, files := outsideFiles(t)
	root := filepath.Join(p.folder, Root)
	mustOK(t, os.Rename(root, filepath.Join(dir, "moved")))
	files["moved"] = ""
	mustOK(t, os.Symlink(filepath.Join(dir, "moved"), root))
	addCases(t, p.vb, 1, 13)
	before, _ := os.ReadDir(filepath.Join(dir, "moved", dirLog))
	if _, err := p.b.Sync(); err == nil {
		t.Fatal("sync through a linked casefile-v1 ran")
	}
	after, _ := os.ReadDir(filepath.Join(dir, "moved", dirLog))
	if len(after) != len(before) {
		t.Fatal("b wrote through the link")
	}
	if p.cases(t) != 1 {
		t.Fatal("b read through the link")
	}
	mustCheck(t, p.vb)
}

func TestHostileFilesAreBounded(t *testing.T) {
	sparse := func(t *testing.T, path string) {
		mustOK(t, os.MkdirAll(filepath.Dir(path), 0o755))
		f, err := os.Create(path)
		mustOK(t, err)
		mustOK(t, f.Truncate(2<<30))
		mustOK(t, f.Close())
	}
	fifo := func(t *testing.T, path string) {
		mustOK(t, os.MkdirAll(filepath.Dir(path), 0o755))
		os.Remove(path)
		mustOK(t, syscall.Mkfifo(path, 0o644))
	}
	zero := func(t *testing.T, path string) {
		mustOK(t, os.MkdirAll(filepath.Dir(path), 0o755))
		os.Remove(path)
		mustOK(t, os.Symlink("/dev/zero", path))
	}
	const stranger = "0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"
	newKey := func(p *pair) string {
		return "team/" + epochName(9, p.a.me) + "/" + p.b.me + "." + p.a.me + ".age"
	}
	tests := []struct {
		name  string
		plant func(t *testing.T, p *pair) string // returns the file reported
		code  string
	}{
		{"member file linked to /dev/zero", func(t *testing.T, p *pair) string {
			n := "members/" + stranger + ".json"
			zero(t, folderPath(p, n))
			return n
		}, "unsafe"},
		{"member file is a FIFO", func(t *testing.T, p *pair) string {
			n := "members/" + stranger + ".json"
			fifo(t, folderPath(p, n))
			return n
		}, "unsafe"},
		{"member file of 2 GiB, sparse", func(t *testing.T, p *pair) string {
			n := "members/" + stranger + ".json"
			sparse(t, folderPath(p, n))
			return n
		}, "too-large"},
		{"segment of 2 GiB, sparse", func(t *testing.T, p *pair) string {
			n := "log/" + p.a.me + "/" + segmentName(9)
			sparse(t, folderPath(p, n))
			return n
		}, "too-large"},
		{"segment is a FIFO", func(t *testing.T, p *pair) string {
			n := "log/" + p.a.me + "/" + segmentName(9)
			fifo(t, folderPath(p, n))
			return n
		}, "unsafe"},
		{"team key linked to /dev/zero", func(t *testing.T, p *pair) string {
			n := newKey(p)
			zero(t, folderPath(p, n))
			return n
		}, "unsafe"},
		{"team key is a FIFO", func(t *testing.T, p *pair) string {
			n := newKey(p)
			fifo(t, folderPath(p, n))
			return n
		}, "unsafe"},
		{"team key of 2 GiB, sparse", func(t *testing.T, p *pair) string {
			n := newKey(p)
			sparse(t, folderPath(p, n))
			return n
		}, "too-large"},
		{"blob is a FIFO", func(t *testing.T, p *pair) string {
			list, err := p.va.ListCases()
			mustOK(t, err)
			d, err := p.va.AddDocument(list[0].ID, "avis.pdf", bytes.NewReader(randomBytes(3, 10<<10)))
			mustOK(t, err)
			mustSync(t, p.a)
			n := "blobs/" + p.a.me + "/" + d.ID + ".age"
			fifo(t, folderPath(p, n))
			return n
		}, "unsafe"},
		{"own segment to clean is a FIFO", func(t *testing.T, p *pair) string {
			// b publishes a case, erases it, and must clean its
			// segment: the segment is now a FIFO.
			refs := addCases(t, p.vb, 1, 21)
			mustSync(t, p.b)
			s, err := loadState(p.vb)
			mustOK(t, err)
			_, err = p.vb.EraseCase(refs[0])
			mustOK(t, err)
			n := "log/" + p.b.me + "/" + segmentName(s.seq)
			fifo(t, folderPath(p, n))
			return n
		}, "unsafe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPair(t)
			file := tt.plant(t, p)
			rep, err, alloc := syncWithin(t, p.b)
			mustOK(t, err)
			if !hasCode(skipped(rep, file), tt.code) {
				t.Fatalf("%s not reported as %s: %+v", file, tt.code, rep.Skipped)
			}
			if alloc > 256<<20 {
				t.Fatalf("the sync allocated %d MiB", alloc>>20)
			}
			if p.cases(t) != 3 {
				t.Fatalf("b holds %d cases: the bad file kept the good ones out", p.cases(t))
			}
			mustCheck(t, p.vb)
		})
	}
}
