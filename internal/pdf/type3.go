package pdf

// Embedded fonts. Only the glyphs a document draws are embedded, as Type 3
// fonts (256 glyphs each) whose glyphs are the font's own outlines drawn
// as paths, with a ToUnicode map so that the text can be searched and
// copied. Embedding the font files instead would cost megabytes per PDF (a
// Chinese font is 20 MB) and subsetting CFF fonts is a project of its own;
// outlines are small, exact, and the same code for every font format.
// Every stream (glyph drawings, ToUnicode maps) is Flate-compressed.

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"github.com/go-text/typesetting/font"
	ot "github.com/go-text/typesetting/font/opentype"
)

// embedded is one font used by a document, split into Type 3 fonts of up
// to 256 glyphs each.
type embedded struct {
	name  string // prefix of its resource names: U1 gives U1a, U1b…
	face  *font.Face
	slots map[slotKey]slot
	subs  [][]slotKey // glyphs of each Type 3 font, by code
}

// slotKey is a glyph and the text it stands for: the first glyph of a
// cluster carries the cluster's text, the others none, so that a glyph
// drawn in two roles gets two codes and copied text is never doubled.
type slotKey struct {
	gid  font.GID
	text string
}

// slot is where a glyph sits: Type 3 font sub, code code.
type slot struct {
	sub  int
	code byte
}

func (e *embedded) slotOf(k slotKey) slot {
	if s, ok := e.slots[k]; ok {
		return s
	}
	if len(e.subs) == 0 || len(e.subs[len(e.subs)-1]) == 256 {
		e.subs = append(e.subs, nil)
	}
	sub := len(e.subs) - 1
	s := slot{sub: sub, code: byte(len(e.subs[sub]))}
	e.subs[sub] = append(e.subs[sub], k)
	e.slots[k] = s
	return s
}

func (e *embedded) resource(sub int) string { return fmt.Sprintf("%s%c", e.name, 'a'+sub) }

// embeddedFonts is a document's set of embedded fonts.
type embeddedFonts struct {
	list   []*embedded
	byFace map[*font.Face]*embedded
}

func (u *embeddedFonts) of(face *font.Face) *embedded {
	if e, ok := u.byFace[face]; ok {
		return e
	}
	if u.byFace == nil {
		u.byFace = map[*font.Face]*embedded{}
	}
	e := &embedded{name: fmt.Sprintf("U%d", len(u.list)+1), face: face, slots: map[slotKey]slot{}}
	u.list = append(u.list, e)
	u.byFace[face] = e
	return e
}

// objects numbers the Type 3 fonts' objects from first and returns their
// bodies, and each font's resource entry. Per font: the font dictionary,
// its ToUnicode map, then one drawing per glyph.
func (u *embeddedFonts) objects(first int) (bodies []string, resources []string) {
	n := first
	for _, e := range u.list {
		upem := float64(e.face.Upem())
		for sub, keys := range e.subs {
			fontObj := n
			resources = append(resources, fmt.Sprintf("/%s %d 0 R", e.resource(sub), fontObj))
			n += 2 + len(keys)
			var procs, diffs, widths strings.Builder
			for code, k := range keys {
				fmt.Fprintf(&procs, "/g%d %d 0 R ", code, fontObj+2+code)
				fmt.Fprintf(&diffs, "/g%d", code)
				fmt.Fprintf(&widths, "%.0f ", float64(e.face.HorizontalAdvance(k.gid)))
			}
			bodies = append(bodies, fmt.Sprintf("<< /Type /Font /Subtype /Type3 /FontBBox [0 0 0 0] "+
				"/FontMatrix [%.8f 0 0 %.8f 0 0] /CharProcs << %s>> /Encoding << /Type /Encoding /Differences [0 %s] >> "+
				"/FirstChar 0 /LastChar %d /Widths [%s] /Resources << >> /ToUnicode %d 0 R >>",
				1/upem, 1/upem, procs.String(), diffs.String(), len(keys)-1, widths.String(), fontObj+1))
			bodies = append(bodies, stream("", toUnicode(keys)))
			for _, k := range keys {
				bodies = append(bodies, glyphStream(e.face, k.gid))
			}
		}
	}
	return bodies, resources
}

