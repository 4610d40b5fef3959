package cli

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"casefile/model"
	"casefile/store"
	"casefile/sync"
)

func TestSafeWriter(t *testing.T) {
	for in, want := range map[string]string{
		"Me Claire Fontaine\n": "Me Claire Fontaine\n",
		"a\tb\r\nc\n":          "a\tb\r\nc\n",
		"\x1b[31mrouge\x1b[0m": `\u001b[31mrouge\u001b[0m`,
		"\x1b]0;pwned\x07":     `\u001b]0;pwned\u0007`,
		"lone\rCR":             `lone\u000dCR`,
		"c1 \u009b31m csi":     `c1 \u009b31m csi`,
		"facture\u202efdp.exe": `facture\u202efdp.exe`,
		"bad \xff byte":        `bad \xff byte`,
		"Nguyễn Văn An, محمد, ሰላም, \u00a0":               "Nguyễn Văn An, محمد, ሰላም, \u00a0",
		`{"name":"\u001b"}` + "\n":                       `{"name":"\u001b"}` + "\n",
		"end with CR\r":                                  `end with CR\u000d`,
		"del\x7f":                                        `del\u007f`,
		"\ufeffbom":                                      `\ufeffbom`,
		"replacement \ufffd is a character":              "replacement \ufffd is a character",
		"zero width joiner \u200d and non-joiner \u200c": "zero width joiner \u200d and non-joiner \u200c",
	} {
		// Whole, then cut at every byte: a write may split a character
		// or a CRLF.
		for cut := 0; cut <= len(in); cut++ {
			var b bytes.Buffer
			w := safeOutput(&b).(*safeWriter)
			w.Write([]byte(in[:cut]))
			w.Write([]byte(in[cut:]))
			w.flush()
			if b.String() != want {
				t.Fatalf("%q cut at %d: %q, want %q", in, cut, b.String(), want)
			}
		}
	}
}

// escaped is an ESC sequence that sets a red colour and one that changes
// the terminal's title, a BEL, a C1 CSI and a right-to-left override.
const escaped = "Me Evil\x1b[31m\x1b]0;pwned\x07\u009b2J\u202e"

func noControl(t *testing.T, what, out string) {
	t.Helper()
	for _, c := range []string{"\x1b", "\x07", "\u009b", "\u202e"} {
		if strings.Contains(out, c) {
			t.Fatalf("%s prints %q raw: %q", what, c, out)
		}
	}
}

// TestTeamListEscapesNames: a member's name comes from a file of the
// shared folder that member wrote; `team list` printed it raw, escape
// sequences included.
func TestTeamListEscapesNames(t *testing.T) {
	dir, folder := filepath.Join(t.TempDir(), "v"), t.TempDir()
	if _, stderr, code := run(t, passEnv(), "", "--vault", dir, "init"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	v, err := store.Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	// Past the input checks, as another program writing the folder would.
	if _, err := sync.Create(v, folder, escaped); err != nil {
		t.Fatal(err)
	}
	v.Close()
	out, stderr, code := run(t, passEnv(), "", "--vault", dir, "team", "list")
	if code != 0 {
		t.Fatalf("team list: %s", stderr)
	}
	noControl(t, "team list", out)
	if !strings.Contains(out, `Me Evil\u001b[31m\u001b]0;pwned\u0007`) {
		t.Fatalf("the name is not shown escaped: %q", out)
	}
	mustCheckCLI(t, dir)
}

// mustCheckCLI runs `casefile check`: the vault is consistent after the
// attack.
func mustCheckCLI(t *testing.T, dir string) {
	t.Helper()
	if out, stderr, code := run(t, passEnv(), "", "--vault", dir, "check"); code != 0 {
		t.Fatalf("check: exit %d: %s%s", code, out, stderr)
	}
}

// TestCaseShowEscapesFields: a case's fields can come from a bundle or
// from sync, which do not pass the input checks of this device; `case
// show` printed them raw. Its JSON stays valid and carries the same value.
func TestCaseShowEscapesFields(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "v")
	for _, args := range [][]string{{"init"}, {"demo", "--cases", "1"}} {
		if _, stderr, code := run(t, passEnv(), "", append([]string{"--vault", dir}, args...)...); code != 0 {
			t.Fatalf("%v: %s", args, stderr)
		}
	}
	v, err := store.Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	list, err := v.ListCases()
	if err != nil || len(list) != 1 {
		t.Fatalf("cases: %v", err)
	}
	val, _ := json.Marshal(escaped)
	ch := store.ExportChange{HLC: model.HLCAt(time.Now()), Device: uuid.Must(uuid.NewV7()).String(), Author: "Mallory",
		Ops: []store.Op{{Entity: store.KindCase, ID: list[0].ID, Field: "prefecture", Value: val}}}
	if _, err := v.ApplyRemote([]store.ExportChange{ch}, nil); err != nil {
		t.Fatal(err)
	}
	v.Close()
	out, stderr, code := run(t, passEnv(), "", "--vault", dir, "case", "show", list[0].Ref)
	if code != 0 {
		t.Fatalf("case show: %s", stderr)
	}
	noControl(t, "case show", out)
	if !strings.Contains(out, `Me Evil\u001b[31m`) {
		t.Fatalf("the prefecture is not shown escaped: %q", out)
	}
	out, _, _ = run(t, passEnv(), "", "--vault", dir, "case", "show", list[0].Ref, "--json")
	noControl(t, "case show --json", out)
	var back struct {
		Prefecture string `json:"prefecture"`
	}
	if err := json.Unmarshal([]byte(out), &back); err != nil || back.Prefecture != escaped {
		t.Fatalf("JSON: %v, prefecture %q", err, back.Prefecture)
	}
	mustCheckCLI(t, dir)
}

// TestTeamNameRefusesControlCharacters: the name a user gives (author of
// their changes, their name in the team) is refused, translated, when it
// holds a control character; nothing is created.
func TestTeamNameRefusesControlCharacters(t *testing.T) {
	dir, folder := filepath.Join(t.TempDir(), "v"), t.TempDir()
	if _, stderr, code := run(t, passEnv(), "", "--vault", dir, "init"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	out, stderr, code := run(t, passEnv(), "", "--vault", dir, "team", "create", "--folder", folder, "--name", escaped)
	if code != ExitInvalid || !strings.Contains(stderr, "control character") {
		t.Fatalf("exit %d: %s%s", code, out, stderr)
	}
	noControl(t, "team create", out+stderr)
	if _, _, code := run(t, passEnv(), "", "--vault", dir, "team", "list"); code == 0 {
		t.Fatal("a team was created")
	}
}
