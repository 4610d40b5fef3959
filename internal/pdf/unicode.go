package pdf

// Text beyond WinAnsi. The standard PDF fonts hold Latin-1 and a few more
// characters; clinics' clients are named in Arabic, Cyrillic, Ge'ez, Chinese
// and many other scripts. A line holding any character outside WinAnsi is
// drawn with embedded TrueType/OpenType fonts instead:
//
//   - Noto Sans (regular and bold), which the app's theme already carries:
//     Latin, Greek, Cyrillic, Vietnamese;
//   - for any other character, the system font that has it (found as Fyne
//     finds it for the screen: go-text's fontscan), e.g. Noto Sans Arabic,
//     Noto Sans Ethiopic, Noto Sans CJK on Debian, Arial or Segoe on Windows.
//
// Each run of one font is shaped with go-text's HarfBuzz port, so Arabic
// letters join and a right-to-left run reads right to left; every glyph is
// placed where the shaper put it. Only the glyphs used are embedded, as
// Type 3 fonts (256 glyphs each) whose glyphs are the font's own outlines
// drawn as paths, with a ToUnicode map so the text can be searched and
// copied. Embedding the font files instead would cost megabytes per PDF
// (a Chinese font is 20 MB) and subsetting CFF fonts is a project of its
// own; outlines are small, exact, and the same code for every font format.
//
// Limits: a line is laid out left to right with its right-to-left runs
// reversed in place (no full bidi algorithm: enough for names and short
// phrases); a character no font has prints as the font's empty box.

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf16"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
	"github.com/go-text/typesetting/fontscan"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
)

// embedded is one font used by a document: the glyphs drawn with it, in
// Type 3 fonts of up to 256 glyphs each.
type embedded struct {
	name  string // prefix of its resource names: U1 gives U1a, U1b…
	face  *font.Face
	slots map[font.GID]slot
	subs  [][]font.GID // glyphs of each Type 3 font, by code
}

// slot is where a glyph sits: Type 3 font sub, code code.
type slot struct {
	sub  int
	code byte
	text []rune // what it stands for (ToUnicode)
}

// slotOf gives glyph g a code, the first time it is drawn.
func (e *embedded) slotOf(g font.GID, text []rune) slot {
	if s, ok := e.slots[g]; ok {
		return s
	}
	if len(e.subs) == 0 || len(e.subs[len(e.subs)-1]) == 256 {
		e.subs = append(e.subs, nil)
	}
	sub := len(e.subs) - 1
	s := slot{sub: sub, code: byte(len(e.subs[sub])), text: text}
	e.subs[sub] = append(e.subs[sub], g)
	e.slots[g] = s
	return s
}

func (e *embedded) resource(sub int) string { return fmt.Sprintf("%s%c", e.name, 'a'+sub) }

// glyphRun is what one text item becomes: glyphs of one font at absolute
// positions.
type glyphRun struct {
	f      *embedded
	size   float64
	glyphs []placed
}

type placed struct {
	gid  font.GID
	at   slot
	x, y float64
}

// unicodeFonts is a document's set of embedded fonts.
type unicodeFonts struct {
	list  []*embedded
	byKey map[string]*embedded
}

func needsUnicode(s string) bool {
	for _, r := range s {
		if _, ok := winAnsi(r); !ok {
			return true
		}
	}
	return false
}

// Noto Sans from the theme, parsed once per process.
var (
	notoOnce              sync.Once
	notoRegular, notoBold *font.Face
	notoErr               error
)

func loadNoto() {
	for i, res := range []interface{ Content() []byte }{theme.DefaultTextFont(), theme.DefaultTextBoldFont()} {
		face, err := font.ParseTTF(bytes.NewReader(res.Content()))
		if err != nil {
			notoErr = err
			return
		}
		if i == 0 {
			notoRegular = face
		} else {
			notoBold = face
		}
	}
}

// The system's fonts, scanned once per process (fontscan keeps an index of
// file names and coverage in the user's cache directory, shared with Fyne;
// it holds no personal data).
var (
	systemOnce sync.Once
	systemMu   sync.Mutex
	systemMap  *fontscan.FontMap
)

type quietLogger struct{}

func (quietLogger) Printf(string, ...interface{}) {}

// systemFace returns a system font that has r, and its file and index in
// the file (a key for it).
func systemFace(r rune) (*font.Face, string, int) {
	systemOnce.Do(func() {
		fm := fontscan.NewFontMap(quietLogger{})
		if err := fm.UseSystemFonts(""); err == nil {
			systemMap = fm
		}
	})
	if systemMap == nil {
		return nil, "", 0
	}
	systemMu.Lock()
	defer systemMu.Unlock()
	systemMap.SetQuery(fontscan.Query{Families: []string{fontscan.SansSerif}})
	face := systemMap.ResolveFace(r)
	if face == nil {
		return nil, "", 0
	}
	if _, ok := face.NominalGlyph(r); !ok {
		return nil, "", 0
	}
	loc := systemMap.FontLocation(face.Font)
	return face, loc.File, int(loc.Index)
}

