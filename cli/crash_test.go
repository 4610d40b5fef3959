package cli

import (
	"bufio"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"casefile/crypto"
	"casefile/model"
	"casefile/store"
)

// The crash tests run this test binary again as a child (childEnv names
// what it does), kill it with SIGKILL at a random moment, and check what
// survived. Every line the child printed as "ack ..." was acknowledged: the
// operation had returned successfully before the line was written.
const childEnv = "CASEFILE_CRASH_CHILD"

func runChild(mode string) int {
	dir := os.Getenv("CASEFILE_CRASH_VAULT")
	switch mode {
	case "writer":
		v, err := store.Open(dir, testPass)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		for i := 0; ; i++ {
			f := model.CaseFile{
				Case:   model.Case{Procedure: model.ProcAsylum, Prefecture: "Rhône (Lyon)"},
				Person: model.Person{FamilyName: fmt.Sprintf("Crash%06d", i), GivenNames: "Test"},
			}
			if err := v.SaveCase(&f); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
			if i%3 == 0 {
				if err := v.AddNote(&model.Note{CaseID: f.ID, Text: "note " + f.Ref}); err != nil {
					fmt.Fprintln(os.Stderr, err)
					return 1
				}
			}
			if i%5 == 0 {
				if _, err := v.SetCaseFields(f.Ref, map[string]string{"prefecture": "Moselle (Metz)"}); err != nil {
					fmt.Fprintln(os.Stderr, err)
					return 1
				}
			}
			os.Stdout.WriteString("ack " + f.Ref + " " + f.Person.FamilyName + "\n")
		}
	case "docs":
		return runDocChild(dir) // documents_crash_test.go
	case "import":
		return runImportChild(dir)
	case "demo":
		return runDemoChild(dir) // demo_crash_test.go
	case "cli":
		return runCLIChild() // atrest_test.go
	case "init":
		env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: func(k string) string {
			if k == "CASEFILE_PASSPHRASE" {
				return testPass
			}
			return ""
		}}
		code := Run(env, []string{"--vault", dir, "init"}, nil)
		if code == 0 {
			os.Stdout.WriteString("ack init\n")
		}
		return code
	case "passwd":
		// Alternate between two passphrases as fast as possible.
		passes := []string{testPass, testPass + " bis"}
		for i := 0; ; i++ {
			old, next := passes[i%2], passes[(i+1)%2]
			if err := store.ChangePassphrase(dir, old, next); err != nil {
				fmt.Fprintln(os.Stderr, err)
				return 1
			}
			os.Stdout.WriteString("ack passwd " + fmt.Sprint((i+1)%2) + "\n")
		}
	}
	return 2
}

type child struct {
	cmd  *exec.Cmd
	acks chan string
	done chan struct{}
}

func startChild(t *testing.T, mode, dir string, wrap ...string) *child {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	args := append(wrap, exe, "-test.run=^$")
	cmd := exec.Command(args[0], args[1:]...)
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "CASEFILE_CRASH_VAULT="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if mode != "init" {
		cmd.Stderr = os.Stderr // init's own messages would only clutter the log
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, acks: make(chan string, 1<<16), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "ack ") {
				c.acks <- strings.TrimPrefix(sc.Text(), "ack ")
			}
		}
	}()
	return c
}

// kill sends SIGKILL and returns every acknowledgement read before it.
func (c *child) kill() []string {
	c.cmd.Process.Signal(syscall.SIGKILL)
	c.cmd.Wait()
	<-c.done
	close(c.acks)
	var acks []string
	for a := range c.acks {
		acks = append(acks, a)
	}
	return acks
}

