package cli

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A case's documents travel in the bundle; a difference declined with
// --keep-local stays ours and is listed as a collision to review. (The new
// prefecture is one the demo generator never draws: the demo case may
// already hold any real one, and then there would be no difference.)
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
	if _, stderr, code := run(t, env, "", "--vault", alice, "case", "set", refs[0], "prefecture=Préfecture de test (Kerguelen)", "anef_number=A77"); code != 0 {
		t.Fatal(stderr)
	}
	export()
	out, stderr, code := run(t, env, "", "--vault", bob, "import", file, "--keep-local", "case.prefecture")
	if code != 0 || !strings.Contains(out, `"Préfecture de test (Kerguelen)"`) || !strings.Contains(out, "to review") {
		t.Fatalf("import --keep-local: %d %s %s", code, out, stderr)
	}
	out, _, _ = run(t, env, "", "--vault", bob, "case", "show", refs[0])
	if strings.Contains(out, "Kerguelen") || !strings.Contains(out, "A77") {
		t.Fatalf("case after import --keep-local: %s", out)
	}
	if _, stderr, code := run(t, env, "", "--vault", bob, "check"); code != 0 {
		t.Fatalf("check: %s", stderr)
	}
}

// TestImportWithDocumentsKilled: kill -9 during the import of a bundle
// carrying 24 MiB of documents into an empty vault, six times, at random
// moments (while documents are staged or cases written). After each kill,
// check passes (no staged chunk or pending marker outlives the next open,
// no document without its bytes); importing again completes it, every
// document whole.
func TestImportWithDocumentsKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test")
	}
	alice, refs := demoVault(t, "12")
	pristine, scratch := emptyVault(t), emptyVault(t)
	dir := t.TempDir()
	seed := [32]byte{3}
	src := rand.NewChaCha8(seed)
	for i, ref := range refs {
		scan := filepath.Join(dir, "scan.pdf")
		b := make([]byte, 2<<20+i)
		src.Read(b)
		os.WriteFile(scan, b, 0o600)
		if _, stderr, code := run(t, passEnv(), "", "--vault", alice, "doc", "add", ref, scan); code != 0 {
			t.Fatalf("doc add: %s", stderr)
		}
	}
	out, _, _ := run(t, passEnv(), "", "--vault", pristine, "key", "show")
	bobKey, _, _ := strings.Cut(out, "\n")
	out, _, _ = run(t, passEnv(), "", "--vault", scratch, "key", "show")
	scratchKey, _, _ := strings.Cut(out, "\n")
	file := filepath.Join(dir, "docs.casefile.age")
	args := []string{"--vault", alice, "export", "--to", bobKey, "--to", scratchKey, "--out", file}
	for _, ref := range refs {
		args = append(args, "--case", ref)
	}
	if _, stderr, code := run(t, passEnv(), "", args...); code != 0 {
		t.Fatal(stderr)
	}
	t.Setenv("CASEFILE_CRASH_BUNDLE", file)
	start := time.Now()
	c := startChild(t, "import", scratch)
	<-c.done
	c.cmd.Wait()
	full := time.Since(start)
	if len(c.acks) != 1 {
		t.Fatal("the import in a child failed")
	}
	t.Logf("a whole import in a child takes %v", full)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	for round := 0; round < 6; round++ {
		// A fresh copy of the receiver each round: the kill lands in a first import.
		bob := filepath.Join(t.TempDir(), "bob")
		if err := os.CopyFS(bob, os.DirFS(pristine)); err != nil {
			t.Fatal(err)
		}
		c := startChild(t, "import", bob)
		time.Sleep(full/5 + time.Duration(rng.Int64N(int64(full*4/5))))
		acks := c.kill()
		if _, stderr, code := run(t, passEnv(), "", "--vault", bob, "check"); code != 0 {
			t.Fatalf("round %d: check after a killed import: %s", round, stderr)
		}
		out, _, _ := run(t, passEnv(), "", "--vault", bob, "case", "list")
		t.Logf("round %d: %d cases after the kill (finished: %v)", round, max(strings.Count(out, "\n")-1, 0), len(acks) == 1)
		if _, stderr, code := run(t, passEnv(), "", "--vault", bob, "import", file, "--yes"); code != 0 {
			t.Fatalf("import after the kill: %s", stderr)
		}
		if _, stderr, code := run(t, passEnv(), "", "--vault", bob, "check"); code != 0 {
			t.Fatalf("check after the import: %s", stderr)
		}
		if round > 0 {
			continue
		}
		for _, ref := range refs {
			a, _, _ := run(t, passEnv(), "", "--vault", alice, "doc", "list", ref, "--json")
			b, _, _ := run(t, passEnv(), "", "--vault", bob, "doc", "list", ref, "--json")
			if a != b || a == "" {
				t.Fatalf("%s: documents differ after the import completed:\n%s\n%s", ref, a, b)
			}
		}
	}
}
