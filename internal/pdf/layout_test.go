package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// word is a word poppler found on a page, with its box in points from the
// top left corner.
type word struct {
	text                   string
	xMin, yMin, xMax, yMax float64
}

// pdfWords extracts the words of page 1 with their boxes (pdftotext
// -bbox): where the glyphs really are, whatever the writer thought.
func pdfWords(t *testing.T, doc []byte) []word {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext missing (poppler-utils): scripts/deps.sh installs it")
		}
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	cmd := exec.Command(bin, "-bbox", "-f", "1", "-l", "1", "-", "-")
	cmd.Stdin = bytes.NewReader(doc)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	var words []word
	re := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		w := word{text: m[5]}
		for i, f := range []*float64{&w.xMin, &w.yMin, &w.xMax, &w.yMax} {
			*f, _ = strconv.ParseFloat(m[1+i], 64)
		}
		words = append(words, w)
	}
	return words
}

// A cell in Chinese script stops before the next column: the old writer
// counted characters as half an em each, and a Chinese name, an em per
// character, ran over the next cell.
func TestRowCellStopsBeforeNextColumn(t *testing.T) {
	if fallbacks.face('王', false) == nil {
		t.Skip("no Chinese font on this system")
	}
	var d Doc
	d.Row(Helvetica, 8, []float64{0, 94, 300}, []string{"欧阳王李张刘陈杨黄赵吴周林徐叶潘胡", "NEXTCOLUMN", "Fin"})
	d.Row(Helvetica, 8, []float64{0, 94, 300}, []string{"WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", "NEXTCOLUMN", "Fin"})
	next := Margin + 94
	for _, w := range pdfWords(t, d.Bytes()) {
		if w.xMin < next && w.xMax > next-8.0/2 {
			t.Errorf("%q ends at %.1f, past %.1f (the next column at %.1f less half the font size)", w.text, w.xMax, next-4, next)
		}
		if w.text == "NEXTCOLUMN" && w.xMin < next-0.5 {
			t.Errorf("the second cell starts at %.1f, not at its column %.1f", w.xMin, next)
		}
	}
}

// A note in Chinese wraps inside the page: between ideographs, since it
// has no spaces (UAX #14), with its real widths.
func TestChineseParagraphStaysOnThePage(t *testing.T) {
	if fallbacks.face('王', false) == nil {
		t.Skip("no Chinese font on this system")
	}
	note := strings.Repeat("客户说明护照复印件和住址证明已寄出请提醒客户携带所有原件", 5)
	var d Doc
	d.Para(Helvetica, 10, note)
	words := pdfWords(t, d.Bytes())
	if len(words) < 3 {
		t.Fatalf("%d words: not wrapped", len(words))
	}
	var got strings.Builder
	for _, w := range words {
		got.WriteString(w.text)
		if w.xMax > PageWidth-Margin+0.5 {
			t.Errorf("%q runs to %.1f, past the margin at %.1f", w.text, w.xMax, PageWidth-Margin)
		}
	}
	if got.String() != note {
		t.Errorf("text read back differs:\n%s\n%s", got.String(), note)
	}
}

// width measures a line of WinAnsi text in a standard font, from the AFM
// widths.
func width(s, font string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		c, _ := winAnsi(r)
		w += coreWidth(font, c) * size / 1000
	}
	return w
}

func TestWrapUsesRealWidths(t *testing.T) {
	for _, tt := range []struct{ name, s string }{
		{"narrow letters", strings.Repeat("illicite ", 30)},
		{"wide capitals", strings.Repeat("MWAMBA WAMWEZI ", 20)},
		{"one long word", strings.Repeat("W", 80)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			lines := Wrap(tt.s, Helvetica, 10, 200)
			if len(lines) < 2 {
				t.Fatalf("not wrapped: %q", lines)
			}
			for i, l := range lines {
				if w := width(l, Helvetica, 10); w > 200 {
					t.Errorf("line %q is %.1f pt wide, over 200", l, w)
				}
				// Full: the next word would not have fitted.
				if i+1 < len(lines) && strings.Contains(tt.s, " ") {
					next := strings.Fields(lines[i+1])[0]
					if w := width(l+" "+next, Helvetica, 10); w <= 200 {
						t.Errorf("line %q would have taken %q (%.1f pt)", l, next, w)
					}
				}
			}
			sep := " "
			if !strings.Contains(tt.s, " ") {
				sep = "" // broken inside the word
			}
			if strings.Join(strings.Fields(strings.Join(lines, sep)), " ") != strings.Join(strings.Fields(tt.s), " ") {
				t.Errorf("words lost or changed: %q", lines)
			}
		})
	}
	// Chinese breaks between ideographs, nothing lost.
	if fallbacks.face('王', false) != nil {
		s := strings.Repeat("护照复印件和住址证明", 6)
		lines := Wrap(s, Helvetica, 10, 100)
		if len(lines) < 4 || strings.Join(lines, "") != s {
			t.Errorf("Chinese wrapped as %q", lines)
		}
	}
	// Spaces at the start of a line are kept (a letter's indented date).
	if got := Wrap("        Montreuil, le 28 novembre 2026", Helvetica, 11, TextWidth); got[0] != "        Montreuil, le 28 novembre 2026" {
		t.Errorf("indentation lost: %q", got)
	}
}

