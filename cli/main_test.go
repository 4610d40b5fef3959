package cli

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"casefile/crypto"
)

func TestMain(m *testing.M) {
	crypto.SetScryptWorkFactorForTests(10)
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(runChild(mode))
	}
	os.Exit(m.Run())
}

const testPass = "trois petits chats gris"

// run executes the CLI in-process, with the passphrase in the environment.
func run(t testing.TB, env map[string]string, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	e := &Env{
		Stdin:  strings.NewReader(stdin),
		Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] },
	}
	code = Run(e, args, nil)
	return out.String(), errb.String(), code
}

func passEnv() map[string]string { return map[string]string{"CASEFILE_PASSPHRASE": testPass} }
