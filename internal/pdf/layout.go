package pdf

// Text layout: measuring, wrapping and cutting text with the advance
// widths it will really be drawn with.
//
// A piece of text (a line, a paragraph, a table cell) is drawn one of two
// ways, decided for the whole piece so that its lines look alike:
//
//   - all of it in WinAnsi: in a standard font (Helvetica, Courier), which
//     no PDF needs to embed, measured with the fonts' AFM widths
//     (metrics.go);
//   - otherwise shaped: split into runs by bidi level, script and font
//     (go-text's Segmenter: Noto Sans, else a fallback font per script,
//     fonts.go), each run shaped with go-text's HarfBuzz port (Arabic
//     letters join, right-to-left runs read right to left), its glyphs
//     embedded (type3.go).
//
// Both ways produce go-text shaping.Outputs (a standard font's glyph ID is
// its WinAnsi code), which one line wrapper breaks: go-text's LineWrapper,
// at UAX #14 break opportunities (between words, and between ideographs in
// Chinese or Japanese), inside a word only when it cannot fit a line by
// itself, and for a table cell cut after its first line with an ellipsis.
// The runs of each line are then put in visual order (bidi rule L2 as
// go-text applies it: enough for names and phrases inside a paragraph).

import (
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/go-text/typesetting/di"
	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/language"
	"github.com/go-text/typesetting/shaping"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/bidi"
)

// unitsPerPt: text is shaped and measured in 1/64 point, so that the
// shaper's integer font sizes and the wrapper's integer widths lose
// nothing visible.
const unitsPerPt = 64

func toUnits(pt float64) fixed.Int26_6 { return fixed.Int26_6(math.Round(pt * unitsPerPt * 64)) }

func toPt(v fixed.Int26_6) float64 { return float64(v) / (unitsPerPt * 64) }

// laidOut is a piece of text laid out in lines.
type laidOut struct {
	std     string  // the standard font asked for
	core    bool    // drawn in std; else shaped, with embedded fonts
	size    float64 // points
	lines   []laidLine
	missing []Missing // runs no font could draw, replaced by placeholders
}

// laidLine is one line: its runs in visual order, left to right.
type laidLine struct {
	text       []rune // the paragraph as shaped, which glyph clusters index
	runs       []shaping.Output
	width      float64 // points
	start, end int     // the runes of the cleaned text it shows (Wrap, Fit)
	boxes      []span  // placeholders, in points from the line's left end
}

type span struct{ x0, x1 float64 }

// layouter holds the buffers of go-text's segmenter, shaper and wrapper,
// reused from one piece of text to the next.
type layouter struct {
	shaper  shaping.HarfbuzzShaper
	seg     shaping.Segmenter
	wrapper shaping.LineWrapper
}

// clean makes text drawable: CR LF and CR become LF, a tab a space, and
// other control characters are dropped.
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r':
			return '\n'
		case r == '\t':
			return ' '
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// isWinAnsi reports whether the standard fonts can draw all of s.
func isWinAnsi(s string) bool {
	for _, r := range s {
		if _, ok := winAnsi(r); !ok && r != '\n' {
			return false
		}
	}
	return true
}

// lay lays out s (cleaned) in standard font std at size points, in lines
// at most width points wide, each '\n' starting a new line. With maxLines
// above zero, each paragraph stops at that many lines, the last ending in
// an ellipsis if text was cut. label names the placeholder of a script no
// font has.
func (l *layouter) lay(s, std string, size, width float64, maxLines int, label func(string) string) laidOut {
	out := laidOut{std: std, size: size, core: isWinAnsi(s)}
	var base []*font.Face
	if !out.core {
		var err error
		if base, err = baseFaces(std); err != nil {
			out.core = true // no theme font (a broken build): WinAnsi with '?'
		}
	}
	offset := 0
	for _, para := range strings.Split(s, "\n") {
		text := []rune(para)
		if len(text) == 0 {
			out.lines = append(out.lines, laidLine{start: offset, end: offset})
			offset++
			continue
		}
		var p paragraph
		if out.core {
			p = l.coreParagraph(text, std, size)
		} else {
			p = l.shapedParagraph(text, std, base, size, label)
			out.missing = append(out.missing, p.missing...)
		}
		for _, line := range l.wrap(p, width, maxLines) {
			line.start, line.end = offset+p.orig[line.start], offset+p.orig[line.end]
			out.lines = append(out.lines, line)
		}
		offset += len(text) + 1
	}
	return out
}

// paragraph is one paragraph ready to wrap: its runs in logical order.
type paragraph struct {
	text     []rune // as shaped: placeholders in place of what no font has
	orig     []int  // index in the source text of each rune of text, and of its end
	runs     []shaping.Output
	ellipsis shaping.Output
	holders  []runeRange // placeholders in text
	missing  []Missing
}

// coreParagraph measures text, all WinAnsi, in a standard font: one glyph
// per character, its ID the WinAnsi code.
func (l *layouter) coreParagraph(text []rune, std string, size float64) paragraph {
	p := paragraph{text: text, orig: identity(len(text))}
	p.runs = []shaping.Output{coreOutput(text, 0, std, size)}
	p.ellipsis = coreOutput([]rune{ellipsis}, 0, std, size)
	return p
}

func identity(n int) []int {
	o := make([]int, n+1)
	for i := range o {
		o[i] = i
	}
	return o
}