func TestFitCutsWithAnEllipsis(t *testing.T) {
	got := Fit("WAMWEZI MWAMBA Wenceslas", HelveticaBold, 10, 60)
	if !strings.HasSuffix(got, "…") || width(got, HelveticaBold, 10) > 60 {
		t.Errorf("Fit gave %q, %.1f pt wide", got, width(got, HelveticaBold, 10))
	}
	if w := width(strings.TrimSuffix(got, "…"), HelveticaBold, 10); w < 30 {
		t.Errorf("Fit cut too much: %q", got)
	}
	if got := Fit("court", Helvetica, 10, 200); got != "court" {
		t.Errorf("Fit cut a short text: %q", got)
	}
}

// TestNoFontPrintsAPlaceholder: text in a script no font has prints as a
// boxed label naming the script, never as the font's empty boxes copied
// back as one letter repeated ("ተተተተ"), and the document reports it.
func TestNoFontPrintsAPlaceholder(t *testing.T) {
	restore, err := FallbackFonts() // no fallback font at all
	if err != nil {
		t.Fatal(err)
	}
	defer restore()
	var d Doc
	d.Line(Helvetica, 12, "Interprète : ሰላም ተስፋዬ, Иванова")
	d.Row(Helvetica, 9, []float64{0, 150}, []string{"ሰላም ተስፋዬ", "suite"})
	if got := fmt.Sprint(d.Missing()); got != "[{Ethiopic 16}]" {
		t.Errorf("Missing() = %s", got)
	}
	b := d.Bytes()
	if got := MissingScripts(b); !slices.Equal(got, []string{"Ethiopic"}) {
		t.Errorf("MissingScripts = %q", got)
	}
	text := pdftotext(t, b)
	for _, want := range []string{"Interprète : [Ethiopic: no font], Иванова", "[Ethiopic]"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
	}
	if strings.ContainsAny(text, "ሰላምተስፋዬ") {
		t.Errorf("Ethiopic letters in the text of a PDF that cannot draw them:\n%s", text)
	}
	if n := bytes.Count(Uncompressed(b), []byte(" re S Q")); n != 2 {
		t.Errorf("%d boxes drawn, want 2", n)
	}
}

// TestFallbackFontFiles: given one font file, the writer draws its script
// and only that.
func TestFallbackFontFiles(t *testing.T) {
	const arabic = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf"
	if _, err := os.Stat(arabic); err != nil {
		t.Skip("fonts-noto-core not installed")
	}
	restore, err := FallbackFonts(arabic)
	if err != nil {
		t.Fatal(err)
	}
	defer restore()
	var d Doc
	d.Line(Helvetica, 12, "بن علي / ሰላም")
	if got := fmt.Sprint(d.Missing()); got != "[{Ethiopic 3}]" {
		t.Errorf("Missing() = %s", got)
	}
	if _, err := FallbackFonts(t.TempDir()); err == nil {
		t.Error("a folder without fonts is accepted")
	}
}

// A character of the private use area has no font anywhere.
func TestPrivateUseHasAPlaceholder(t *testing.T) {
	var d Doc
	d.Line(Helvetica, 12, "Nom : \U000F0041\U000F0042 ok")
	if got := fmt.Sprint(d.Missing()); got != "[{Unknown 2}]" {
		t.Errorf("Missing() = %s", got)
	}
	if got := MissingScripts(d.Bytes()); !slices.Equal(got, []string{"Unknown"}) {
		t.Errorf("MissingScripts = %q", got)
	}
	var plain Doc
	plain.Line(Helvetica, 12, "Zoé Иванова")
	if got := MissingScripts(plain.Bytes()); got != nil {
		t.Errorf("MissingScripts of a document that drew everything = %q", got)
	}
}

