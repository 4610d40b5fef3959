package cli

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

// runDemoChild fills the vault with CASEFILE_CRASH_DEMO fictional cases
// (casefile demo, its bulk options and pipelined writes), to be killed in
// the middle.
func runDemoChild(dir string) int {
	env := &Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: func(k string) string {
		if k == "CASEFILE_PASSPHRASE" {
			return testPass
		}
		return ""
	}}
	code := Run(env, []string{"--vault", dir, "demo", "--cases", os.Getenv("CASEFILE_CRASH_DEMO"), "--seed", "3"}, nil)
	if code == 0 {
		os.Stdout.WriteString("ack demo\n")
	}
	return code
}

// TestDemoKilledLeavesWholeCases: kill -9 during casefile demo, three
// times on the same vault. After each, the vault opens and check passes:
// no case is half written, and the indexes, log and outbox agree.
func TestDemoKilledLeavesWholeCases(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test")
	}
	t.Setenv("CASEFILE_CRASH_DEMO", "2500")
	// How long a whole demo takes in a child, to kill the others while
	// they write.
	start := time.Now()
	c := startChild(t, "demo", emptyVault(t))
	<-c.done
	c.cmd.Wait()
	full := time.Since(start)
	vault := emptyVault(t)
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 11))
	before := 0
	for round := 0; round < 3; round++ {
		c := startChild(t, "demo", vault)
		time.Sleep(full/5 + time.Duration(rng.Int64N(int64(full*3/5))))
		if acks := c.kill(); len(acks) > 0 {
			t.Logf("round %d: the demo finished before the kill", round)
		}
		if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "check"); code != 0 {
			t.Fatalf("round %d: check after a killed demo: %s", round, stderr)
		}
		out, _, _ := run(t, passEnv(), "", "--vault", vault, "case", "list")
		n := strings.Count(out, "\n")
		t.Logf("round %d: %d cases after the kill", round, n)
		if n < before {
			t.Fatalf("round %d: %d cases, %d before", round, n, before)
		}
		before = n
	}
}
