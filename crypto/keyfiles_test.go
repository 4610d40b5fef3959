package crypto

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"casefile/internal/atomicfile"
)

func TestMain(m *testing.M) {
	SetScryptWorkFactorForTests(10)
	os.Exit(m.Run())
}

const pass = "rivière lente sous les ponts"

// newKeys writes both key files into a fresh directory.
func newKeys(t *testing.T) (dir string, mk *MasterKey, recovery string) {
	t.Helper()
	dir = t.TempDir()
	mk, recovery, err := CreateKeyFiles(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := WritePassFile(dir, mk, pass); err != nil {
		t.Fatal(err)
	}
	return dir, mk, recovery
}

func TestUnlockWithEitherKey(t *testing.T) {
	dir, mk, recovery := newKeys(t)
	if !strings.HasPrefix(recovery, "AGE-SECRET-KEY-PQ-1") {
		t.Fatalf("recovery key is not an age post-quantum secret key line: %q", recovery)
	}
	got, err := UnlockPassphrase(dir, pass)
	if err != nil || *got != *mk {
		t.Fatalf("passphrase unlock: %v", err)
	}
	// A recovery key typed in lower case, in groups, over two lines.
	typed := strings.ToLower(recovery[:30]) + " \n " + recovery[30:]
	got, err = UnlockRecovery(dir, typed)
	if err != nil || *got != *mk {
		t.Fatalf("recovery unlock: %v", err)
	}
}

// snapshot returns every file's bytes under dir, to prove nothing changed.
func snapshot(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			m[p] = b
		}
		return nil
	})
	return m
}

func TestBadSecretsAndDamagedFilesAreDistinctErrors(t *testing.T) {
	dir, _, recovery := newKeys(t)
	other, _ := age.GenerateHybridIdentity()
	passCT, _ := os.ReadFile(filepath.Join(dir, PassFile))
	recCT, _ := os.ReadFile(filepath.Join(dir, RecoveryFile))

	tests := []struct {
		name    string
		damage  func(t *testing.T)
		unlock  func() error
		want    error
		notWant []error
	}{
		{"wrong passphrase", nil, func() error { _, err := UnlockPassphrase(dir, "not the passphrase"); return err }, ErrWrongPassphrase, nil},
		{"empty passphrase", nil, func() error { _, err := UnlockPassphrase(dir, ""); return err }, ErrWrongPassphrase, nil},
		{"wrong recovery key", nil, func() error { _, err := UnlockRecovery(dir, other.String()); return err }, ErrWrongRecoveryKey, nil},
		{"malformed recovery key", nil, func() error { _, err := UnlockRecovery(dir, "AGE-SECRET-KEY-PQ-1NOTAKEY"); return err }, ErrMalformedRecoveryKey, nil},
		{"truncated pass file", func(t *testing.T) { write(t, dir, PassFile, passCT[:len(passCT)-7]) },
			func() error { _, err := UnlockPassphrase(dir, pass); return err }, ErrCorruptKeyFile, []error{ErrWrongPassphrase}},
		{"pass file cut in its header", func(t *testing.T) { write(t, dir, PassFile, passCT[:40]) },
			func() error { _, err := UnlockPassphrase(dir, pass); return err }, ErrCorruptKeyFile, []error{ErrWrongPassphrase}},
		{"pass file payload flipped", func(t *testing.T) { write(t, dir, PassFile, flip(passCT, len(passCT)-5)) },
			func() error { _, err := UnlockPassphrase(dir, pass); return err }, ErrCorruptKeyFile, []error{ErrWrongPassphrase}},
		{"pass file empty", func(t *testing.T) { write(t, dir, PassFile, nil) },
			func() error { _, err := UnlockPassphrase(dir, pass); return err }, ErrCorruptKeyFile, nil},
		{"pass file replaced by a recovery-type file", func(t *testing.T) { write(t, dir, PassFile, recCT) },
			func() error { _, err := UnlockPassphrase(dir, pass); return err }, ErrCorruptKeyFile, nil},
		{"recovery file truncated", func(t *testing.T) { write(t, dir, RecoveryFile, recCT[:len(recCT)-3]) },
			func() error { _, err := UnlockRecovery(dir, recovery); return err }, ErrCorruptKeyFile, []error{ErrWrongRecoveryKey}},
		{"pass file missing", func(t *testing.T) { os.Remove(filepath.Join(dir, PassFile)) },
			func() error { _, err := UnlockPassphrase(dir, pass); return err }, ErrNoVault, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			write(t, dir, PassFile, passCT)
			write(t, dir, RecoveryFile, recCT)
			if tt.damage != nil {
				tt.damage(t)
			}
			before := snapshot(t, dir)
			err := tt.unlock()
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			for _, nw := range tt.notWant {
				if errors.Is(err, nw) {
					t.Fatalf("%v must not read as %v", err, nw)
				}
			}
			after := snapshot(t, dir)
			if len(before) != len(after) {
				t.Fatal("files appeared or vanished")
			}
			for p, b := range before {
				if !bytes.Equal(b, after[p]) {
					t.Fatalf("%s changed", p)
				}
			}
		})
	}
}

