package pdf

import (
	"bytes"
	"compress/zlib"
	"image"
	"image/color"
	"io"
	"regexp"
	"strconv"
	"testing"
)

func TestImageEmbedded(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for y := 0; y < 20; y++ {
		for x := 0; x < 40; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 6), uint8(y * 12), 0x80, 0xff})
		}
	}
	img.Set(0, 0, color.RGBA{}) // transparent: white on paper
	var d Doc
	d.Line(HelveticaBold, 16, "Chiffres")
	d.Image(img, 400)
	d.Line(Helvetica, 10, "sous l'image")
	b := d.Bytes()

	m := regexp.MustCompile(`/Width 40 /Height 20 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length (\d+) >>\nstream\n`).FindSubmatchIndex(b)
	if m == nil {
		t.Fatalf("no image object:\n%s", b[:min(len(b), 900)])
	}
	n, _ := strconv.Atoi(string(b[m[2]:m[3]]))
	if !bytes.HasPrefix(b[m[1]+n:], []byte("\nendstream")) {
		t.Fatal("/Length does not end the stream")
	}
	zr, err := zlib.NewReader(bytes.NewReader(b[m[1] : m[1]+n]))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil || len(raw) != 40*20*3 {
		t.Fatalf("samples: %v, %d bytes", err, len(raw))
	}
	if !bytes.Equal(raw[:3], []byte{0xff, 0xff, 0xff}) {
		t.Fatalf("transparent pixel not white: %v", raw[:3])
	}
	at := func(x, y int) []byte { i := 3 * (y*40 + x); return raw[i : i+3] }
	if !bytes.Equal(at(10, 5), []byte{60, 60, 0x80}) || !bytes.Equal(at(39, 19), []byte{234, 228, 0x80}) {
		t.Fatalf("pixels %v %v", at(10, 5), at(39, 19))
	}
	// Drawn on the page at 400 × 200 points, below the title, with the
	// image named in the page's resources.
	if !regexp.MustCompile(`q 400\.00 0 0 200\.00 56\.00 [0-9.]+ cm /Im0 Do Q`).Match(Uncompressed(b)) {
		t.Fatal("no cm/Do for the image")
	}
	if !bytes.Contains(b, []byte("/XObject << /Im0 8 0 R >>")) {
		t.Fatal("page resources do not name the image object")
	}
	// The xref still points at every object, images included.
	xm := regexp.MustCompile(`startxref\n(\d+)`).FindSubmatch(b)
	xref, _ := strconv.Atoi(string(xm[1]))
	offs := regexp.MustCompile(`(\d{10}) 00000 n`).FindAllSubmatch(b[xref:], -1)
	if len(offs) != 8 {
		t.Fatalf("%d objects, want 8", len(offs))
	}
	for i, o := range offs {
		off, _ := strconv.Atoi(string(o[1]))
		if want := strconv.Itoa(i+1) + " 0 obj"; !bytes.HasPrefix(b[off:], []byte(want)) {
			t.Fatalf("xref entry %d points to %q", i+1, b[off:off+10])
		}
	}
}

func TestImageTooTallStartsANewPage(t *testing.T) {
	var d Doc
	for i := 0; i < 30; i++ {
		d.Line(Helvetica, 12, "ligne")
	}
	d.Image(image.NewRGBA(image.Rect(0, 0, 100, 100)), 480)
	d.Image(image.NewRGBA(image.Rect(0, 0, 100, 100)), 480)
	b := d.Bytes()
	if got := bytes.Count(b, []byte("/Type /Page ")); got != 3 {
		t.Fatalf("%d pages, want 3 (text, then one square image each)", got)
	}
	if d.images[0].page != 1 || d.images[1].page != 2 {
		t.Fatalf("pages of images: %d %d", d.images[0].page, d.images[1].page)
	}
}
