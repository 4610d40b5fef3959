package store

import (
	"os"
	"testing"

	"casefile/crypto"
)

func TestMain(m *testing.M) {
	crypto.SetScryptWorkFactorForTests(10)
	if mode := os.Getenv(crashChildEnv); mode != "" {
		os.Exit(runCrashChild(mode)) // atomic_crash_test.go
	}
	os.Exit(m.Run())
}

const testPass = "correct horse battery staple"

func newVault(t testing.TB) *Vault {
	t.Helper()
	c, err := Create(t.TempDir(), testPass)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Vault.Close() })
	return c.Vault
}
