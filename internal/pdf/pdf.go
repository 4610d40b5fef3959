// Package pdf writes simple text documents as PDF 1.4: A4 pages of lines,
// paragraphs and table rows, and images. It exists so that Casefile can
// print a recovery sheet, agendas, case summaries and letters without a
// dependency or a temp file: the bytes go straight to where the user chose
// to save them.
//
// Text in French or English is set in the standard Helvetica and Courier
// fonts (WinAnsi, nothing embedded); text in any other script is shaped
// and drawn with embedded glyphs of Noto Sans and of the installed font
// that has its script (layout.go, fonts.go, type3.go); text no installed
// font has prints as a boxed placeholder and is reported (missing.go).
// Lines are wrapped and table cells cut with the widths glyphs are drawn
// with. Every stream is Flate-compressed.
package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"math"
	"strings"
	"sync"
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

// Margin is the page margin in points.
const Margin = 56.0

// TextWidth is the width between the margins.
const TextWidth = PageWidth - 2*Margin

// placed is a laid-out line at its place on a page: x is its left end, y
// its baseline, from the bottom of the page.
type placed struct {
	x, y float64
	lay  *laidOut
	line laidLine
}

// Doc is a document being built. The zero value is ready; pages are added
// as text goes past the bottom margin.
type Doc struct {
	// MissingLabel is the placeholder printed, boxed, for a run of text
	// in a script no installed font has, given the script's Unicode name
	// ("Ethiopic"), short for a table cell; DefaultMissingLabel when nil.
	// The app sets a translated one.
	MissingLabel func(script string, short bool) string

	pages   [][]placed
	y       float64       // next baseline on the current page, from the top
	images  []placedImage // image.go
	missing []Missing
}

// layouters keeps go-text's shaper (with its cache of HarfBuzz fonts),
// segmenter and line wrapper between documents.
var layouters = sync.Pool{New: func() any {
	l := &layouter{}
	l.shaper.SetFontCacheSize(32)
	return l
}}

// faceMu serializes the use of font faces, which go-text does not make
// safe for concurrent use (a face caches glyph extents): laying text out
// and drawing glyphs, for the documents of all goroutines.
var faceMu sync.Mutex

// lay lays s out (see layouter.lay).
func lay(s, font string, size, width float64, maxLines int, label func(string) string) (*laidOut, []rune) {
	s = clean(s)
	faceMu.Lock()
	defer faceMu.Unlock()
	l := layouters.Get().(*layouter)
	defer layouters.Put(l)
	out := l.lay(s, font, size, width, maxLines, label)
	return &out, []rune(s)
}

// Line writes s at the current position and moves down; text wider than
// the page wraps onto the next lines, as "\n" does.
func (d *Doc) Line(font string, size float64, s string) {
	lo, _ := lay(s, font, size, TextWidth, 0, d.label(false))
	d.missing = addMissing(d.missing, lo.missing)
	for _, l := range lo.lines {
		p := d.advance(size)
		*p = append(*p, placed{x: Margin, y: PageHeight - d.y, lay: lo, line: l})
	}
}

// Para writes s wrapped to the text width, then a small gap.
func (d *Doc) Para(font string, size float64, s string) {
	d.Line(font, size, s)
	d.Gap(size * 0.6)
}

// Gap moves down by pt points.
func (d *Doc) Gap(pt float64) { d.y += pt }

// advance moves to the next baseline, on a new page past the bottom
// margin, and returns the page.
func (d *Doc) advance(size float64) *[]placed {
	if len(d.pages) == 0 || d.y+size > PageHeight-Margin {
		d.pages = append(d.pages, nil)
		d.y = Margin
	}
	d.y += size * 1.25
	return &d.pages[len(d.pages)-1]
}

// Row writes cells on one line, cell i starting xs[i] points right of the
// margin, and moves down. Each cell is one line (a line break reads as a
// space) cut with an ellipsis where it would come closer than half the
// font size to the next cell, or pass the right margin.
func (d *Doc) Row(font string, size float64, xs []float64, cells []string) {
	d.WrapRow(font, size, xs, cells, 1)
}

