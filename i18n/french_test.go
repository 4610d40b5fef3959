package i18n

import (
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"strings"
	"testing"
)

// A sentence with several numbers has each noun agree with its own count.
func TestTCountsAgreesEachNumber(t *testing.T) {
	counts := map[string]int{"Pushed": 1, "Segments": 1, "Pulled": 0, "Applied": 3, "Collisions": 1, "Skipped": 2}
	for _, c := range []struct{ locale, want string }{
		{"fr_FR", "Publié : 1 modification en 1 fichier ; lu : 0 fichier ; 3 modifications appliquées, 1 collision à examiner, 2 fichiers ignorés."},
		{"en_US", "Published 1 change in 1 file; read 0 files; 3 changes applied, 1 collision to review, 2 files skipped."},
	} {
		t.Setenv("LANG", c.locale+".UTF-8")
		Reload()
		if got := TCounts("sync.summary", counts); got != c.want {
			t.Errorf("%s:\n got %q\nwant %q", c.locale, got, c.want)
		}
	}
}

// No catalogue text writes a pseudo-plural ("jour(s)", "case(s)",
// "nouveau(x)"): counted texts go through TPlural or TCounts.
func TestNoPseudoPlurals(t *testing.T) {
	entries, err := fs.ReadDir(translations, "translations")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		for k, v := range loadTranslations(t, e.Name()) {
			for _, bad := range []string{"(s)", "(x)", "(e)s", "(es)"} {
				if strings.Contains(v, bad) && !strings.Contains(v, "Né(e)") {
					t.Errorf("%s: %s: %q holds %q", e.Name(), k, v, bad)
				}
			}
		}
	}
}

// A missing viewer, a full disk, a missing file: the user reads what
// happened in their language, the system's text only as a detail.
func TestSystemErrorsInWords(t *testing.T) {
	t.Setenv("LANG", "fr_FR.UTF-8")
	Reload()
	raw := &exec.Error{Name: "xdg-open", Err: exec.ErrNotFound}
	for _, c := range []struct {
		err  error
		want string
	}{
		{raw, "Un programme dont Casefile a besoin manque"},
		{fmt.Errorf("write: %w", errors.Join(fs.ErrNotExist)), "n’existe pas"},
	} {
		got := Error(c.err)
		if !strings.Contains(got, c.want) {
			t.Errorf("%v: %q", c.err, got)
		}
	}
}
