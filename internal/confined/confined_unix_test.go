//go:build unix

package confined

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// Links and special files: never followed, read, written through or
// removed, wherever they are on the path.
func TestLinksAndSpecialFiles(t *testing.T) {
	d, path := newDir(t)
	outside := t.TempDir()
	secret := filepath.Join(outside, "key.pass.age")
	mustOK(t, os.WriteFile(secret, []byte("the vault's key"), 0o600))
	mustOK(t, os.Symlink(outside, filepath.Join(path, "dirlink")))
	mustOK(t, os.Symlink(secret, filepath.Join(path, "a", "filelink")))
	mustOK(t, os.Symlink("b.txt", filepath.Join(path, "a", "inside")))
	mustOK(t, os.Symlink("/dev/zero", filepath.Join(path, "a", "zero")))
	mustOK(t, syscall.Mkfifo(filepath.Join(path, "a", "fifo"), 0o644))
	mustOK(t, os.Link(secret, filepath.Join(path, "a", "hard")))

	for name, want := range map[string]error{
		"dirlink/key.pass.age": ErrLink,
		"a/filelink":           ErrLink,
		"a/inside":             ErrLink,
		"a/zero":               ErrLink,
		"a/fifo":               ErrNotRegular,
		"a/hard":               ErrHardLink,
		"a":                    ErrNotRegular,
	} {
		done := make(chan error, 1)
		go func() {
			_, err := d.ReadFile(name, 1<<20, 5*time.Second)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, want) {
				t.Errorf("read %s: %v, want %v", name, err, want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("read %s hangs", name)
		}
		if err := d.Remove(name); name != "a" && !errors.Is(err, want) {
			t.Errorf("remove %s: %v, want %v", name, err, want)
		}
	}
	if _, err := d.List("dirlink", 10); !errors.Is(err, ErrLink) {
		t.Errorf("list through a link: %v", err)
	}
	if err := d.WriteFile("dirlink/new.age", []byte("x")); !errors.Is(err, ErrLink) {
		t.Errorf("write through a link: %v", err)
	}
	if err := d.Remove("dirlink/key.pass.age"); !errors.Is(err, ErrLink) {
		t.Errorf("remove through a link: %v", err)
	}
	// Writing over a link replaces the link, never its target.
	mustOK(t, d.WriteFile("a/filelink", []byte("new")))
	if b, _ := os.ReadFile(secret); string(b) != "the vault's key" {
		t.Fatalf("wrote through a link: %q", b)
	}
	if fi, _ := os.Lstat(filepath.Join(path, "a", "filelink")); fi.Mode()&os.ModeSymlink != 0 {
		t.Fatal("the link is still there")
	}
	es, _ := os.ReadDir(outside)
	if len(es) != 1 {
		t.Fatalf("outside now holds %d files", len(es))
	}
	if b, _ := os.ReadFile(secret); string(b) != "the vault's key" {
		t.Fatal("the file outside changed")
	}
}

// The confined directory itself may not be a link, even to a directory
// inside the folder; the folder the user chose may be.
func TestTopLevelLinks(t *testing.T) {
	top := t.TempDir()
	outside := t.TempDir()
	mustOK(t, os.Symlink(outside, filepath.Join(top, "casefile-v1")))
	if _, err := Open(top, "casefile-v1", true); !errors.Is(err, ErrLink) {
		t.Fatalf("casefile-v1 as a link: %v", err)
	}
	chosen := filepath.Join(t.TempDir(), "mount")
	mustOK(t, os.Symlink(outside, chosen))
	d, err := Open(chosen, "casefile-v1", true)
	mustOK(t, err)
	d.Close()
	if _, err := os.Stat(filepath.Join(outside, "casefile-v1")); err != nil {
		t.Fatal(err)
	}
}