func (u *unicodeFonts) add(key string, face *font.Face) *embedded {
	if e, ok := u.byKey[key]; ok {
		return e
	}
	if u.byKey == nil {
		u.byKey = map[string]*embedded{}
	}
	e := &embedded{name: fmt.Sprintf("U%d", len(u.list)+1), face: face, slots: map[font.GID]slot{}}
	u.list = append(u.list, e)
	u.byKey[key] = e
	return e
}

func pdfName(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r > ' ' && r < 0x7f && !strings.ContainsRune("()<>[]{}/%#", r) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "Font"
	}
	return b.String()
}

// baseFont is Noto Sans regular or bold.
func (u *unicodeFonts) baseFont(bold bool) *embedded {
	notoOnce.Do(loadNoto)
	if notoErr != nil {
		return nil
	}
	if bold {
		return u.add("noto-bold", notoBold)
	}
	return u.add("noto-regular", notoRegular)
}

// fontFor picks the font that draws r: the base font when it has the glyph,
// else a system font that has it, else the base font (an empty box).
func (u *unicodeFonts) fontFor(r rune, base *embedded) *embedded {
	if _, ok := base.face.NominalGlyph(r); ok {
		return base
	}
	face, file, index := systemFace(r)
	if face == nil {
		return base
	}
	return u.add(fmt.Sprintf("%s#%d", file, index), face)
}

// layout shapes s, drawn from x on baseline y at size points, into runs of
// one font each.
func (u *unicodeFonts) layout(s string, bold bool, size, x, y float64) []glyphRun {
	base := u.baseFont(bold)
	if base == nil {
		return nil
	}
	text := []rune(s)
	fonts := make([]*embedded, len(text))
	for i, r := range text {
		if !unicode.IsSpace(r) {
			fonts[i] = u.fontFor(r, base)
		}
	}
	// A space belongs to the run around it when the letters on both sides
	// share a font (so "بن علي" stays one right-to-left run), else to the
	// base font.
	for i := range text {
		if fonts[i] != nil {
			continue
		}
		var before, after *embedded
		for j := i - 1; j >= 0 && before == nil; j-- {
			if !unicode.IsSpace(text[j]) {
				before = fonts[j]
			}
		}
		for j := i + 1; j < len(text) && after == nil; j++ {
			if !unicode.IsSpace(text[j]) {
				after = fonts[j]
			}
		}
		fonts[i] = base
		if before != nil && before == after {
			if _, ok := before.face.NominalGlyph(text[i]); ok {
				fonts[i] = before
			}
		}
	}
	var runs []glyphRun
	shaper := &shaping.HarfbuzzShaper{}
	for start := 0; start < len(text); {
		end := start + 1
		for end < len(text) && fonts[end] == fonts[start] {
			end++
		}
		f := fonts[start]
		script, dir := scriptOf(text[start:end])
		out := shaper.Shape(shaping.Input{
			Text: text, RunStart: start, RunEnd: end,
			Direction: dir, Face: f.face, Size: fixed.Int26_6(size * 64),
			Script: script, Language: language.DefaultLanguage(),
		})
		run := glyphRun{f: f, size: size}
		for _, g := range out.Glyphs {
			var cluster []rune
			if g.ClusterIndex >= 0 && g.ClusterIndex+g.RuneCount <= len(text) {
				cluster = text[g.ClusterIndex : g.ClusterIndex+g.RuneCount]
			}
			run.glyphs = append(run.glyphs, placed{
				gid: g.GlyphID,
				at:  f.slotOf(g.GlyphID, cluster),
				x:   x + float64(g.XOffset)/64,
				y:   y + float64(g.YOffset)/64,
			})
			x += float64(g.XAdvance) / 64
		}
		runs = append(runs, run)
		start = end
	}
	return runs
}

// scriptOf is the script of the first letter of a run that has one, and
// its direction.
func scriptOf(rs []rune) (language.Script, di.Direction) {
	for _, r := range rs {
		s := language.LookupScript(r)
		if s == language.Common || s == language.Inherited || s == language.Unknown {
			continue
		}
		if unicode.In(r, unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko) {
			return s, di.DirectionRTL
		}
		return s, di.DirectionLTR
	}
	return language.Latin, di.DirectionLTR
}

