package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
)

// Images: a raster image is embedded as an XObject of 8-bit DeviceRGB
// samples, Flate-compressed (PDF 1.4, §4.8.4), and drawn on its page with
// a cm/Do pair. Alpha is flattened onto white: the charts are opaque.

// placedImage is an image on a page: where (bottom-left corner and size
// in points) and its encoded samples.
type placedImage struct {
	page       int
	x, y, w, h float64
	px, py     int    // size in pixels
	data       []byte // zlib-compressed RGB samples
}

// Image draws img at the left margin below the current position, scaled
// to width points (at most the text width) with its aspect ratio kept, on
// a new page if it does not fit on this one; then moves below it.
func (d *Doc) Image(img image.Image, width float64) {
	b := img.Bounds()
	if b.Empty() {
		return
	}
	width = min(width, PageWidth-2*Margin)
	h := width * float64(b.Dy()) / float64(b.Dx())
	h = min(h, PageHeight-2*Margin) // a very tall image is squeezed onto one page
	if len(d.pages) == 0 || d.y+h > PageHeight-Margin {
		d.pages = append(d.pages, nil)
		d.y = Margin
	}
	d.y += h
	d.images = append(d.images, placedImage{page: len(d.pages) - 1, x: Margin, y: PageHeight - d.y,
		w: width, h: h, px: b.Dx(), py: b.Dy(), data: rgbSamples(img)})
}

// rgbSamples returns img's pixels as zlib-compressed 8-bit RGB, row by
// row from the top, alpha blended onto white.
func rgbSamples(img image.Image) []byte {
	b := img.Bounds()
	raw := make([]byte, 0, 3*b.Dx()*b.Dy())
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, a := img.At(x, y).RGBA() // premultiplied, 16 bits
			white := 0xffff - a
			raw = append(raw, byte((r+white)>>8), byte((g+white)>>8), byte((bl+white)>>8))
		}
	}
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(raw) // a bytes.Buffer does not fail
	w.Close()
	return z.Bytes()
}

// xobjects is page i's /XObject resource entry ("" without images); the
// images' objects follow the pages': the first is number first.
func (d *Doc) xobjects(page, first int) string {
	var s string
	for k, im := range d.images {
		if im.page == page {
			s += fmt.Sprintf(" /Im%d %d 0 R", k, first+k)
		}
	}
	if s == "" {
		return ""
	}
	return " /XObject <<" + s + " >>"
}

// drawImages writes the operators that paint page i's images.
func (d *Doc) drawImages(page int, c *bytes.Buffer) {
	for k, im := range d.images {
		if im.page == page {
			fmt.Fprintf(c, "q %.2f 0 0 %.2f %.2f %.2f cm /Im%d Do Q\n", im.w, im.h, im.x, im.y, k)
		}
	}
}

// writeImages writes the image objects, in order.
func (d *Doc) writeImages(obj func(string)) {
	for _, im := range d.images {
		obj(fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "+
			"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream",
			im.px, im.py, len(im.data), im.data))
	}
}