// TestCrashAtRandomMoments: 20 rounds of kill -9 during writes, during init
// and during passwd. After each, the vault opens, check passes, and every
// acknowledged write is there.
func TestCrashAtRandomMoments(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test")
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
	base := t.TempDir()
	vault := filepath.Join(base, "vault")
	acked := map[string]string{} // ref -> family name, across rounds
	currentPass := testPass
	for round := 0; round < 20; round++ {
		var mode string
		switch {
		case round%7 == 3:
			mode = "init"
		case round%7 == 5:
			mode = "passwd"
		default:
			mode = "writer"
		}
		if mode == "init" {
			// A fresh vault each init round; the writer rounds after it
			// continue there.
			vault = filepath.Join(base, fmt.Sprintf("vault-%d", round))
			acked = map[string]string{}
			currentPass = testPass
		} else if !crypto.Exists(vault) {
			if _, _, code := run(t, passEnv(), "", "--vault", vault, "init"); code != 0 {
				t.Fatalf("round %d: init failed", round)
			}
		}
		if mode == "passwd" && currentPass != testPass {
			// The child alternates starting from testPass.
			if err := store.ChangePassphrase(vault, currentPass, testPass); err != nil {
				t.Fatal(err)
			}
			currentPass = testPass
		}
		c := startChild(t, mode, vault)
		wait := time.Duration(rng.IntN(400)+20) * time.Millisecond
		if mode == "init" {
			// The child needs ~10 ms to start and ~20 ms to create a vault:
			// kill it before, during and after.
			wait = time.Duration(rng.IntN(40)) * time.Millisecond
		}
		time.Sleep(wait)
		acks := c.kill()

		switch mode {
		case "init":
			if !crypto.Exists(vault) {
				if len(acks) > 0 {
					t.Fatalf("round %d: init acknowledged but no vault", round)
				}
				// An interrupted init can simply be run again.
				if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "init"); code != 0 {
					t.Fatalf("round %d: init after interrupted init: %s", round, stderr)
				}
			}
		case "passwd":
			if len(acks) > 0 {
				last := acks[len(acks)-1]
				currentPass = []string{testPass, testPass + " bis"}[int(last[len(last)-1]-'0')]
			}
		case "writer":
			for _, a := range acks {
				f := strings.Fields(a)
				acked[f[0]] = f[1]
			}
		}

		// After the crash: the current passphrase (or, if the kill hit a
		// passwd in flight, the next one) opens the vault.
		v, err := store.Open(vault, currentPass)
		if errors.Is(err, crypto.ErrWrongPassphrase) && mode == "passwd" {
			other := map[string]string{testPass: testPass + " bis", testPass + " bis": testPass}[currentPass]
			v, err = store.Open(vault, other)
			currentPass = other
		}
		if err != nil {
			t.Fatalf("round %d (%s, %v): vault does not open: %v", round, mode, wait, err)
		}
		rep, err := v.Check()
		if err != nil || !rep.OK() {
			t.Fatalf("round %d (%s): check: %v %v", round, mode, err, rep.Problems)
		}
		for ref, name := range acked {
			f, err := v.Case(ref)
			if err != nil || f.Person.FamilyName != name {
				t.Fatalf("round %d: acknowledged case %s lost: %v", round, ref, err)
			}
		}
		v.Close()
		t.Logf("round %d: %s killed after %v, %d acks, %d cases acknowledged so far", round, mode, wait, len(acks), len(acked))
	}
}

// TestAcknowledgedWritesAreSynced proves what kill -9 cannot: that a change
// is on stable storage before it is acknowledged. strace records the
// writer's syscalls; between any two acknowledgements there must be a sync
// (Badger's SyncWrites msyncs its memory-mapped write-ahead log).
func TestAcknowledgedWritesAreSynced(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("strace missing on CI: scripts/deps.sh installs it")
		}
		t.Skip("strace not installed")
	}
	vault := filepath.Join(t.TempDir(), "vault")
	if _, _, code := run(t, passEnv(), "", "--vault", vault, "init"); code != 0 {
		t.Fatal("init failed")
	}
	trace := filepath.Join(t.TempDir(), "trace")
	c := startChild(t, "writer", vault, strace, "-f", "-qq", "-e", "trace=msync,fsync,fdatasync,sync_file_range,write", "-o", trace)
	deadline := time.After(20 * time.Second)
	for n := 0; n < 30; {
		select {
		case <-c.acks:
			n++
		case <-deadline:
			t.Fatal("writer too slow under strace")
		}
	}
	c.kill()
	b, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	acks, synced := 0, false
	for _, line := range strings.Split(string(b), "\n") {
		switch {
		case strings.Contains(line, `write(1, "ack `):
			if acks > 0 && !synced {
				t.Fatalf("acknowledgement %d written with no sync since the previous one:\n%s", acks, line)
			}
			acks++
			synced = false
		case strings.Contains(line, "msync(") || strings.Contains(line, "fsync(") ||
			strings.Contains(line, "fdatasync(") || strings.Contains(line, "sync_file_range("):
			if !strings.Contains(line, "= -1") {
				synced = true
			}
		}
	}
	if acks < 30 {
		t.Fatalf("only %d acknowledgements seen in the trace", acks)
	}
}