// A line starting with a name in Arabic script still reads left to right
// in a French document; the name itself reads right to left.
func TestRightToLeftNameInALeftToRightLine(t *testing.T) {
	if fallbacks.face('ع', false) == nil {
		t.Skip("no Arabic font on this system")
	}
	s := "- بن علي (sœur) ;"
	lo, _ := lay(s, Helvetica, 12, TextWidth, 0, nil)
	line := lo.lines[0]
	at := map[rune]float64{} // x of each character's glyph
	x := 0.0
	for _, r := range line.runs {
		for _, g := range r.Glyphs {
			if c := line.text[g.ClusterIndex]; c != lrm {
				if _, ok := at[c]; !ok {
					at[c] = x
				}
			}
			x += toPt(g.XAdvance)
		}
	}
	if !(at['-'] < at['ي'] && at['ي'] < at['ب'] && at['ب'] < at['(']) {
		t.Errorf("visual order wrong: - %.1f, ي %.1f, ب %.1f, ( %.1f", at['-'], at['ي'], at['ب'], at['('])
	}
}

// Page content, glyph drawings and ToUnicode maps are Flate-compressed,
// and read back the same.
func TestStreamsAreCompressed(t *testing.T) {
	var d Doc
	for i := 0; i < 40; i++ {
		d.Line(Helvetica, 10, "Ligne de texte en français, numéro "+strconv.Itoa(i))
	}
	d.Line(Helvetica, 10, "Иванова Ольга Петровна")
	b := d.Bytes()
	streams := bytes.Count(b, []byte("\nstream\n"))
	flate := bytes.Count(b, []byte("/Filter /FlateDecode >>\nstream\n"))
	if streams < 10 || flate < streams-2 { // a tiny glyph may not shrink
		t.Errorf("%d of %d streams compressed", flate, streams)
	}
	plain := Uncompressed(b)
	if !bytes.Contains(plain, []byte("(Ligne de texte en fran\\347ais, num\\351ro 39) Tj")) || bytes.Contains(plain, []byte("FlateDecode >>\nstream")) {
		t.Error("Uncompressed does not give the content back")
	}
	if len(b) >= len(plain) {
		t.Errorf("compressed %d bytes, plain %d", len(b), len(plain))
	}
	if text := pdftotext(t, b); !strings.Contains(text, "Иванова Ольга Петровна") || !strings.Contains(text, "numéro 39") {
		t.Errorf("text read back:\n%s", text)
	}
}

// A row of several lines is not split across pages.
func TestWrapRowStaysOnOnePage(t *testing.T) {
	var d Doc
	for d.y < PageHeight-Margin-20 {
		d.Line(Helvetica, 10, "remplissage")
	}
	d.WrapRow(Helvetica, 10, []float64{0, 60}, []string{"a", strings.Repeat("mot ", 30)}, 0)
	if len(d.pages) != 2 {
		t.Fatalf("%d pages", len(d.pages))
	}
	if n := len(d.pages[1]); n < 3 {
		t.Errorf("the row's %d lines on the new page, want all of them", n)
	}
	for _, p := range d.pages[0] {
		if p.lay.size == 10 && p.x > Margin {
			t.Error("part of the row stayed on the first page")
		}
	}
}

// Documents laid out and written at once on several goroutines share the
// fonts safely (go test -race).
func TestConcurrentDocuments(t *testing.T) {
	done := make(chan string)
	for i := 0; i < 4; i++ {
		go func() {
			var d Doc
			d.Para(Helvetica, 10, "بن علي Иванова 王小明 ሰላም "+strconv.Itoa(i))
			d.Row(HelveticaBold, 9, []float64{0, 80}, []string{"علي", "王小明"})
			done <- isPDF(d.Bytes())
		}()
	}
	for i := 0; i < 4; i++ {
		if s := <-done; s != "" {
			t.Error(s)
		}
	}
}

func isPDF(b []byte) string {
	if !bytes.HasSuffix(b, []byte("%%EOF\n")) {
		return "not a PDF"
	}
	return ""
}
