// Package render draws the advocacy figures of package stats as charts:
// PNG images drawn with the standard library's image/draw, text set with
// golang.org/x/image/font in the Noto Sans that Fyne bundles (no font file
// of our own, nothing read from the system), and a PDF that embeds them.
// What it draws is only what a stats.Report publishes: suppressed counts
// are drawn as Suppressed, with no bar.
package render

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"casefile/stats"
)

// Text holds the translated words the charts need besides the labels.
type Text struct {
	Title    string // of the whole sheet
	Subtitle string // period and procedure
	Legend   string // what a suppressed count is
	Note     string // the pseudonymisation note
	Days     string // unit of the delays
	// People writes "n people".
	People func(n int) string
}

// Width of a chart, in pixels.
const Width = 1000

var (
	ink     = color.RGBA{0x22, 0x22, 0x22, 0xff}
	grey    = color.RGBA{0x77, 0x77, 0x77, 0xff}
	rule    = color.RGBA{0xdd, 0xdd, 0xdd, 0xff}
	bar     = color.RGBA{0x2f, 0x6d, 0xa8, 0xff}
	barSoft = color.RGBA{0xa9, 0xc6, 0xe3, 0xff}
	paper   = color.White
)

type faces struct{ text, small, title font.Face }

var (
	facesOnce sync.Once
	theFaces  faces
	facesErr  error
)

// loadFaces parses Fyne's bundled Noto Sans once.
func loadFaces() (faces, error) {
	facesOnce.Do(func() {
		reg, err := opentype.Parse(theme.DefaultTextFont().Content())
		if err != nil {
			facesErr = fmt.Errorf("render: font: %w", err)
			return
		}
		bold, err := opentype.Parse(theme.DefaultTextBoldFont().Content())
		if err != nil {
			facesErr = fmt.Errorf("render: font: %w", err)
			return
		}
		face := func(f *opentype.Font, size float64) font.Face {
			fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
			if err != nil && facesErr == nil {
				facesErr = fmt.Errorf("render: font: %w", err)
			}
			return fc
		}
		theFaces = faces{text: face(reg, 14), small: face(reg, 12), title: face(bold, 17)}
	})
	return theFaces, facesErr
}

// canvas is an image being drawn, with its faces.
type canvas struct {
	img *image.RGBA
	f   faces
}

func newCanvas(h int) (*canvas, error) {
	f, err := loadFaces()
	if err != nil {
		return nil, err
	}
	img := image.NewRGBA(image.Rect(0, 0, Width, h))
	draw.Draw(img, img.Bounds(), image.NewUniform(paper), image.Point{}, draw.Src)
	return &canvas{img: img, f: f}, nil
}

// text draws s with its baseline at y, starting at x; it returns the
// width drawn.
func (c *canvas) text(face font.Face, col color.Color, x, y int, s string) int {
	d := font.Drawer{Dst: c.img, Src: image.NewUniform(col), Face: face, Dot: fixed.P(x, y)}
	d.DrawString(s)
	return (d.Dot.X - fixed.I(x)).Ceil()
}

func (c *canvas) rect(col color.Color, x0, y0, x1, y1 int) {
	draw.Draw(c.img, image.Rect(x0, y0, x1, y1), image.NewUniform(col), image.Point{}, draw.Src)
}