func write(t *testing.T, dir, name string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func flip(b []byte, i int) []byte {
	c := bytes.Clone(b)
	c[i] ^= 0x40
	return c
}

func TestChangePassphraseRewritesOnlyThePassFile(t *testing.T) {
	dir, mk, recovery := newKeys(t)
	rec, _ := os.ReadFile(filepath.Join(dir, RecoveryFile))
	var steps []string
	atomicfile.Trace = func(s atomicfile.Step, p string) { steps = append(steps, string(s)+" "+filepath.Base(p)) }
	defer func() { atomicfile.Trace = nil }()
	if err := WritePassFile(dir, mk, "a brand new passphrase"); err != nil {
		t.Fatal(err)
	}
	// fsync of the temp file before the rename, fsync of the directory after.
	want := []string{"write .tmp-key.pass.age", "fsync-file .tmp-key.pass.age", "rename key.pass.age", "fsync-dir " + filepath.Base(dir)}
	if len(steps) != 4 {
		t.Fatalf("steps: %q", steps)
	}
	for i, w := range want {
		if !strings.HasPrefix(steps[i], w) {
			t.Fatalf("step %d = %q, want %q (all: %q)", i, steps[i], w, steps)
		}
	}
	if _, err := UnlockPassphrase(dir, pass); !errors.Is(err, ErrWrongPassphrase) {
		t.Fatalf("old passphrase still works: %v", err)
	}
	if _, err := UnlockPassphrase(dir, "a brand new passphrase"); err != nil {
		t.Fatal(err)
	}
	rec2, _ := os.ReadFile(filepath.Join(dir, RecoveryFile))
	if !bytes.Equal(rec, rec2) {
		t.Fatal("recovery file changed")
	}
	if _, err := UnlockRecovery(dir, recovery); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("temporary files left: %v", entries)
	}
}

func TestShortPassphraseRefused(t *testing.T) {
	dir := t.TempDir()
	mk, _ := NewMasterKey()
	if err := WritePassFile(dir, mk, "short"); !errors.Is(err, ErrPassphraseTooShort) {
		t.Fatalf("got %v", err)
	}
}

// The key files open with age's own library used as the age command does:
// `age -d` with a passphrase, and `age -d -i FILE` with an identity file.
func TestKeyFilesDecryptWithAge(t *testing.T) {
	dir, mk, recovery := newKeys(t)
	payload := func(name string, ids ...age.Identity) []byte {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		r, err := age.Decrypt(f, ids...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	sid, _ := age.NewScryptIdentity(pass)
	want := encodeKeyPayload(mk)
	if got := payload(PassFile, sid); !bytes.Equal(got, want) {
		t.Fatalf("pass file payload %q", got)
	}
	// An identity file as age-keygen writes it, parsed as `age -i` parses it.
	idFile := "# created: 2026-11-28\n# public key: ...\n" + recovery + "\n"
	ids, err := age.ParseIdentities(strings.NewReader(idFile))
	if err != nil {
		t.Fatal(err)
	}
	if got := payload(RecoveryFile, ids...); !bytes.Equal(got, want) {
		t.Fatalf("recovery payload %q", got)
	}
	if !strings.HasPrefix(string(want), "casefile-vault-key v1\n") {
		t.Fatal("payload is not versioned")
	}
}

// A release build (any binary that is not a test) cannot lower the work
// factor: the hook panics there.
func TestTestHookRefusedOutsideTests(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	out, err := exec.Command("go", "run", "./internal/hookprobe").CombinedOutput()
	if err == nil || strings.Contains(string(out), "hook accepted") ||
		!strings.Contains(string(out), "called outside a test") {
		t.Fatalf("hook was not refused: %v\n%s", err, out)
	}
}

func TestPayloadVersion(t *testing.T) {
	if _, err := decodeKeyPayload([]byte("casefile-vault-key v2\nAAAA\n")); !errors.Is(err, ErrUnsupportedVersion) {
		t.Fatalf("got %v", err)
	}
	if _, err := decodeKeyPayload([]byte("hello")); err == nil {
		t.Fatal("accepted garbage")
	}
}
