package bundle

import (
	"archive/tar"
	"bytes"
	"encoding/base64"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"

	"casefile/crypto"
	"casefile/store"
)

// ageTool finds the real age command, v1.3 or later (post-quantum keys),
// and its batchpass plugin, installed by .ci/run with
// `go install filippo.io/age/cmd/...@v1.3.2`. Without it the test skips
// locally, and fails in CI (CI=true), where it must be present.
func ageTool(t *testing.T) (bin string, env []string) {
	t.Helper()
	gobin := ""
	if out, err := exec.Command("go", "env", "GOPATH").Output(); err == nil {
		gobin = filepath.Join(strings.TrimSpace(string(out)), "bin")
	}
	path := os.Getenv("PATH")
	if gobin != "" {
		path = gobin + string(os.PathListSeparator) + path
	}
	env = append(os.Environ(), "PATH="+path)
	for _, dir := range filepath.SplitList(path) {
		cand := filepath.Join(dir, "age")
		out, err := exec.Command(cand, "--version").Output()
		if err != nil {
			continue
		}
		v := strings.TrimSpace(string(out))
		if strings.HasPrefix(v, "v1.0") || strings.HasPrefix(v, "v1.1") || strings.HasPrefix(v, "v1.2") || strings.HasPrefix(v, "1.") {
			continue // too old for post-quantum keys (Debian's packaged age is 1.1)
		}
		return cand, env
	}
	msg := "the age command v1.3+ is not installed: go install filippo.io/age/cmd/...@v1.3.2"
	if os.Getenv("CI") != "" {
		t.Fatal(msg + " (CI must have it: see .ci/run)")
	}
	t.Skip(msg)
	return "", nil
}

func runAge(t *testing.T, bin string, env []string, extraEnv []string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(env, extraEnv...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("age %v: %v: %s", args, err, stderr.String())
	}
	return out
}

func tarNames(t *testing.T, b []byte) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	tr := tar.NewReader(bytes.NewReader(b))
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out[h.Name], _ = io.ReadAll(tr)
	}
}

func TestAgeToolDecryptsBundles(t *testing.T) {
	bin, env := ageTool(t)
	v, ex := sender(t, 2)
	me, _ := crypto.NewIdentity()
	dir := t.TempDir()
	idFile := filepath.Join(dir, "me.txt")
	os.WriteFile(idFile, []byte(me.Hybrid.String()+"\n"+me.X25519.String()+"\n"), 0o600)
	pass, _ := PassphraseRecipient("une phrase pour le paquet")
	tests := []struct {
		name  string
		armor bool
		to    age.Recipient
		args  []string
		env   []string
	}{
		{"post-quantum", false, me.Hybrid.Recipient(), []string{"-d", "-i", idFile}, nil},
		{"x25519 armored", true, me.X25519.Recipient(), []string{"-d", "-i", idFile}, nil},
		{"passphrase", false, pass, []string{"-d", "-j", "batchpass"}, []string{"AGE_PASSPHRASE=une phrase pour le paquet"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			file := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "-")+".casefile.age")
			os.WriteFile(file, write(t, v, ex, tt.armor, tt.to), 0o600)
			plain := runAge(t, bin, env, tt.env, append(tt.args, file)...)
			entries := tarNames(t, plain)
			for _, name := range []string{manifestName, "cases/1.json", "cases/2.json", signatureName} {
				if len(entries[name]) == 0 {
					t.Fatalf("age output lacks %s: %v", name, entries)
				}
			}
		})
	}
}

func TestAgeToolOpensABackup(t *testing.T) {
	bin, env := ageTool(t)
	const pass = "correct horse battery staple"
	c, err := store.Create(t.TempDir(), pass)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Vault.Close()
	var buf bytes.Buffer
	if err := c.Vault.Backup(&buf, t.TempDir()); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for name, b := range tarNames(t, buf.Bytes()) {
		os.WriteFile(filepath.Join(dir, name), b, 0o600)
	}
	recovery := filepath.Join(dir, "recovery.txt")
	os.WriteFile(recovery, []byte(c.RecoveryKey+"\n"), 0o600)
	// Either key file gives the master key: the recovery key, or the
	// passphrase as it was when the backup was made.
	byRecovery := runAge(t, bin, env, nil, "-d", "-i", recovery, filepath.Join(dir, crypto.RecoveryFile))
	byPass := runAge(t, bin, env, []string{"AGE_PASSPHRASE=" + pass}, "-d", "-j", "batchpass", filepath.Join(dir, crypto.PassFile))
	if !bytes.Equal(byRecovery, byPass) || !strings.HasPrefix(string(byPass), "casefile-vault-key v1\n") {
		t.Fatalf("key files disagree: %q %q", byRecovery, byPass)
	}
	mk := strings.TrimSpace(strings.SplitN(string(byPass), "\n", 2)[1])
	if _, err := base64.StdEncoding.DecodeString(mk); err != nil {
		t.Fatal(err)
	}
	// The master key, as printed, is the passphrase of the data.
	data := runAge(t, bin, env, []string{"AGE_PASSPHRASE=" + mk}, "-d", "-j", "batchpass", filepath.Join(dir, "data.age"))
	if len(data) == 0 {
		t.Fatal("no data")
	}
}
