//go:build unix

package letters

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A clinic's templates folder may sit on a shared drive others write to:
// one bad file there must neither hide the other templates nor be read
// through a link, nor hang the screen (a FIFO).
func TestFolderSkipsWhatItCannotUse(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(outside, []byte("# Secret\nnot for the letter\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	write := func(name string, b []byte) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("relance.txt", []byte("# Relance\nRelance pour {{reference}}\n"))
	write("bad.txt", []byte{0xff, 0xfe, 'a'})
	write("huge.txt", []byte(strings.Repeat("x", maxTemplate+1)))
	if err := os.Symlink(outside, filepath.Join(dir, "lien.txt")); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.txt"), 0o600); err != nil {
		t.Fatal(err)
	}
	// An override of a built-in template that is a link: the built-in
	// stays.
	if err := os.Symlink(outside, filepath.Join(dir, "rendez-vous.txt")); err != nil {
		t.Fatal(err)
	}

	ts, err := List(dir)
	var skipped *SkippedError
	if !errors.As(err, &skipped) || !errors.Is(err, ErrBadTemplate) {
		t.Fatalf("List: %v, want a *SkippedError", err)
	}
	want := map[string]string{
		"bad.txt":         "not UTF-8 text",
		"fifo.txt":        "not a regular file",
		"huge.txt":        "over 32 KiB",
		"lien.txt":        "a link, never followed",
		"rendez-vous.txt": "a link, never followed",
	}
	if len(skipped.Files) != len(want) {
		t.Fatalf("skipped %v, want %v", skipped, want)
	}
	for _, f := range skipped.Files {
		if got := reason(f.Err); got != want[f.Name] {
			t.Errorf("%s skipped as %q, want %q", f.Name, got, want[f.Name])
		}
	}
	if len(ts) != len(Builtin)+1 || ts[len(Builtin)].ID != "relance" {
		t.Fatalf("the usable templates were not all listed: %+v", ts)
	}
	for _, tm := range ts {
		if strings.Contains(tm.Body, "not for the letter") {
			t.Fatalf("%s was read through a link", tm.ID)
		}
		if tm.ID == "rendez-vous" && tm.Path != "" {
			t.Fatalf("a link replaced the built-in rendez-vous: %+v", tm)
		}
	}

	// Find: a good template despite bad neighbours; a bad one is its
	// own error, not "unknown".
	if tm, err := Find(dir, "relance"); err != nil || tm.Title != "Relance" {
		t.Fatalf("Find(relance) = %+v, %v", tm, err)
	}
	if _, err := Find(dir, "lien"); !errors.As(err, &skipped) || len(skipped.Files) != 1 || skipped.Files[0].Name != "lien.txt" {
		t.Fatalf("Find(lien) = %v, want that file's error", err)
	}
	if _, err := Find(dir, "nope"); !errors.Is(err, ErrUnknownTemplate) {
		t.Fatalf("Find(nope) = %v", err)
	}
}
