package pdf_test

// Golden pages: the weekly agenda, a case summary and a letter naming
// people in Latin, Arabic, Cyrillic, Chinese and Ethiopic script, rendered
// to PNG by poppler's pdftoppm and compared with the reference images in
// testdata/ (go test -run Golden -update rewrites them; look at them).
//
// What the pages depend on is pinned: the fallback fonts are found among
// the system's as in the app, and scripts/deps.sh installs the same Noto
// fonts everywhere (fonts-noto-core, fonts-noto-cjk); pdftoppm draws the
// standard fonts, which the PDF does not embed, with Liberation Sans and
// Mono (fonts-liberation2, metric-compatible with Helvetica and Courier),
// through a fontconfig file that knows no other font.

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"casefile/internal/pdf"
	"casefile/letters"
	"casefile/review"
)

var update = flag.Bool("update", false, "rewrite the reference images in testdata/")

// Two renders of the same page differ when more than budget pixels differ
// by more than threshold grey levels. The same poppler renders the same
// page to the same pixels (0 differ here); the budget absorbs a little
// anti-aliasing drift and still catches one ideograph of the letter
// replaced by a similar one (芳 by 方 at 11 pt: 77 pixels).
const (
	goldenDPI = 100
	threshold = 64
	budget    = 20
)

const liberationDir = "/usr/share/fonts/truetype/liberation2"

// needTool skips the test when a tool or font the goldens need is missing
// on a developer's machine, and fails it in CI, where scripts/deps.sh
// installs them.
func needTool(t *testing.T, what, hint string, ok bool) {
	t.Helper()
	if ok {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s missing: %s (scripts/deps.sh installs it)", what, hint)
	}
	t.Skipf("%s missing: install %s (scripts/deps.sh) to run the golden PDF tests", what, hint)
}

// renderPage renders page 1 of doc to a grey image with pdftoppm.
func renderPage(t *testing.T, doc []byte) *image.Gray {
	t.Helper()
	bin, err := exec.LookPath("pdftoppm")
	needTool(t, "pdftoppm", "poppler-utils", err == nil)
	_, err = os.Stat(filepath.Join(liberationDir, "LiberationSans-Regular.ttf"))
	needTool(t, "Liberation fonts", "fonts-liberation2", err == nil)
	dir := t.TempDir()
	conf := filepath.Join(dir, "fonts.conf")
	err = os.WriteFile(conf, []byte(`<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>`+liberationDir+`</dir>
  <cachedir>`+filepath.Join(dir, "cache")+`</cachedir>
  <alias binding="same"><family>Helvetica</family><prefer><family>Liberation Sans</family></prefer></alias>
  <alias binding="same"><family>Courier</family><prefer><family>Liberation Mono</family></prefer></alias>
</fontconfig>
`), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-r", fmt.Sprint(goldenDPI), "-gray", "-singlefile", "-f", "1", "-l", "1", "-png", "-")
	cmd.Stdin = bytes.NewReader(doc)
	cmd.Env = append(os.Environ(), "FONTCONFIG_FILE="+conf)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, stderr.Bytes())
	}
	img, err := png.Decode(&out)
	if err != nil {
		t.Fatalf("pdftoppm output: %v", err)
	}
	g, ok := img.(*image.Gray)
	if !ok {
		g = image.NewGray(img.Bounds())
		draw.Draw(g, g.Rect, img, img.Bounds().Min, draw.Src)
	}
	return g
}

// compareGolden compares got with testdata/name.png, or writes it there
// with -update. On a mismatch it writes the render and a difference image
// to the temporary folder, for a look.
func compareGolden(t *testing.T, name string, got *image.Gray) {
	t.Helper()
	path := filepath.Join("testdata", name+".png")
	if *update {
		var b bytes.Buffer
		if err := png.Encode(&b, got); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("no reference image (go test -run Golden -update writes it): %v", err)
	}
	defer f.Close()
	ref, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	if ref.Bounds() != got.Bounds() {
		t.Fatalf("%s: rendered %v, reference %v", name, got.Bounds(), ref.Bounds())
	}
	diff := image.NewGray(got.Bounds())
	bad := 0
	for y := got.Rect.Min.Y; y < got.Rect.Max.Y; y++ {
		for x := got.Rect.Min.X; x < got.Rect.Max.X; x++ {
			r, _, _, _ := ref.At(x, y).RGBA()
			d := int(got.GrayAt(x, y).Y) - int(r>>8)
			if d < 0 {
				d = -d
			}
			if d > threshold {
				bad++
				diff.Pix[diff.PixOffset(x, y)] = 255
			}
		}
	}
	if bad > budget {
		out := filepath.Join(os.TempDir(), "casefile-golden-"+name)
		writePNG(out+"-got.png", got)
		writePNG(out+"-diff.png", diff)
		t.Errorf("%s: %d pixels differ from testdata/%s.png (budget %d); see %s-got.png and -diff.png",
			name, bad, name, budget, out)
	}
}

func writePNG(path string, img image.Image) {
	var b bytes.Buffer
	if png.Encode(&b, img) == nil {
		os.WriteFile(path, b.Bytes(), 0o644)
	}
}

// needFonts fails (CI) or skips the test when no installed font covers
// one of the fixtures' scripts.
func needFonts(t *testing.T) {
	t.Helper()
	doc := pdf.Doc{}
	for _, f := range peopleByScript(t) {
		doc.Line(pdf.Helvetica, 10, f.Person.DisplayName())
	}
	if m := doc.Missing(); len(m) > 0 {
		needTool(t, fmt.Sprintf("fonts for %v", m), "fonts-noto-core and fonts-noto-cjk", false)
	}
}

func TestGoldenPages(t *testing.T) {
	needFonts(t)
	setLang(t, "fr_FR.UTF-8")
	for _, tt := range []struct {
		name string
		doc  func() []byte
	}{
		{"agenda-scripts", func() []byte { return review.AgendaPDF(agendaFixture(t)) }},
		{"summary-scripts", func() []byte { return review.CaseSummaryPDF(summaryFixture(t)) }},
		{"letter-scripts", func() []byte { return letters.PDF(letterFixture(t)) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			doc := tt.doc()
			if m := pdf.MissingScripts(doc); len(m) > 0 {
				t.Errorf("scripts printed as placeholders: %v", m)
			}
			compareGolden(t, tt.name, renderPage(t, doc))
		})
	}
}

// TestGoldenNoFont: with no fallback font at all, the names in Arabic,
// Chinese and Ethiopic script print as boxed placeholders naming their
// script, and the document says so.
func TestGoldenNoFont(t *testing.T) {
	setLang(t, "fr_FR.UTF-8")
	restore, err := pdf.FallbackFonts()
	if err != nil {
		t.Fatal(err)
	}
	defer restore()
	doc := review.AgendaPDF(agendaFixture(t))
	got := pdf.MissingScripts(doc)
	slices.Sort(got)
	if fmt.Sprint(got) != "[Arabic Ethiopic Han]" {
		t.Errorf("missing scripts %v", got)
	}
	compareGolden(t, "agenda-nofont", renderPage(t, doc))
}