// fit cuts s with an ellipsis to at most w pixels.
func fit(face font.Face, s string, w int) string {
	if font.MeasureString(face, s).Ceil() <= w {
		return s
	}
	r := []rune(s)
	for len(r) > 0 && font.MeasureString(face, string(r)+"…").Ceil() > w {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}

// wrap splits s into lines of at most w pixels.
func wrap(face font.Face, s string, w int) []string {
	var out []string
	line := ""
	for _, word := range strings.Fields(s) {
		try := word
		if line != "" {
			try = line + " " + word
		}
		if line != "" && font.MeasureString(face, try).Ceil() > w {
			out = append(out, line)
			line = word
		} else {
			line = try
		}
	}
	if line != "" {
		out = append(out, line)
	}
	return out
}

// Layout of a bar chart, in pixels.
const (
	margin   = 24
	labelW   = 330
	rowH     = 24
	titleH   = 40
	valueGap = 8
)

// Bar is one bar of a chart: a label and a published count, or a
// suppressed one.
type Bar struct {
	Label string
	Cell  stats.Cell
}

// Bars draws a horizontal bar chart: one row per bar, the count at the
// end of its bar, Suppressed (and no bar) for a suppressed count.
func Bars(title string, bars []Bar) (image.Image, error) {
	h := titleH + rowH*max(len(bars), 1) + margin
	c, err := newCanvas(h)
	if err != nil {
		return nil, err
	}
	c.text(c.f.title, ink, margin, margin+6, fit(c.f.title, title, Width-2*margin))
	top := titleH
	maxN := 0
	for _, b := range bars {
		if !b.Cell.Suppressed {
			maxN = max(maxN, b.Cell.N)
		}
	}
	x0 := margin + labelW
	span := Width - margin - x0 - 60
	c.rect(rule, x0, top, x0+1, top+rowH*len(bars))
	for i, b := range bars {
		y := top + i*rowH
		c.text(c.f.text, ink, margin, y+rowH-7, fit(c.f.text, b.Label, labelW-12))
		if b.Cell.Suppressed {
			c.text(c.f.text, grey, x0+valueGap, y+rowH-7, stats.Suppressed)
			continue
		}
		w := 0
		if maxN > 0 {
			w = int(math.Round(float64(span) * float64(b.Cell.N) / float64(maxN)))
		}
		c.rect(bar, x0+1, y+4, x0+1+w, y+rowH-4)
		c.text(c.f.text, ink, x0+1+w+valueGap, y+rowH-7, strconv.Itoa(b.Cell.N))
	}
	return c.img, nil
}

// Spread is one row of a delay chart: quartiles when published.
type Spread struct {
	Label          string
	People         stats.Cell
	Q1, Median, Q3 *float64
}

// Spreads draws delays: for each row, a band from the first to the third
// quartile with the median marked, and "median days (n people)" after it.
func Spreads(title string, rows []Spread, t Text) (image.Image, error) {
	h := titleH + rowH*max(len(rows), 1) + margin
	c, err := newCanvas(h)
	if err != nil {
		return nil, err
	}
	c.text(c.f.title, ink, margin, margin+6, fit(c.f.title, title, Width-2*margin))
	top := titleH
	maxD := 0.0
	for _, r := range rows {
		if r.Q3 != nil {
			maxD = math.Max(maxD, *r.Q3)
		}
	}
	x0 := margin + labelW
	span := Width - margin - x0 - 230
	px := func(v float64) int {
		if maxD == 0 {
			return x0 + 1
		}
		return x0 + 1 + int(math.Round(float64(span)*v/maxD))
	}
	c.rect(rule, x0, top, x0+1, top+rowH*len(rows))
	for i, r := range rows {
		y := top + i*rowH
		c.text(c.f.text, ink, margin, y+rowH-7, fit(c.f.text, r.Label, labelW-12))
		if r.People.Suppressed {
			c.text(c.f.text, grey, x0+valueGap, y+rowH-7, stats.Suppressed)
			continue
		}
		if r.Median == nil {
			c.text(c.f.small, grey, x0+valueGap, y+rowH-7, t.People(r.People.N))
			continue
		}
		a, m, b := px(*r.Q1), px(*r.Median), px(*r.Q3)
		c.rect(barSoft, a, y+5, max(b, a+2), y+rowH-5)
		c.rect(bar, m-1, y+2, m+2, y+rowH-2)
		label := fmt.Sprintf("%s %s (%s)", trimFloat(*r.Median), t.Days, t.People(r.People.N))
		c.text(c.f.small, ink, max(b, m+2)+valueGap, y+rowH-7, label)
	}
	return c.img, nil
}

func trimFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// Charts draws every figure of rep: malfunctions by category, prefecture
// and month, outcomes (people by outcome over the procedures shown; the
// full table is in the CSV), then the two delays.
func Charts(rep *stats.Report, label stats.Labeler, t Text) ([]image.Image, error) {
	var out []image.Image
	for _, tab := range rep.Tables {
		var bars []Bar
		if len(tab.Cols) == 1 {
			for r, row := range tab.Rows {
				bars = append(bars, Bar{label(tab.ID, "row", row), tab.Cells[r][0]})
			}
		} else {
			for c, col := range tab.Cols {
				bars = append(bars, Bar{label(tab.ID, "col", col), tab.ColTotals[c]})
			}
		}
		img, err := Bars(label(tab.ID, "", ""), bars)
		if err != nil {
			return nil, err
		}
		out = append(out, img)
	}
	for _, d := range rep.Delays {
		var rows []Spread
		for _, r := range d.Rows {
			rows = append(rows, Spread{label(d.ID, "row", r.Key), r.People, r.Q1, r.Median, r.Q3})
		}
		img, err := Spreads(label(d.ID, "", ""), rows, t)
		if err != nil {
			return nil, err
		}
		out = append(out, img)
	}
	return out, nil
}

// header draws the sheet's title, subtitle, legend and note.
func header(t Text) (image.Image, error) {
	f, err := loadFaces()
	if err != nil {
		return nil, err
	}
	legend := wrap(f.small, t.Legend, Width-2*margin)
	note := wrap(f.small, t.Note, Width-2*margin)
	h := margin + 30 + 24 + 18*(len(legend)+len(note)) + 12
	c, err := newCanvas(h)
	if err != nil {
		return nil, err
	}
	y := margin + 10
	c.text(c.f.title, ink, margin, y, t.Title)
	y += 26
	c.text(c.f.text, ink, margin, y, t.Subtitle)
	y += 22
	for _, l := range append(legend, note...) {
		c.text(c.f.small, grey, margin, y, l)
		y += 18
	}
	return c.img, nil
}

// Sheet stacks the header and every chart into one image.
func Sheet(rep *stats.Report, label stats.Labeler, t Text) (image.Image, error) {
	head, err := header(t)
	if err != nil {
		return nil, err
	}
	charts, err := Charts(rep, label, t)
	if err != nil {
		return nil, err
	}
	parts := append([]image.Image{head}, charts...)
	h := 0
	for _, p := range parts {
		h += p.Bounds().Dy()
	}
	sheet := image.NewRGBA(image.Rect(0, 0, Width, h))
	y := 0
	for _, p := range parts {
		r := p.Bounds()
		draw.Draw(sheet, image.Rect(0, y, Width, y+r.Dy()), p, r.Min, draw.Src)
		y += r.Dy()
	}
	return sheet, nil
}

// WritePNG writes the sheet of every chart as one PNG.
func WritePNG(w io.Writer, rep *stats.Report, label stats.Labeler, t Text) error {
	img, err := Sheet(rep, label, t)
	if err != nil {
		return err
	}
	return png.Encode(w, img)
}
