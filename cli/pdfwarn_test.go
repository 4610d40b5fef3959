package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"casefile/fakeclinic"
	"casefile/internal/pdf"
	"casefile/model"
)

// A PDF export that could not draw a script says so on stderr, naming
// the script; one that drew everything says nothing of fonts.
func TestPDFExportWarnsOfMissingFonts(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	var given string // a fictional given name in Ge'ez script
	g := fakeclinic.New(19)
	for i := 0; i < 20000 && given == ""; i++ {
		f := g.CaseFile(model.Date{Year: 2026, Month: 11, Day: 28})
		if strings.ContainsFunc(f.Person.GivenNames, func(r rune) bool { return r >= 0x1200 && r <= 0x137f }) {
			given = f.Person.GivenNames
		}
	}
	if given == "" {
		t.Fatal("the generator names nobody in Ge'ez script")
	}
	vault, ref := newCase(t, `{"procedure":"renewal","person":{"family_name":"Fontmarker","given_names":"`+given+`"}}`)
	out := filepath.Join(t.TempDir(), "case.pdf")
	var probe pdf.Doc
	if probe.Line(pdf.Helvetica, 10, given); len(probe.Missing()) == 0 { // fonts-noto-core installed
		if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "summary", ref, "--out", out); code != 0 || strings.Contains(stderr, "font") {
			t.Fatalf("with fonts: exit %d, stderr %q", code, stderr)
		}
	}
	restore, err := pdf.FallbackFonts() // as on a machine without Noto fonts
	if err != nil {
		t.Fatal(err)
	}
	defer restore()
	_, stderr, code := run(t, passEnv(), "", "--vault", vault, "summary", ref, "--out", out)
	if code != 0 || !strings.Contains(stderr, "no installed font") || !strings.Contains(stderr, "Ethiopic") || !strings.Contains(stderr, out) {
		t.Errorf("without fonts: exit %d, stderr %q", code, stderr)
	}
}
