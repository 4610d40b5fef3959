package store

import (
	"bufio"
	"casefile/store/internal/engine"
	"casefile/store/internal/layout"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The crash test runs this test binary again as a child (crashChildEnv
// names what it does) and kills it with SIGKILL in the middle of an atomic
// change, or of the rollback an open makes.
const crashChildEnv = "CASEFILE_STORE_CRASH_CHILD"

// Cases the child creates in "create" mode.
const crashCreateCases = 400

func runCrashChild(mode string) int {
	dir := os.Getenv("CASEFILE_STORE_CRASH_VAULT")
	engine.RolledBack = func(k []byte) error {
		fmt.Println("undone", string(k))
		return nil
	}
	v, err := Open(dir, testPass)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer v.Close()
	fmt.Println("opened")
	engine.Committed = func(_ string, seq int) error {
		fmt.Println("txn", seq)
		return nil
	}
	switch mode {
	case "open":
		return 0
	case "import":
		b, err := os.ReadFile(os.Getenv("CASEFILE_STORE_CRASH_CASES"))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		var ex []CaseExport
		if err := json.Unmarshal(b, &ex); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		if _, err := v.ImportCases(ex); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	case "create":
		if err := v.CreateCasesAtomic(newCases(crashCreateCases, 31)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	default:
		return 2
	}
	fmt.Println("done")
	return 0
}

// startCrashChild runs the child on dir; lines carries what it prints.
func startCrashChild(t *testing.T, mode, dir string, env ...string) (*exec.Cmd, <-chan string) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(append(os.Environ(), crashChildEnv+"="+mode, "CASEFILE_STORE_CRASH_VAULT="+dir), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	return cmd, lines
}

// copyTree copies the closed vault in src to dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(to, 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(to, b, 0o600)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestAtomicChangeKilled: kill -9 an import (or a CSV-style creation) of
// several transactions after a random number of them, then, in some
// rounds, kill the open that rolls it back. After each round the vault
// opens, check passes, and it holds none of the change or all of it;
// running the change again then completes it.
func TestAtomicChangeKilled(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test")
	}
	a := newVault(t)
	files := fillClinic(t, a, 150, 30)
	ex := exportAll(t, a, files)
	b, err := json.Marshal(ex)
	if err != nil {
		t.Fatal(err)
	}
	casesFile := filepath.Join(t.TempDir(), "cases.json")
	if err := os.WriteFile(casesFile, b, 0o600); err != nil {
		t.Fatal(err)
	}
	// The base vault: a few cases of its own, among them the first ones
	// of the import in an older version (the import updates them).
	base := filepath.Join(t.TempDir(), "base")
	c, err := Create(base, testPass)
	if err != nil {
		t.Fatal(err)
	}
	fillClinic(t, c.Vault, 3, 32)
	if _, err := c.Vault.ImportCases(ex[:5]); err != nil {
		t.Fatal(err)
	}
	c.Vault.Close()
	if _, err := a.SetCaseFields(files[2].Ref, map[string]string{"prefecture": "Moselle (Metz)"}); err != nil {
		t.Fatal(err)
	}
	ex = exportAll(t, a, files)
	if b, err = json.Marshal(ex); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(casesFile, b, 0o600); err != nil {
		t.Fatal(err)
	}
	const before = 3 + 5

	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	rounds := 9
	for round := 0; round < rounds; round++ {
		mode, added := "import", len(files)-5
		if round%2 == 1 {
			mode, added = "create", crashCreateCases
		}
		dir := filepath.Join(t.TempDir(), "vault")
		copyTree(t, base, dir)
		cmd, lines := startCrashChild(t, mode, dir, "CASEFILE_STORE_CRASH_CASES="+casesFile)
		killAt := rng.IntN(7) // transactions committed before the kill
		seen, finished := 0, false
		for line := range lines {
			if strings.HasPrefix(line, "txn ") {
				seen++
			}
			finished = line == "done"
			if line == "opened" && killAt == 0 || seen > 0 && seen >= killAt || finished {
				break
			}
		}
		time.Sleep(time.Duration(rng.IntN(3000)) * time.Microsecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		for range lines {
		}
		cut := false
		if round%3 != 2 {
			// Kill the open that rolls the change back, too, once it
			// has undone one transaction.
			cmd, lines := startCrashChild(t, "open", dir)
			first := <-lines
			cmd.Process.Signal(syscall.SIGKILL)
			cmd.Wait()
			for range lines {
			}
			cut = strings.HasPrefix(first, "undone ")
		}
		v, err := Open(dir, testPass)
		if err != nil {
			t.Fatalf("round %d: open: %v", round, err)
		}
		mustCheck(t, v)
		l, r, err := caseCount(t, v)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("round %d (%s, killed after %d of its transactions, finished %v, rollback cut %v): %d cases",
			round, mode, seen, finished, cut, l)
		if l != r || l != before && l != before+added {
			t.Fatalf("round %d: %d listed, %d records; want %d or %d", round, l, r, before, before+added)
		}
		if keysUnder(t, v, "meta/atomic/")+keysUnder(t, v, layout.Undo) != 0 {
			t.Fatalf("round %d: journal or undo entries left after open", round)
		}
		if l == before {
			// Running the change again completes it.
			if mode == "import" {
				if res, err := v.ImportCases(ex); err != nil || res.NewCases != added || res.UpdatedCases != 1 {
					t.Fatalf("round %d: import again: %+v %v", round, res, err)
				}
			} else if err := v.CreateCasesAtomic(newCases(crashCreateCases, 31)); err != nil {
				t.Fatalf("round %d: create again: %v", round, err)
			}
			if l, _, _ := caseCount(t, v); l != before+added {
				t.Fatalf("round %d: %d cases after running it again", round, l)
			}
			mustCheck(t, v)
		}
		if mode == "import" {
			if snapshot(t, a, refsOf(files)) != snapshot(t, v, refsOf(files)) {
				t.Fatalf("round %d: imported cases differ from the exported ones", round)
			}
			if res, err := v.ImportCases(ex); err != nil || res.Unchanged != len(files) {
				t.Fatalf("round %d: import once more: %+v %v", round, res, err)
			}
		}
		v.Close()
	}
}
