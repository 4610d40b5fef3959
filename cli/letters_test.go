package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casefile/i18n"
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
	// Both letters are logged on the case, and stored with its documents
	// under names that carry the reference and the date.
	out, _, _ = run(t, passEnv(), "", "--vault", vault, "case", "show", ref, "--json")
	if strings.Count(out, "Letter “")+strings.Count(out, "Courrier « ") < 2 {
		t.Errorf("letters not logged as notes:\n%s", out)
	}
	out, _, _ = run(t, passEnv(), "", "--vault", vault, "doc", "list", ref)
	for _, want := range []string{ref + "_", "_recours-gracieux.pdf", "_rendez-vous.rtf"} {
		if !strings.Contains(out, want) {
			t.Errorf("documents lack %q:\n%s", want, out)
		}
	}
	// Without --out, the letter is stored in the vault only.
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "letter", ref, "--template", "communication-dossier"); code != 0 ||
		!strings.Contains(stderr, "_communication-dossier.pdf") || !strings.Contains(stderr, "still has passages to complete") {
		t.Fatalf("letter to the vault: %d %s", code, stderr)
	}
	// Bad input: nothing written.
	for _, args := range [][]string{
		{"letter", ref, "--template", "nope", "--out", filepath.Join(dir, "x.pdf")},
		{"letter", ref, "--template", "rendez-vous", "--out", filepath.Join(dir, "x.doc")},
		{"letter", ref},
		{"letter", ref, "--template", "mise-en-demeure", "--respond-by", "31/02/2027"},
	} {
		if _, stderr, code := run(t, passEnv(), "", append([]string{"--vault", vault}, args...)...); code == 0 || stderr == "" {
			t.Errorf("%v: code %d, stderr %q", args, code, stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a refused letter left a file")
	}
}

// A recours gracieux against a removal order warns, in the user's
// language, that the court appeal must still be filed in time, with the
// next deadline; the letter itself says the delay keeps running.
func TestLetterWarnsOnRemovalOrder(t *testing.T) {
	vault, ref := newCase(t, `{"procedure":"removal-order","person":{"family_name":"Sow","civility":"monsieur"}}`)
	day := time.Now().AddDate(0, 0, -3).Format("2006-01-02")
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "event", "add", ref, "--kind", "decision_notified",
		"--date", day, "--decision", "removal-order", "--situation", "free"); code != 0 {
		t.Fatalf("event add: %s", stderr)
	}
	for _, c := range []struct{ lang, want string }{
		{"en_US.UTF-8", "a recours gracieux does not extend the court delay"},
		{"fr_FR.UTF-8", "un recours gracieux ne prolonge pas le délai de recours contentieux"},
	} {
		t.Setenv("LANG", c.lang)
		i18n.Reload()
		out := filepath.Join(t.TempDir(), "r.rtf")
		_, stderr, code := run(t, passEnv(), "", "--vault", vault, "letter", ref, "--template", "recours-gracieux", "--out", out)
		if code != 0 || !strings.Contains(stderr, c.want) {
			t.Fatalf("%s: %d %s", c.lang, code, stderr)
		}
		b, _ := os.ReadFile(out)
		if strings.Contains(string(b), "interromp") || !strings.Contains(string(b), "ne prolonge pas le d") {
			t.Fatalf("%s: letter text:\n%s", c.lang, b)
		}
	}
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
}

// A clinic folder with one unusable file: `letter list` lists the others,
// names the file left out and why, and exits non-zero.
func TestLetterListSkipsABadTemplate(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "relance.txt"), []byte("# Relance\nRelance {{reference}}\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "casse.txt"), []byte{0xff, 0xfe}, 0o600)
	out, stderr, code := run(t, nil, "", "letter", "list", "--templates", dir)
	if code == 0 || !strings.Contains(out, "relance") || !strings.Contains(out, "recours-gracieux") {
		t.Fatalf("letter list: %d\n%s\n%s", code, out, stderr)
	}
	if !strings.Contains(stderr, "casse.txt") || !strings.Contains(stderr, i18n.T("letters.skip.not_utf8")) {
		t.Fatalf("the file left out is not named with its reason: %s", stderr)
	}
}