// WrapRow writes cells like Row, but wraps each one inside its column on
// up to maxLines lines (any number if maxLines is 0), the last one cut
// with an ellipsis if text remains. The row is as tall as its tallest
// cell, and starts a new page rather than being split when it fits on one.
func (d *Doc) WrapRow(font string, size float64, xs []float64, cells []string, maxLines int) {
	var cols []*laidOut
	lines := 1
	for i, c := range cells {
		if i >= len(xs) {
			break
		}
		width := TextWidth - xs[i]
		if i+1 < len(xs) {
			width = xs[i+1] - xs[i] - size/2
		}
		lo, _ := lay(strings.ReplaceAll(c, "\n", " "), font, size, width, maxLines, d.label(true))
		d.missing = addMissing(d.missing, lo.missing)
		cols = append(cols, lo)
		lines = max(lines, len(lo.lines))
	}
	if len(d.pages) > 0 && d.y > Margin && d.y+float64(lines-1)*size*1.25+size > PageHeight-Margin &&
		Margin+float64(lines)*size*1.25 <= PageHeight-Margin {
		d.y = PageHeight // the row goes whole to a new page
	}
	for k := 0; k < lines; k++ {
		p := d.advance(size)
		for i, lo := range cols {
			if k < len(lo.lines) {
				*p = append(*p, placed{x: Margin + xs[i], y: PageHeight - d.y, lay: lo, line: lo.lines[k]})
			}
		}
	}
}

func (d *Doc) label(short bool) func(string) string {
	f := d.MissingLabel
	if f == nil {
		f = DefaultMissingLabel
	}
	return func(script string) string { return f(script, short) }
}

// Missing lists the scripts of the text so far that no installed font
// could draw, printed as placeholders, with how many characters each.
func (d *Doc) Missing() []Missing { return append([]Missing(nil), d.missing...) }

// Wrap splits s into lines no wider than width points in font at size,
// breaking where Unicode line breaking allows (between words, between
// Chinese or Japanese characters), inside a word only when it is wider
// than a line, and at each "\n". Spaces at the end of a line are dropped.
func Wrap(s, font string, size, width float64) []string {
	lo, text := lay(s, font, size, width, 0, nil)
	out := make([]string, len(lo.lines))
	for i, l := range lo.lines {
		out[i] = strings.TrimRight(string(text[l.start:l.end]), " ")
	}
	return out
}

// Fit returns s if it fits on one line of width points in font at size,
// else as much of its first line as fits followed by an ellipsis.
func Fit(s, font string, size, width float64) string {
	lo, text := lay(s, font, size, width, 1, nil)
	if len(lo.lines) == 1 && lo.lines[0].start == 0 && lo.lines[0].end == len(text) {
		return s
	}
	if len(lo.lines) == 0 {
		return ""
	}
	l := lo.lines[0]
	return strings.TrimRight(string(text[l.start:l.end]), " ") + "…"
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
	// Contents first: they decide which glyphs get embedded.
	faceMu.Lock()
	defer faceMu.Unlock()
	var fonts embeddedFonts
	contents := make([]bytes.Buffer, n)
	for i, page := range d.pages {
		c := &contents[i]
		d.drawImages(i, c)
		for _, p := range page {
			if p.lay.core {
				drawCore(c, p)
			} else {
				fonts.draw(c, p)
			}
		}
	}
	// After the pages: the images' objects, then the embedded fonts'.
	fontBodies, fontRes := fonts.objects(6 + 2*n + len(d.images))
	fontsDict := strings.Join(append([]string{"/F1 3 0 R /F2 4 0 R /F3 5 0 R"}, fontRes...), " ")
	for i := range d.pages {
		obj(fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] "+
			"/Resources << /Font << %s >>%s >> /Contents %d 0 R >>",
			PageWidth, PageHeight, fontsDict, d.xobjects(i, 6+2*n), 7+2*i))
		obj(stream("", contents[i].Bytes()))
	}
	d.writeImages(obj)
	for _, body := range fontBodies {
		obj(body)
	}
	info := ""
	if len(d.missing) > 0 {
		scripts := make([]string, len(d.missing))
		for i, m := range d.missing {
			scripts[i] = m.Script
		}
		obj(fmt.Sprintf("<< %s (%s) >>", missingKey, escape(strings.Join(scripts, " "))))
		info = fmt.Sprintf(" /Info %d 0 R", len(offsets))
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, info, xref)
	return b.Bytes()
}