func coreOutput(text []rune, offset int, std string, size float64) shaping.Output {
	o := shaping.Output{Size: toUnits(size), Direction: di.DirectionLTR, Runes: shaping.Range{Offset: offset, Count: len(text)}}
	o.Glyphs = make([]shaping.Glyph, len(text))
	for i, r := range text {
		c, ok := winAnsi(r)
		if !ok {
			c = '?' // only without the theme's fonts: a broken build
		}
		adv := toUnits(coreWidth(std, c) * size / 1000)
		g := shaping.Glyph{XAdvance: adv, Width: adv, ClusterIndex: offset + i, RuneCount: 1, GlyphCount: 1, GlyphID: font.GID(c)}
		if c == ' ' || c == 0xa0 {
			g.Width = 0 // whitespace: trimmed at the end of a line
		}
		o.Glyphs[i] = g
	}
	o.RecomputeAdvance()
	return o
}

// fontmap gives the segmenter a face for each character: the first base
// face that has the glyph, else the fallback font of its script.
// Characters no font has were replaced by placeholders before.
type fontmap struct {
	base []*font.Face
	bold bool
}

func (m fontmap) ResolveFace(r rune) *font.Face {
	for _, f := range m.base {
		if _, ok := f.NominalGlyph(r); ok {
			return f
		}
	}
	if f := fallbacks.face(r, m.bold); f != nil {
		return f
	}
	return m.base[0]
}

// shapedParagraph splits text into runs and shapes each one.
func (l *layouter) shapedParagraph(text []rune, std string, base []*font.Face, size float64, label func(string) string) paragraph {
	fm := fontmap{base: base, bold: std == HelveticaBold}
	var p paragraph
	p.text, p.orig, p.holders, p.missing = substitute(text, fm, label)
	if firstStrongRTL(p.text) {
		// The documents are French or English: a line starting with a
		// name in Arabic script still reads left to right ("- <name>
		// (sœur) ;"), the name itself right to left. x/text's bidi picks
		// the paragraph's direction from its first strong character
		// (rules P2, P3) and has no option to set it left to right: a
		// left-to-right mark first does (it draws nothing).
		p.text = append([]rune{lrm}, p.text...)
		p.orig = append([]int{0}, p.orig...)
		for i := range p.holders {
			p.holders[i].start++
			p.holders[i].end++
		}
	}
	in := shaping.Input{Text: p.text, RunStart: 0, RunEnd: len(p.text), Direction: di.DirectionLTR, Size: toUnits(size),
		Language: language.NewLanguage("fr")}
	for _, run := range l.seg.Split(in, fm) {
		if run.Script == language.Han {
			run.Language = language.NewLanguage("zh-cn")
		}
		p.runs = append(p.runs, l.shaper.Shape(run))
	}
	p.ellipsis = l.shaper.Shape(shaping.Input{Text: []rune{ellipsis}, RunEnd: 1, Direction: di.DirectionLTR, Face: base[0],
		Size: toUnits(size), Script: language.Common, Language: language.NewLanguage("fr")})
	for i := range p.ellipsis.Glyphs {
		p.ellipsis.Glyphs[i].ClusterIndex = -1 // not in the text: draw knows it
	}
	return p
}

const (
	lrm      = '\u200e' // LEFT-TO-RIGHT MARK
	ellipsis = '…'
)

// firstStrongRTL reports whether text's first strong character is right
// to left.
func firstStrongRTL(text []rune) bool {
	for _, r := range text {
		switch p, _ := bidi.LookupRune(r); p.Class() {
		case bidi.L:
			return false
		case bidi.R, bidi.AL:
			return true
		}
	}
	return false
}

// wrap breaks p into lines at most width points wide (see lay for
// maxLines) and puts each line's runs in visual order.
func (l *layouter) wrap(p paragraph, width float64, maxLines int) []laidLine {
	cfg := shaping.WrapConfig{Direction: di.DirectionLTR, BreakPolicy: shaping.WhenNecessary}
	if maxLines > 0 {
		cfg.TruncateAfterLines, cfg.Truncator = maxLines, p.ellipsis
	}
	lines, truncated := l.wrapper.WrapParagraph(cfg, max(1, int(width*unitsPerPt)), p.text, shaping.NewSliceIterator(p.runs))
	out := make([]laidLine, 0, len(lines))
	for i, line := range lines {
		runs := slices.Clone(line)
		var cut *shaping.Output
		if truncated > 0 && i == len(lines)-1 && len(runs) > 0 {
			cut = &runs[len(runs)-1]
			runs = runs[:len(runs)-1]
		}
		ll := laidLine{text: p.text, start: len(p.text), end: 0}
		for _, r := range runs {
			ll.start = min(ll.start, r.Runes.Offset)
			ll.end = max(ll.end, r.Runes.Offset+r.Runes.Count)
		}
		if ll.start > ll.end {
			ll.start, ll.end = 0, 0
		}
		slices.SortStableFunc(runs, func(a, b shaping.Output) int { return int(a.VisualIndex - b.VisualIndex) })
		x := 0.0
		for _, r := range runs {
			for _, g := range r.Glyphs {
				adv := toPt(g.XAdvance)
				if inRanges(p.holders, g.ClusterIndex) {
					if n := len(ll.boxes); n > 0 && ll.boxes[n-1].x1 >= x-0.01 {
						ll.boxes[n-1].x1 = x + adv
					} else {
						ll.boxes = append(ll.boxes, span{x, x + adv})
					}
				}
				x += adv
			}
		}
		if cut != nil { // paragraphs run left to right: it goes last
			runs = append(runs, *cut)
			x += toPt(cut.Advance)
		}
		ll.runs, ll.width = runs, x
		out = append(out, ll)
	}
	return out
}

func inRanges(rs []runeRange, i int) bool {
	for _, r := range rs {
		if i >= r.start && i < r.end {
			return true
		}
	}
	return false
}
