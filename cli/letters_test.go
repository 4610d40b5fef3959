package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casefile/internal/pdf"
)

func TestLetterCommands(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"renewal","prefecture":"Rhône (Lyon)","lawyer":"Me Test","person":{"family_name":"Lettremarker","given_names":"Zoé"}}`)
	out, stderr, code := run(t, nil, "", "letter", "list")
	if code != 0 || !strings.Contains(out, "recours-gracieux") || !strings.Contains(out, "defenseur-des-droits") {
		t.Fatalf("letter list: %d %s %s", code, out, stderr)
	}
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "letter", "sender", "--clinic", "Permanence test", "--city", "Lyon"); code != 0 {
		t.Fatalf("letter sender: %s", stderr)
	}
	dir := t.TempDir()
	pdfFile := filepath.Join(dir, "recours.pdf")
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "letter", ref, "--template", "recours-gracieux", "--out", pdfFile); code != 0 {
		t.Fatalf("letter pdf: %s", stderr)
	}
	b, err := os.ReadFile(pdfFile)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-1.4") || !strings.Contains(string(pdf.Uncompressed(b)), "LETTREMARKER") || !strings.Contains(string(pdf.Uncompressed(b)), "Lyon, le ") {
		t.Fatalf("PDF: %v %.200s", err, b)
	}
	if fi, _ := os.Stat(pdfFile); fi.Mode().Perm() != 0o600 {
		t.Errorf("letter written %v, want 0600", fi.Mode().Perm())
	}
	// The lawyer's edited text, as RTF.
	rtfFile := filepath.Join(dir, "rdv.rtf")
	if _, stderr, code := run(t, passEnv(), "Texte modifié à la main\n", "--vault", vault, "letter", ref, "--template", "rendez-vous", "--out", rtfFile, "--text", "-"); code != 0 {
		t.Fatalf("letter rtf: %s", stderr)
	} else if !strings.Contains(stderr, rtfFile) {
		t.Errorf("no unencrypted warning: %s", stderr)
	}
	b, _ = os.ReadFile(rtfFile)
	if !strings.HasPrefix(string(b), `{\rtf1`) || !strings.Contains(string(b), `modifi\u233?`) {
		t.Fatalf("RTF: %s", b)
	}
	// Both letters are logged on the case.
	out, _, _ = run(t, passEnv(), "", "--vault", vault, "case", "show", ref, "--json")
	if strings.Count(out, "Letter “")+strings.Count(out, "Courrier « ") < 2 {
		t.Errorf("letters not logged as notes:\n%s", out)
	}
	// Bad input: nothing written.
	for _, args := range [][]string{
		{"letter", ref, "--template", "nope", "--out", filepath.Join(dir, "x.pdf")},
		{"letter", ref, "--template", "rendez-vous", "--out", filepath.Join(dir, "x.doc")},
		{"letter", ref, "--template", "rendez-vous"},
	} {
		if _, stderr, code := run(t, passEnv(), "", append([]string{"--vault", vault}, args...)...); code == 0 || stderr == "" {
			t.Errorf("%v: code %d, stderr %q", args, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a refused letter left a file")
	}
}
