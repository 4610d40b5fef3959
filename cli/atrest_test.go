package cli

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"casefile/internal/atrest"
)

// runCLIChild runs the real CLI entry point (Main) on the arguments in
// CASEFILE_CLI_ARGS (a JSON array), in whatever environment the parent gave.
func runCLIChild() int {
	var args []string
	if err := json.Unmarshal([]byte(os.Getenv("CASEFILE_CLI_ARGS")), &args); err != nil {
		return 99
	}
	return Main(args, nil)
}

// A whole CLI session (init, case add, note, documents, search, show, list,
// review, check, passwd) run as separate processes with HOME, every XDG
// directory and TMPDIR pointed into one folder leaves no personal datum in
// clear anywhere in that folder: not in the vault, not in caches, config,
// temporary or runtime files. The markers appear only in the records.
func TestCLILeavesNothingInClear(t *testing.T) {
	root := t.TempDir()
	env := []string{childEnv + "=cli", "CASEFILE_PASSPHRASE=" + testPass, "LANG=fr_FR.UTF-8", "PATH=" + os.Getenv("PATH")}
	for _, k := range []string{"HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_RUNTIME_DIR", "TMPDIR"} {
		d := filepath.Join(root, strings.ToLower(k))
		if err := os.MkdirAll(d, 0o700); err != nil {
			t.Fatal(err)
		}
		env = append(env, k+"="+d)
	}
	vault := filepath.Join(root, "vault")
	marks := []string{"Qzvmarkerfamily", "Jkwmarkergiven", "markernote-Xyq", "markerdoc-Vbn", "5551234567"}
	// The case and the document come from outside the scanned folder.
	outside := t.TempDir()
	caseJSON := filepath.Join(outside, "case.json")
	b, _ := json.Marshal(map[string]any{
		"procedure": "asylum", "prefecture": "Seine-Saint-Denis (Bobigny)",
		"person": map[string]any{"family_name": marks[0], "given_names": marks[1], "agdref": marks[4]},
		"notes":  []map[string]string{{"text": marks[2] + " entretien"}},
	})
	scan := filepath.Join(outside, "scan.txt")
	for _, f := range []struct{ path, body string }{{caseJSON, string(b)}, {scan, "piece " + marks[3]}} {
		if err := os.WriteFile(f.path, []byte(f.body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cli := func(args ...string) string {
		t.Helper()
		a, _ := json.Marshal(append([]string{"--vault", vault}, args...))
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(env, "CASEFILE_CLI_ARGS="+string(a))
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("casefile %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	cli("init")
	ref := strings.TrimSpace(lastLine(cli("case", "add", "--json", caseJSON)))
	cli("doc", "add", ref, scan)
	cli("demo", "--cases", "50")
	if out := cli("search", strings.ToLower(marks[0])); !strings.Contains(out, ref) {
		t.Fatalf("search does not find the case: %s", out)
	}
	cli("case", "show", ref)
	cli("case", "list")
	cli("review")
	cli("check")
	if hits := scanMarkers(t, root, marks); len(hits) > 0 {
		t.Fatalf("personal data in clear on disk:\n%s", strings.Join(hits, "\n"))
	}
	// The control: the same scan finds the markers where they are in clear.
	if hits := scanMarkers(t, outside, marks); len(hits) < 2 {
		t.Fatalf("the scan is blind: %v", hits)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func scanMarkers(t *testing.T, root string, marks []string) []string {
	t.Helper()
	hits, err := atrest.Scan(root, marks)
	if err != nil {
		t.Fatal(err)
	}
	return hits
}
