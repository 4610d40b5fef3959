package cli

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casefile/stats"
)

func TestStatsCommand(t *testing.T) {
	vault := filepath.Join(t.TempDir(), "v")
	cli := func(args ...string) (string, string, int) {
		return run(t, passEnv(), "", append([]string{"--vault", vault}, args...)...)
	}
	if _, stderr, code := cli("init"); code != 0 {
		t.Fatal(stderr)
	}
	if _, stderr, code := cli("demo", "--cases", "200", "--seed", "5"); code != 0 {
		t.Fatal(stderr)
	}

	out, stderr, code := cli("stats")
	if code != 0 {
		t.Fatalf("stats: %d %s", code, stderr)
	}
	lines, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(lines) < 20 || strings.Join(lines[0], ",") != strings.Join(stats.CSVHeader, ",") {
		t.Fatalf("CSV: %v, %d lines", err, len(lines))
	}
	for _, l := range lines[1:] {
		if n := l[6]; len(n) == 1 && n >= "1" && n <= "4" {
			t.Fatalf("count %s published: %v", n, l)
		}
	}

	out, _, code = cli("stats", "--format", "json", "--procedure", "renewal", "--from", "2020-01-01", "--to", "2030-12-31")
	var rep struct {
		Procedure string `json:"procedure"`
		From      string `json:"from"`
		Tables    []json.RawMessage
	}
	if code != 0 || json.Unmarshal([]byte(out), &rep) != nil || rep.Procedure != "renewal" || rep.From != "2020-01-01" || len(rep.Tables) != 4 {
		t.Fatalf("JSON: %d %s", code, out[:min(len(out), 300)])
	}

	dir := t.TempDir()
	pngPath, pdfPath := filepath.Join(dir, "f.png"), filepath.Join(dir, "f.pdf")
	if _, stderr, code := cli("stats", "--format", "png", "--out", pngPath); code != 0 || !strings.Contains(stderr, pngPath) {
		t.Fatalf("png: %d %s", code, stderr)
	}
	b, _ := os.ReadFile(pngPath)
	if _, err := png.Decode(bytes.NewReader(b)); err != nil {
		t.Fatalf("png: %v", err)
	}
	if fi, _ := os.Stat(pngPath); fi.Mode().Perm() != 0o600 {
		t.Fatalf("png mode %v", fi.Mode())
	}
	if _, stderr, code := cli("stats", "--format", "pdf", "--out", pdfPath); code != 0 {
		t.Fatalf("pdf: %d %s", code, stderr)
	}
	if b, _ := os.ReadFile(pdfPath); !bytes.HasPrefix(b, []byte("%PDF-1.4")) || !bytes.Contains(b, []byte("/Subtype /Image")) {
		t.Fatal("pdf without image")
	}

	// Bad input: a clear error, nothing written, nothing replaced.
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--format", "xls"}, ExitUsage, "xls"},
		{[]string{"--format", "pdf"}, ExitUsage, "--out"},
		{[]string{"--from", "2025-13-01"}, ExitInvalid, ""},
		{[]string{"--from", "2025-06-01", "--to", "2025-01-01"}, ExitInvalid, "2025-06-01"},
		{[]string{"--procedure", "nope"}, ExitInvalid, "renewal"},
		{[]string{"--out", pngPath}, ExitInvalid, pngPath},
	} {
		_, stderr, code := cli(append([]string{"stats"}, c.args...)...)
		if code != c.code || !strings.Contains(stderr, c.says) || strings.TrimSpace(stderr) == "" {
			t.Errorf("stats %v: code %d, %q", c.args, code, stderr)
		}
	}
	if b2, _ := os.ReadFile(pngPath); !bytes.Equal(b, b2) {
		t.Fatal("existing file damaged")
	}
}