// content writes the PDF operators drawing runs.
func (runs glyphRunList) content(c *bytes.Buffer) {
	for _, r := range runs {
		c.WriteString("BT\n")
		cur := -1
		for _, g := range r.glyphs {
			if g.at.sub != cur {
				cur = g.at.sub
				fmt.Fprintf(c, "/%s %.1f Tf\n", r.f.resource(cur), r.size)
			}
			fmt.Fprintf(c, "1 0 0 1 %.2f %.2f Tm <%02X> Tj\n", g.x, g.y, g.at.code)
		}
		c.WriteString("ET\n")
	}
}

type glyphRunList []glyphRun

// objects numbers the Type 3 fonts' objects from first and returns their
// bodies, and each font's resource name and object number. Per font: the
// font dictionary, its ToUnicode map, then one drawing per glyph.
func (u *unicodeFonts) objects(first int) (bodies []string, resources []string) {
	n := first
	for _, e := range u.list {
		upem := float64(e.face.Upem())
		for sub, gids := range e.subs {
			fontObj := n
			resources = append(resources, fmt.Sprintf("/%s %d 0 R", e.resource(sub), fontObj))
			n += 2 + len(gids)
			var procs, diffs, widths strings.Builder
			for code, g := range gids {
				fmt.Fprintf(&procs, "/g%d %d 0 R ", code, fontObj+2+code)
				fmt.Fprintf(&diffs, "/g%d", code)
				fmt.Fprintf(&widths, "%.0f ", float64(e.face.HorizontalAdvance(g)))
			}
			bodies = append(bodies, fmt.Sprintf("<< /Type /Font /Subtype /Type3 /FontBBox [0 0 0 0] "+
				"/FontMatrix [%.8f 0 0 %.8f 0 0] /CharProcs << %s>> /Encoding << /Type /Encoding /Differences [0 %s] >> "+
				"/FirstChar 0 /LastChar %d /Widths [%s] /Resources << >> /ToUnicode %d 0 R >>",
				1/upem, 1/upem, procs.String(), diffs.String(), len(gids)-1, widths.String(), fontObj+1))
			cmap := e.toUnicode(gids)
			bodies = append(bodies, fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(cmap), cmap))
			for _, g := range gids {
				draw := glyphDrawing(e.face, g)
				bodies = append(bodies, fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", len(draw), draw))
			}
		}
	}
	return bodies, resources
}

// glyphDrawing is a Type 3 glyph procedure: the glyph's advance, then its
// outline (font units, y up) filled with the non-zero rule, as TrueType
// and CFF outlines expect.
func glyphDrawing(face *font.Face, g font.GID) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%.0f 0 d0\n", float64(face.HorizontalAdvance(g)))
	outline, ok := face.GlyphData(g).(font.GlyphOutline)
	if !ok || len(outline.Segments) == 0 {
		return b.String()
	}
	var cx, cy float32 // current point, for quadratic curves
	for _, s := range outline.Segments {
		a := s.Args
		switch s.Op {
		case ot.SegmentOpMoveTo:
			fmt.Fprintf(&b, "%g %g m\n", a[0].X, a[0].Y)
			cx, cy = a[0].X, a[0].Y
		case ot.SegmentOpLineTo:
			fmt.Fprintf(&b, "%g %g l\n", a[0].X, a[0].Y)
			cx, cy = a[0].X, a[0].Y
		case ot.SegmentOpQuadTo: // as a cubic: control points 2/3 of the way
			c1x, c1y := cx+2.0/3*(a[0].X-cx), cy+2.0/3*(a[0].Y-cy)
			c2x, c2y := a[1].X+2.0/3*(a[0].X-a[1].X), a[1].Y+2.0/3*(a[0].Y-a[1].Y)
			fmt.Fprintf(&b, "%.1f %.1f %.1f %.1f %g %g c\n", c1x, c1y, c2x, c2y, a[1].X, a[1].Y)
			cx, cy = a[1].X, a[1].Y
		case ot.SegmentOpCubeTo:
			fmt.Fprintf(&b, "%g %g %g %g %g %g c\n", a[0].X, a[0].Y, a[1].X, a[1].Y, a[2].X, a[2].Y)
			cx, cy = a[2].X, a[2].Y
		}
	}
	b.WriteString("f\n")
	return b.String()
}

// toUnicode is the CMap that maps a Type 3 font's codes back to text (copy,
// search).
func (e *embedded) toUnicode(gids []font.GID) string {
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	var entries []string
	for code, g := range gids {
		rs := e.slots[g].text
		if len(rs) == 0 {
			continue
		}
		var hex strings.Builder
		for _, u := range utf16.Encode(rs) {
			fmt.Fprintf(&hex, "%04X", u)
		}
		entries = append(entries, fmt.Sprintf("<%02X> <%s>\n", code, hex.String()))
	}
	for len(entries) > 0 {
		n := min(len(entries), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n%sendbfchar\n", n, strings.Join(entries[:n], ""))
		entries = entries[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.String()
}
