package privtemp

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// useDirs points the package at a test directory: XDG_RUNTIME_DIR when
// runtime is true, the cache directory otherwise.
func useDirs(t *testing.T, runtimeDir bool) string {
	base := t.TempDir()
	oldGetenv, oldCache := getenv, userCacheDir
	t.Cleanup(func() { getenv, userCacheDir = oldGetenv, oldCache })
	getenv = func(k string) string {
		if k == "XDG_RUNTIME_DIR" && runtimeDir {
			return base
		}
		return ""
	}
	userCacheDir = func() (string, error) { return filepath.Join(base, "cache"), nil }
	return base
}

func TestDirPrefersRuntimeDir(t *testing.T) {
	for _, tt := range []struct {
		name    string
		runtime bool
		want    string
	}{
		{"runtime dir", true, dirName},
		{"cache dir", false, filepath.Join("cache", dirName)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			base := useDirs(t, tt.runtime)
			got, err := Dir()
			if err != nil || got != filepath.Join(base, tt.want) {
				t.Fatalf("Dir() = %q, %v", got, err)
			}
		})
	}
}

func TestWriteIsPrivateAndWipeRemovesAll(t *testing.T) {
	useDirs(t, false)
	p1, err := Write("passeport.pdf", strings.NewReader("%PDF one"))
	if err != nil {
		t.Fatal(err)
	}
	p2, err := Write("passeport.pdf", strings.NewReader("%PDF two"))
	if err != nil {
		t.Fatal(err)
	}
	if p1 == p2 || filepath.Base(p1) != "passeport.pdf" {
		t.Fatalf("paths %q %q", p1, p2)
	}
	if b, _ := os.ReadFile(p1); string(b) != "%PDF one" {
		t.Fatalf("content %q", b)
	}
	dir, _ := Dir()
	if runtime.GOOS != "windows" {
		for _, c := range []struct {
			path string
			want os.FileMode
		}{{dir, 0o700}, {filepath.Dir(p1), 0o700}, {p1, 0o600}} {
			fi, err := os.Stat(c.path)
			if err != nil || fi.Mode().Perm() != c.want {
				t.Fatalf("%s: mode %v, want %v (%v)", c.path, fi.Mode().Perm(), c.want, err)
			}
		}
	}
	if err := Wipe(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("directory survives Wipe: %v", err)
	}
	if err := Wipe(); err != nil {
		t.Fatalf("wiping nothing: %v", err)
	}
}

func TestWriteRefusesAnOpenDirectory(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	useDirs(t, false)
	dir, _ := Dir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	os.Chmod(dir, 0o755)
	if _, err := Write("x.pdf", strings.NewReader("x")); !errors.Is(err, ErrNotPrivate) {
		t.Fatalf("wrote into a 0755 directory: %v", err)
	}
}

func TestNamesCannotEscape(t *testing.T) {
	useDirs(t, false)
	dir, _ := Dir()
	for _, name := range []string{"../../etc/passwd", `..\..\boot.ini`, "..", "", ".hidden"} {
		p, err := Write(name, strings.NewReader("x"))
		if err != nil {
			t.Fatal(err)
		}
		if rel, err := filepath.Rel(dir, p); err != nil || strings.HasPrefix(rel, "..") || strings.Count(rel, string(filepath.Separator)) != 1 {
			t.Fatalf("%q wrote to %q", name, p)
		}
	}
}