// glyphStreams keeps the compressed drawings of the glyphs drawn lately,
// which each document embeds again; bounded, as the faces they come from.
var glyphStreams = struct {
	sync.Mutex
	m map[glyphKey]string
}{}

type glyphKey struct {
	face *font.Face
	gid  font.GID
}

const maxGlyphStreams = 4096

// glyphStream is the body of glyph g's drawing stream.
func glyphStream(face *font.Face, g font.GID) string {
	k := glyphKey{face, g}
	glyphStreams.Lock()
	body, ok := glyphStreams.m[k]
	glyphStreams.Unlock()
	if ok {
		return body
	}
	body = stream("", glyphDrawing(face, g))
	glyphStreams.Lock()
	if glyphStreams.m == nil || len(glyphStreams.m) >= maxGlyphStreams {
		glyphStreams.m = map[glyphKey]string{}
	}
	glyphStreams.m[k] = body
	glyphStreams.Unlock()
	return body
}

// glyphDrawing is a Type 3 glyph procedure: the glyph's advance, then its
// outline (font units, y up) filled with the non-zero rule, as TrueType
// and CFF outlines expect.
func glyphDrawing(face *font.Face, g font.GID) []byte {
	var b []byte
	b = strconv.AppendFloat(b, float64(face.HorizontalAdvance(g)), 'f', 0, 64)
	b = append(b, " 0 d0\n"...)
	outline, ok := face.GlyphData(g).(font.GlyphOutline)
	if !ok || len(outline.Segments) == 0 {
		return b
	}
	pt := func(op string, xy ...float32) {
		for _, v := range xy {
			b = num(b, v)
			b = append(b, ' ')
		}
		b = append(b, op...)
		b = append(b, '\n')
	}
	var cx, cy float32 // current point, for quadratic curves
	for _, s := range outline.Segments {
		a := s.Args
		switch s.Op {
		case ot.SegmentOpMoveTo:
			pt("m", a[0].X, a[0].Y)
			cx, cy = a[0].X, a[0].Y
		case ot.SegmentOpLineTo:
			pt("l", a[0].X, a[0].Y)
			cx, cy = a[0].X, a[0].Y
		case ot.SegmentOpQuadTo: // as a cubic: control points 2/3 of the way
			pt("c", cx+2.0/3*(a[0].X-cx), cy+2.0/3*(a[0].Y-cy),
				a[1].X+2.0/3*(a[0].X-a[1].X), a[1].Y+2.0/3*(a[0].Y-a[1].Y), a[1].X, a[1].Y)
			cx, cy = a[1].X, a[1].Y
		case ot.SegmentOpCubeTo:
			pt("c", a[0].X, a[0].Y, a[1].X, a[1].Y, a[2].X, a[2].Y)
			cx, cy = a[2].X, a[2].Y
		}
	}
	return append(b, "f\n"...)
}

// num writes v in font units to a tenth, without a trailing ".0".
func num(b []byte, v float32) []byte {
	return strconv.AppendFloat(b, float64(int64(v*10+copysign(0.5, v)))/10, 'f', -1, 64)
}

func copysign(x, y float32) float32 {
	if y < 0 {
		return -x
	}
	return x
}

// utf16Hex is s in UTF-16BE, in hexadecimal.
func utf16Hex(s string) string {
	var hex strings.Builder
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&hex, "%04X", u)
	}
	return hex.String()
}

// toUnicode is the CMap that maps a Type 3 font's codes back to text (copy,
// search). A code that stands for no text (the second glyph of a cluster,
// whose text the first glyph or the cluster's ActualText carries) maps to
// the empty string.
func toUnicode(keys []slotKey) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<00> <FF>\nendcodespacerange\n")
	var entries []string
	for code, k := range keys {
		if k.text == "" {
			entries = append(entries, fmt.Sprintf("<%02X> <>\n", code))
			continue
		}
		entries = append(entries, fmt.Sprintf("<%02X> <%s>\n", code, utf16Hex(k.text)))
	}
	for len(entries) > 0 {
		n := min(len(entries), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n%sendbfchar\n", n, strings.Join(entries[:n], ""))
		entries = entries[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}
