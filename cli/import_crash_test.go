package cli

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runImportChild imports the bundle named by CASEFILE_CRASH_BUNDLE into the
// vault, to be killed in the middle.
func runImportChild(dir string) int {
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: func(k string) string {
		if k == "CASEFILE_PASSPHRASE" {
			return testPass
		}
		return ""
	}}
	code := Run(env, []string{"--vault", dir, "import", os.Getenv("CASEFILE_CRASH_BUNDLE"), "--yes"}, nil)
	if code == 0 {
		os.Stdout.WriteString("ack import\n")
	}
	return code
}

// TestImportKilledLeavesWholeCases: kill -9 during an import of 300 cases,
// three times. After each, check passes and the vault holds none of the
// cases or all of them (the import is one atomic change); importing again
// completes it, and once more changes nothing.
func TestImportKilledLeavesWholeCases(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test")
	}
	alice, _ := demoVault(t, "300")
	bob, scratch := emptyVault(t), emptyVault(t)
	out, _, _ := run(t, passEnv(), "", "--vault", bob, "key", "show")
	bobKey, _, _ := strings.Cut(out, "\n")
	out, _, _ = run(t, passEnv(), "", "--vault", scratch, "key", "show")
	scratchKey, _, _ := strings.Cut(out, "\n")
	file := filepath.Join(t.TempDir(), "all.casefile.age")
	var args []string
	list, _, _ := run(t, passEnv(), "", "--vault", alice, "case", "list")
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		if f := strings.Fields(line); len(f) > 0 && strings.Count(f[0], "-") == 2 {
			args = append(args, "--case", f[0])
		}
	}
	if len(args) < 2*250 {
		t.Fatalf("only %d cases listed", len(args)/2)
	}
	want := len(args) / 2
	args = append([]string{"--vault", alice, "export", "--to", bobKey, "--to", scratchKey, "--out", file}, args...)
	if _, stderr, code := run(t, passEnv(), "", args...); code != 0 {
		t.Fatal(stderr)
	}
	t.Setenv("CASEFILE_CRASH_BUNDLE", file)
	// How long a whole import takes in a child, to kill the others while
	// they write.
	start := time.Now()
	c := startChild(t, "import", scratch)
	<-c.done
	c.cmd.Wait()
	full := time.Since(start)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	for round := 0; round < 3; round++ {
		c := startChild(t, "import", bob)
		time.Sleep(full/2 + time.Duration(rng.Int64N(int64(full/2))))
		c.kill()
		if _, stderr, code := run(t, passEnv(), "", "--vault", bob, "check"); code != 0 {
			t.Fatalf("round %d: check after a killed import: %s", round, stderr)
		}
		out, _, _ := run(t, passEnv(), "", "--vault", bob, "case", "list")
		n := 0
		for _, line := range strings.Split(out, "\n") {
			if f := strings.Fields(line); len(f) > 0 && strings.Count(f[0], "-") == 2 {
				n++
			}
		}
		t.Logf("round %d: %d cases after the kill", round, n)
		if n != 0 && n != want {
			t.Fatalf("round %d: %d of the %d cases after a killed import: half-applied", round, n, want)
		}
	}
	if _, stderr, code := run(t, passEnv(), "", "--vault", bob, "import", file, "--yes"); code != 0 {
		t.Fatalf("import after the kills: %s", stderr)
	}
	_, stderr, code := run(t, passEnv(), "", "--vault", bob, "import", file, "--yes")
	if code != 0 || !strings.Contains(stderr, "0 new cases, 0 updated") {
		t.Fatalf("import once more: %s", stderr)
	}
	a, _, _ := run(t, passEnv(), "", "--vault", alice, "case", "list", "--json")
	b, _, _ := run(t, passEnv(), "", "--vault", bob, "case", "list", "--json")
	if a != b {
		t.Fatal("bob's case list differs from alice's after the import completed")
	}
}
