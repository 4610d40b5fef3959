// Package pdf writes simple text documents as PDF 1.4: A4 pages of lines in
// the standard Helvetica and Courier fonts, encoded in WinAnsi (enough for
// French and English); a line with characters beyond WinAnsi (a name in
// Arabic or Cyrillic script) is drawn with embedded fonts (unicode.go). It exists so that Casefile can print a recovery sheet
// (and later agendas and letters) without a dependency or a temp file: the
// bytes go straight to where the user chose to save them.
package pdf

import (
	"bytes"
	"fmt"
	"strings"
)

// Fonts available on every PDF reader without embedding.
const (
	Helvetica     = "F1"
	HelveticaBold = "F2"
	Courier       = "F3"
)

// A4 in points.
const (
	PageWidth  = 595.28
	PageHeight = 841.89
)

type text struct {
	x, y, size float64
	font, s    string
}

// Doc is a document being built. The zero value is ready; pages are added
// as text goes past the bottom margin.
type Doc struct {
	pages  [][]text
	y      float64       // next baseline on the current page, from the top
	images []placedImage // image.go
}

// Margin is the page margin in points.
const Margin = 56.0

// Line writes one line (no wrapping) at the current position and moves down.
func (d *Doc) Line(font string, size float64, s string) {
	p := d.advance(size)
	*p = append(*p, text{x: Margin, y: PageHeight - d.y, size: size, font: font, s: s})
}

// advance moves to the next baseline, on a new page past the bottom
// margin, and returns the page.
func (d *Doc) advance(size float64) *[]text {
	if len(d.pages) == 0 || d.y+size > PageHeight-Margin {
		d.pages = append(d.pages, nil)
		d.y = Margin
	}
	d.y += size * 1.25
	return &d.pages[len(d.pages)-1]
}

// Row writes cells on one line, cell i starting xs[i] points right of the
// margin, each cut to fit before the next (see Fit), and moves down.
func (d *Doc) Row(font string, size float64, xs []float64, cells []string) {
	p := d.advance(size)
	for i, c := range cells {
		if i >= len(xs) {
			break
		}
		width := PageWidth - 2*Margin - xs[i]
		if i+1 < len(xs) {
			width = xs[i+1] - xs[i] - size/2
		}
		*p = append(*p, text{x: Margin + xs[i], y: PageHeight - d.y, size: size, font: font, s: Fit(c, font, size, width)})
	}
}

// Fit cuts s with an ellipsis so that its estimated width stays within
// width. It estimates wider than Wrap (capitals, as in family names, are
// wider than the average letter): a cell must never run into the next.
func Fit(s, font string, size, width float64) string {
	maxChars := int(width / (size * charWidth(font) * 1.15))
	r := []rune(s)
	if len(r) <= maxChars || maxChars < 1 {
		return s
	}
	return string(r[:maxChars-1]) + "…"
}

func charWidth(font string) float64 {
	if font == Courier {
		return 0.6
	}
	return 0.52
}

// Para writes s wrapped to the text width, then a small gap.
func (d *Doc) Para(font string, size float64, s string) {
	for _, l := range Wrap(s, font, size, PageWidth-2*Margin) {
		d.Line(font, size, l)
	}
	d.Gap(size * 0.6)
}

// Gap moves down by pt points.
func (d *Doc) Gap(pt float64) { d.y += pt }

// Wrap splits s into lines no wider than width, breaking at spaces and at
// explicit newlines. Widths are estimated (Helvetica averages half an em;
// Courier is exactly 0.6 em).
func Wrap(s, font string, size, width float64) []string {
	maxChars := int(width / (size * charWidth(font)))
	var out []string
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, w := range strings.Fields(para) {
			switch {
			case line == "":
				line = w
			case len([]rune(line))+1+len([]rune(w)) <= maxChars:
				line += " " + w
			default:
				out = append(out, line)
				line = w
			}
		}
		out = append(out, line)
	}
	return out
}

// Bytes renders the document.
func (d *Doc) Bytes() []byte {
	if len(d.pages) == 0 {
		d.pages = append(d.pages, nil)
	}
	var b bytes.Buffer
	var offsets []int
	obj := func(body string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), body)
	}
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	n := len(d.pages)
	// 1 catalog, 2 pages, 3-5 fonts, then per page: page, content.
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	kids := make([]string, n)
	for i := range d.pages {
		kids[i] = fmt.Sprintf("%d 0 R", 6+2*i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n))
	for _, f := range []string{"Helvetica", "Helvetica-Bold", "Courier"} {
		obj("<< /Type /Font /Subtype /Type1 /BaseFont /" + f + " /Encoding /WinAnsiEncoding >>")
	}
	// Contents first: they decide which fonts beyond WinAnsi get embedded.
	var uni unicodeFonts
	contents := make([]bytes.Buffer, n)
	for i, page := range d.pages {
		c := &contents[i]
		d.drawImages(i, c)
		for _, t := range page {
			if needsUnicode(t.s) {
				if runs := uni.layout(t.s, t.font == HelveticaBold, t.size, t.x, t.y); runs != nil {
					glyphRunList(runs).content(c)
					continue
				}
			}
			fmt.Fprintf(c, "BT /%s %.1f Tf %.2f %.2f Td (%s) Tj ET\n", t.font, t.size, t.x, t.y, escape(t.s))
		}
	}
	// After the pages: the images' objects, then the embedded fonts'.
	uniBodies, uniFonts := uni.objects(6 + 2*n + len(d.images))
	fontsDict := strings.Join(append([]string{"/F1 3 0 R /F2 4 0 R /F3 5 0 R"}, uniFonts...), " ")
	for i := range d.pages {
		c := &contents[i]
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "+
			"/Resources << /Font << %s >>%s >> /Contents %d 0 R >>",
			PageWidth, PageHeight, fontsDict, d.xobjects(i, 6+2*n), 7+2*i))
		obj(fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", c.Len(), c.String()))
	}
	d.writeImages(obj)
	for _, body := range uniBodies {
		obj(body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	return b.Bytes()
}

// escape encodes s in WinAnsi and escapes PDF string delimiters. Characters
// outside WinAnsi become '?' (Bytes draws such lines with embedded fonts;
// '?' is left only if no font could be loaded at all).
func escape(s string) string {
	var b strings.Builder
	for _, r := range s {
		c, ok := winAnsi(r)
		if !ok {
			c = '?'
		}
		switch c {
		case '(', ')', '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		default:
			if c < 32 || c > 126 {
				fmt.Fprintf(&b, "\\%03o", c)
			} else {
				b.WriteByte(c)
			}
		}
	}
	return b.String()
}

var winAnsiHigh = map[rune]byte{
	'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
	'‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93,
	'”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
	'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f, '\u202f': 0xa0, '·': 0xb7,
}

func winAnsi(r rune) (byte, bool) {
	if r < 0x80 || r >= 0xa0 && r <= 0xff {
		return byte(r), true
	}
	c, ok := winAnsiHigh[r]
	return c, ok
}
