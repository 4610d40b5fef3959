package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A case's documents travel in the bundle; a difference declined with
// --keep-local stays ours and is listed as a collision to review.
func TestImportDocumentsAndKeepLocal(t *testing.T) {
	alice, refs := demoVault(t, "1")
	bob, _ := demoVault(t, "1")
	dir := t.TempDir()
	env := passEnv()
	env["CASEFILE_BUNDLE_PASSPHRASE"] = "une autre phrase, rien à voir"
	scan := filepath.Join(dir, "recepisse.pdf")
	os.WriteFile(scan, []byte("%PDF-1.4 fictional receipt "+strings.Repeat("x", 300<<10)), 0o600)
	if _, stderr, code := run(t, env, "", "--vault", alice, "doc", "add", refs[0], scan); code != 0 {
		t.Fatalf("doc add: %s", stderr)
	}
	file := filepath.Join(dir, "b.casefile.age")
	export := func() {
		t.Helper()
		if _, stderr, code := run(t, env, "", "--vault", alice, "export", "--case", refs[0], "--passphrase", "--out", file); code != 0 {
			t.Fatal(stderr)
		}
	}
	export()
	if _, stderr, code := run(t, env, "", "--vault", bob, "import", file); code != 0 {
		t.Fatal(stderr)
	}
	out, _, _ := run(t, env, "", "--vault", bob, "doc", "list", refs[0])
	if !strings.Contains(out, "recepisse.pdf") {
		t.Fatalf("doc list after import: %s", out)
	}
	if _, stderr, code := run(t, env, "", "--vault", alice, "case", "set", refs[0], "prefecture=Rhône (Lyon)", "anef_number=A77"); code != 0 {
		t.Fatal(stderr)
	}
	export()
	out, stderr, code := run(t, env, "", "--vault", bob, "import", file, "--keep-local", "case.prefecture")
	if code != 0 || !strings.Contains(out, `"Rhône (Lyon)"`) || !strings.Contains(out, "to review") {
		t.Fatalf("import --keep-local: %d %s %s", code, out, stderr)
	}
	out, _, _ = run(t, env, "", "--vault", bob, "case", "show", refs[0])
	if strings.Contains(out, "Rhône (Lyon)") || !strings.Contains(out, "A77") {
		t.Fatalf("case after import --keep-local: %s", out)
	}
	if _, stderr, code := run(t, env, "", "--vault", bob, "check"); code != 0 {
		t.Fatalf("check: %s", stderr)
	}
}
