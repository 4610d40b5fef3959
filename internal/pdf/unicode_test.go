package pdf

import (
	"bytes"
	"image"
	"os"
	"os/exec"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// pdftotext extracts a PDF's text with poppler (scripts/deps.sh installs
// it); the test is skipped without it outside CI.
func pdftotext(t *testing.T, doc []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext missing (poppler-utils): scripts/deps.sh installs it")
		}
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	cmd := exec.Command(bin, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(doc)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

func TestNamesInOtherScriptsAreDrawnNotReplaced(t *testing.T) {
	lines := []string{
		"Nom : Иванова Ольга Петровна", // Cyrillic: the theme's Noto Sans
		"Ονοματεπώνυμο: Παπαδόπουλος",  // Greek: Noto Sans
		"Nguyễn Thị Ánh",               // Vietnamese: Noto Sans
		"Nom : Zoé Lefèvre — 3 €",      // WinAnsi: the standard font
	}
	var d Doc
	d.Line(HelveticaBold, 14, "Бандурин Алексей")
	for _, l := range lines {
		d.Line(Helvetica, 11, l)
	}
	b := d.Bytes()
	text := pdftotext(t, b)
	for _, want := range append(lines, "Бандурин Алексей") {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q:\n%s", want, text)
		}
	}
	if n := bytes.Count(b, []byte("/Subtype /Type3")); n != 2 {
		t.Errorf("%d embedded fonts, want 2 (Noto Sans regular and bold)", n)
	}
}

// TestScriptsFromSystemFonts: Arabic (joined, right to left), Ethiopic and
// Chinese come from the system's fonts (Debian: fonts-noto-core and
// fonts-noto-cjk, a collection file, installed by scripts/deps.sh).
func TestScriptsFromSystemFonts(t *testing.T) {
	for _, tt := range []struct{ name, s string }{
		{"arabic", "بن علي"},
		{"ethiopic", "ሰላም ተስፋዬ"},
		{"chinese", "王小明"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var d Doc
			d.Line(Helvetica, 12, tt.s)
			b := d.Bytes()
			if fallbacks.face([]rune(tt.s)[0], false) == nil {
				if os.Getenv("CI") != "" {
					t.Fatalf("no system font for %s: scripts/deps.sh installs fonts-noto-core and fonts-noto-cjk", tt.name)
				}
				t.Skipf("no system font for %s", tt.name)
			}
			if len(b) > 200<<10 {
				t.Errorf("one line of %s makes a %d KiB PDF: only its glyphs should be embedded", tt.name, len(b)>>10)
			}
			text := strings.TrimSpace(pdftotext(t, b))
			if !strings.Contains(text, tt.s) {
				t.Errorf("extracted %q, want %q", text, tt.s)
			}
		})
	}
}

// TestArabicLettersJoin: shaping picks contextual forms, so the glyphs of
// "علي" differ from its letters drawn alone, and right to left: the first
// letter (ع) is drawn rightmost.
func TestArabicLettersJoin(t *testing.T) {
	if fallbacks.face('ع', false) == nil {
		t.Skip("no Arabic font on this system")
	}
	glyphs := func(s string) (ids []uint16, clusters []int) {
		lo, _ := lay(s, Helvetica, 12, 400, 0, nil)
		line := lo.lines[0]
		for _, r := range line.runs {
			for _, g := range r.Glyphs {
				if line.text[g.ClusterIndex] == lrm {
					continue
				}
				ids, clusters = append(ids, uint16(g.GlyphID)), append(clusters, g.ClusterIndex)
			}
		}
		return ids, clusters
	}
	joined, clusters := glyphs("علي")
	var alone []uint16
	for _, r := range "علي" {
		ids, _ := glyphs(string(r))
		alone = append(alone, ids...)
	}
	same := len(joined) == len(alone)
	for i := range joined {
		if same && joined[i] != alone[len(alone)-1-i] && joined[i] != alone[i] {
			same = false
		}
	}
	if same {
		t.Errorf("joined glyphs %v equal isolated ones %v: not shaped", joined, alone)
	}
	if clusters[0] <= clusters[len(clusters)-1] {
		t.Errorf("glyphs in visual order should run from the last letter to the first: clusters %v", clusters)
	}
}

// TestImagesAndUnicodeFontsTogether: a page with an image and a line in
// Cyrillic numbers the image's object and the fonts' objects apart.
func TestImagesAndUnicodeFontsTogether(t *testing.T) {
	var d Doc
	d.Line(Helvetica, 12, "Иванова Ольга")
	img := image.NewRGBA(image.Rect(0, 0, 4, 4))
	d.Image(img, 100)
	d.Line(Helvetica, 12, "Zoé")
	text := pdftotext(t, d.Bytes())
	if !strings.Contains(text, "Иванова Ольга") || !strings.Contains(text, "Zoé") {
		t.Errorf("extracted:\n%s", text)
	}
}

// TestClustersCopyBack: a cluster drawn with several glyphs (a Bengali
// vowel sign drawn before its consonant, Arabic letters with their vowel
// marks, a letter with two accents) copies back once and in order.
func TestClustersCopyBack(t *testing.T) {
	if fallbacks.face('ন', false) == nil || fallbacks.face('م', false) == nil {
		t.Skip("no Bengali or Arabic font on this system")
	}
	var d Doc
	d.Line(Helvetica, 12, "নাসরিন আক্তার / مُحَمَّد / Nguye\u0302\u0303n")
	text := norm.NFC.String(pdftotext(t, d.Bytes()))
	for _, want := range []string{"নাসরিন আক্তার", "مُحَمَّد", "Nguyễn"} {
		if !strings.Contains(text, norm.NFC.String(want)) {
			t.Errorf("extracted %q, lacks %q", text, want)
		}
	}
	if strings.ContainsFunc(text, func(r rune) bool { return r < ' ' && r != '\n' && r != '\f' }) {
		t.Errorf("control characters in %q", text)
	}
}