// stream is a stream object's body: dict's entries and data,
// Flate-compressed unless that would not make it smaller.
func stream(dict string, data []byte) string {
	z := zlibs.Get().(*zlibBuffer)
	defer zlibs.Put(z)
	z.buf.Reset()
	z.w.Reset(&z.buf)
	z.w.Write(data) // a bytes.Buffer does not fail
	z.w.Close()
	if z.buf.Len() < len(data) {
		return fmt.Sprintf("<<%s /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", dict, z.buf.Len(), z.buf.Bytes())
	}
	return fmt.Sprintf("<<%s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// zlibBuffer is a compressor and its output, reused: a new compressor
// allocates hundreds of kilobytes, and a document has a stream per glyph.
type zlibBuffer struct {
	buf bytes.Buffer
	w   *zlib.Writer
}

var zlibs = sync.Pool{New: func() any {
	z := &zlibBuffer{}
	z.w, _ = zlib.NewWriterLevel(&z.buf, zlib.BestCompression)
	return z
}}

// drawCore writes a line set in a standard font: its glyph IDs are WinAnsi
// codes, drawn as one string (spaces at its end dropped).
func drawCore(c *bytes.Buffer, p placed) {
	var s []byte
	for _, r := range p.line.runs {
		for _, g := range r.Glyphs {
			s = append(s, byte(g.GlyphID))
		}
	}
	s = bytes.TrimRight(s, " ")
	if len(s) == 0 {
		return
	}
	fmt.Fprintf(c, "BT /%s %s Tf %.2f %.2f Td (%s) Tj ET\n", p.lay.std, ftoa(p.lay.size), p.x, p.y, escapeBytes(s))
}

// draw writes a shaped line: each glyph where the shaper put it, in the
// Type 3 font holding it, then a box around each placeholder.
func (u *embeddedFonts) draw(c *bytes.Buffer, p placed) {
	size := p.lay.size
	c.WriteString("BT\n")
	var (
		res    string  // current font resource
		ex, ey float64 // where the next glyph goes if nothing moves it
		codes  []byte  // pending codes of one Tj
		span   int     // glyphs left in a cluster drawn with several
	)
	writePending := func() {
		if len(codes) > 0 {
			fmt.Fprintf(c, "<%X> Tj\n", codes)
			codes = codes[:0]
		}
	}
	pen := p.x
	for _, run := range p.line.runs {
		e := u.of(run.Face)
		upem := float64(run.Face.Upem())
		prevCluster := -1
		for _, g := range run.Glyphs {
			text := ""
			if g.ClusterIndex < 0 {
				text = string(ellipsis)
			} else if t := p.line.text; g.ClusterIndex != prevCluster && g.ClusterIndex+g.RuneCount <= len(t) {
				text = string(t[g.ClusterIndex : g.ClusterIndex+g.RuneCount])
			}
			prevCluster = g.ClusterIndex
			if text == string(lrm) {
				pen += toPt(g.XAdvance) // the mark layout.go adds: nothing to draw
				continue
			}
			if text != "" && g.GlyphCount > 1 {
				// A cluster of several glyphs (a Bengali vowel drawn
				// before its consonant, a ligature and its marks): its
				// text as ActualText, which readers copy instead of the
				// glyphs' own, so that it reads in order and once.
				writePending()
				fmt.Fprintf(c, "/Span << /ActualText <FEFF%s> >> BDC\n", utf16Hex(text))
				span = g.GlyphCount
			}
			s := e.slotOf(slotKey{gid: g.GlyphID, text: text})
			gx, gy := pen+toPt(g.XOffset), p.y+toPt(g.YOffset)
			if r := e.resource(s.sub); r != res {
				writePending()
				res = r
				fmt.Fprintf(c, "/%s %s Tf\n", res, ftoa(size))
				ex, ey = math.Inf(1), math.Inf(1) // forces a Tm
			}
			if math.Abs(gx-ex) > 0.005 || math.Abs(gy-ey) > 0.005 {
				writePending()
				fmt.Fprintf(c, "1 0 0 1 %.2f %.2f Tm\n", gx, gy)
			}
			codes = append(codes, s.code)
			ex, ey = gx+float64(run.Face.HorizontalAdvance(g.GlyphID))*size/upem, gy
			pen += toPt(g.XAdvance)
			if span > 0 {
				if span--; span == 0 {
					writePending()
					c.WriteString("EMC\n")
				}
			}
		}
	}
	writePending()
	if span > 0 { // a cluster cut by the end of a line
		c.WriteString("EMC\n")
	}
	c.WriteString("ET\n")
	for _, b := range p.line.boxes {
		fmt.Fprintf(c, "q 0.5 G 0.6 w %.2f %.2f %.2f %.2f re S Q\n", p.x+b.x0-1, p.y-0.28*size, b.x1-b.x0+2, 1.16*size)
	}
}

// ftoa writes a font size without trailing zeros.
func ftoa(v float64) string {
	s := fmt.Sprintf("%.2f", v)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}

// escape encodes s in WinAnsi and escapes PDF string delimiters. Characters
// outside WinAnsi become '?' (only text no font could be loaded for at all:
// the rest is drawn with embedded fonts).
func escape(s string) string {
	var b []byte
	for _, r := range s {
		c, ok := winAnsi(r)
		if !ok {
			c = '?'
		}
		b = append(b, c)
	}
	return escapeBytes(b)
}

// escapeBytes writes WinAnsi bytes as a PDF literal string's content.
func escapeBytes(s []byte) string {
	var b strings.Builder
	for _, c := range s {
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
	if r >= 0x20 && r < 0x7f || r >= 0xa0 && r <= 0xff {
		return byte(r), true
	}
	c, ok := winAnsiHigh[r]
	return c, ok
}
