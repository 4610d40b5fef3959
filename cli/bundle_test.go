package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// demoVault makes a vault with n fictional cases and returns it with the
// references of its cases.
func demoVault(t *testing.T, n string) (string, []string) {
	t.Helper()
	vault := filepath.Join(t.TempDir(), "vault")
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "init"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "demo", "--cases", n); code != 0 {
		t.Fatalf("demo: %s", stderr)
	}
	out, stderr, code := run(t, passEnv(), "", "--vault", vault, "case", "list", "--json")
	if code != 0 {
		t.Fatalf("case list: %s", stderr)
	}
	var rows []struct{ Ref string }
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	var refs []string
	for _, r := range rows {
		refs = append(refs, r.Ref)
	}
	return vault, refs
}

func TestExportImportCommands(t *testing.T) {
	alice, refs := demoVault(t, "3")
	bob, _ := demoVault(t, "1")
	dir := t.TempDir()

	// Bob shows his key; Alice adds him, verified, from the file he sent.
	out, stderr, code := run(t, passEnv(), "", "--vault", bob, "key", "show")
	if code != 0 {
		t.Fatal(stderr)
	}
	first, identity, _ := strings.Cut(out, "\n")
	if !strings.HasPrefix(first, "age1pq1") || !strings.Contains(identity, "fingerprint: ") {
		t.Fatalf("key show: %q", out)
	}
	keyFile := filepath.Join(dir, "bob.txt")
	os.WriteFile(keyFile, []byte(identity), 0o600)
	if _, stderr, code := run(t, passEnv(), "", "--vault", alice, "contacts", "add", "Bob", keyFile, "--verified"); code != 0 {
		t.Fatal(stderr)
	}
	out, _, _ = run(t, passEnv(), "", "--vault", alice, "contacts", "list", "--json")
	if !strings.Contains(out, `"name": "Bob"`) || !strings.Contains(out, `"verified"`) {
		t.Fatalf("contacts list: %s", out)
	}

	file := filepath.Join(dir, "to-bob.casefile.age")
	if _, stderr, code := run(t, passEnv(), "", "--vault", alice, "export", "--case", refs[0], "--case", refs[1],
		"--to-contact", "Bob", "--armor", "--out", file); code != 0 {
		t.Fatal(stderr)
	}
	// Bob has no contact for Alice: the import warns, after a dry run that writes nothing.
	out, stderr, code = run(t, passEnv(), "", "--vault", bob, "import", file, "--dry-run")
	if code != 0 || !strings.Contains(out, "not a verified contact") || !strings.Contains(stderr, "Dry run") {
		t.Fatalf("dry run: %d %s %s", code, out, stderr)
	}
	if out, _, _ := run(t, passEnv(), "", "--vault", bob, "case", "show", refs[0]); out != "" {
		t.Fatal("the dry run wrote the case")
	}
	_, stderr, code = run(t, passEnv(), "", "--vault", bob, "import", file)
	if code != 0 || !strings.Contains(stderr, "2 new") {
		t.Fatalf("import: %s", stderr)
	}
	_, stderr, code = run(t, passEnv(), "", "--vault", bob, "import", file)
	if code != 0 || !strings.Contains(stderr, "2 unchanged") {
		t.Fatalf("re-import: %s", stderr)
	}
	if _, stderr, code := run(t, passEnv(), "", "--vault", bob, "check"); code != 0 {
		t.Fatalf("check after import: %s", stderr)
	}
	// Alice cannot read what she sent to Bob.
	_, stderr, code = run(t, passEnv(), "", "--vault", alice, "import", file)
	if code != ExitInvalid || !strings.Contains(stderr, "someone else") {
		t.Fatalf("import by a stranger: %d %s", code, stderr)
	}
	// Mixing a post-quantum and an X25519 key is one clear error.
	_, stderr, code = run(t, passEnv(), "", "--vault", alice, "export", "--case", refs[0], "--to-contact", "Bob",
		"--to", "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p", "--out", filepath.Join(dir, "x.age"))
	if code == 0 || !strings.Contains(stderr, "cannot receive the same bundle") {
		t.Fatalf("mixed: %d %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.age")); err == nil {
		t.Fatal("a refused export left a file")
	}
}

func TestExportWithPassphrase(t *testing.T) {
	alice, refs := demoVault(t, "1")
	bob, _ := demoVault(t, "1")
	file := filepath.Join(t.TempDir(), "p.casefile.age")
	env := passEnv()
	env["CASEFILE_BUNDLE_PASSPHRASE"] = "une autre phrase, rien à voir"
	if _, stderr, code := run(t, env, "", "--vault", alice, "export", "--case", refs[0], "--passphrase", "--out", file); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := run(t, env, "", "--vault", bob, "import", file); code != 0 {
		t.Fatal(stderr)
	}
	env["CASEFILE_BUNDLE_PASSPHRASE"] = testPass
	if _, stderr, code := run(t, env, "", "--vault", alice, "export", "--case", refs[0], "--passphrase", "--out", file+"2"); code == 0 {
		t.Fatalf("the vault's passphrase was accepted for a bundle: %s", stderr)
	}
}

func TestBackupRestoreCommands(t *testing.T) {
	vault, refs := demoVault(t, "5")
	dir := t.TempDir()
	file := filepath.Join(dir, "vault.casefile-backup")
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "backup", "--out", file); code != 0 {
		t.Fatal(stderr)
	}
	restored := filepath.Join(dir, "restored")
	if _, stderr, code := run(t, passEnv(), "", "restore", file, "--vault", restored); code != 0 {
		t.Fatal(stderr)
	}
	a, _, _ := run(t, passEnv(), "", "--vault", vault, "case", "show", refs[0], "--json")
	b, stderr, _ := run(t, passEnv(), "", "--vault", restored, "case", "show", refs[0], "--json")
	if a == "" || a != b {
		t.Fatalf("restored case differs: %s", stderr)
	}
	_, stderr, code := run(t, passEnv(), "", "restore", file, "--vault", restored)
	if code == 0 || !strings.Contains(stderr, "new or empty folder") {
		t.Fatalf("restore over a vault: %d %s", code, stderr)
	}
}
