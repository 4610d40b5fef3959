package app

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/internal/alloctest"
)

// hugePNG is a valid PNG of w × h pixels of 8-bit RGBA, all zero: a few
// hundred KB that decode into w × h × 4 bytes. It is written by hand, row
// by row, so that the test itself never holds the image.
func hugePNG(t testing.TB, w, h int) []byte {
	t.Helper()
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		out.WriteString(typ)
		out.Write(data)
		binary.Write(&out, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	chunk("IHDR", ihdr)
	var idat bytes.Buffer
	z, _ := zlib.NewWriterLevel(&idat, zlib.BestSpeed)
	row := make([]byte, 1+4*w) // filter byte 0, then zero pixels
	for range h {
		z.Write(row)
	}
	z.Close()
	chunk("IDAT", idat.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}

// TestPreviewRefusesHugeImages: the preview decoded any image whole
// (image.Decode): a PNG of 8000 × 8000 pixels, 250 KB in the vault, took
// 256 MB (the 20000 × 20000 one, 1.6 GB). Its dimensions are now
// read first, and above the budget nothing is decoded; the message says
// so in the user's language.
func TestPreviewRefusesHugeImages(t *testing.T) {
	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
	file := hugePNG(t, 8000, 8000)
	var img image.Image
	var err error
	n := alloctest.Bytes(func() { img, err = decodePreview(file, "image/png") })
	t.Logf("%d KB file: %.1f MiB allocated", len(file)>>10, float64(n)/(1<<20))
	if alloctest.Counted && n > 8<<20 {
		t.Errorf("decoding the preview of a huge image allocated %d bytes", n)
	}
	var pe *previewError
	if img != nil || !errors.As(err, &pe) || !strings.Contains(err.Error(), "8000 × 8000") || !strings.Contains(err.Error(), "trop grande") {
		t.Fatalf("got %v", err)
	}
}

// TestPreviewDecodesOnlyWhatTheRecordSays: a PNG or a JPEG is decoded as
// its record's type says, and nothing else is sniffed: a GIF (or a TIFF)
// stored under a PNG's type is refused, not decoded by another decoder.
func TestPreviewDecodesOnlyWhatTheRecordSays(t *testing.T) {
	i18n.Reload()
	small := image.NewNRGBA(image.Rect(0, 0, 4, 3))
	small.Set(1, 1, color.NRGBA{200, 30, 30, 255})
	var jpg, gf bytes.Buffer
	jpeg.Encode(&jpg, small, nil)
	gif.Encode(&gf, small, nil)
	for _, tt := range []struct {
		mime string
		file []byte
		ok   bool
	}{
		{"image/png", pngBytes(t), true},
		{"image/jpeg", jpg.Bytes(), true},
		{"image/png", jpg.Bytes(), false},
		{"image/jpeg", pngBytes(t), false},
		{"image/png", gf.Bytes(), false},
		{"image/gif", gf.Bytes(), false},
		{"image/tiff", []byte("II*\x00\x08\x00\x00\x00"), false},
		{"image/png", hugePNG(t, 4, 3)[:40], false},
	} {
		img, err := decodePreview(tt.file, tt.mime)
		if (err == nil) != tt.ok || (tt.ok && img.Bounds().Dx() != 4) {
			t.Errorf("%s, %d bytes: %v", tt.mime, len(tt.file), err)
		}
		var pe *previewError
		if err != nil && !errors.As(err, &pe) {
			t.Errorf("%s: not a translated refusal: %v", tt.mime, err)
		}
	}
}

// TestPreviewTabRefusesHugeImage: in the documents tab, Preview of a huge
// PNG shows the translated refusal in a dialog instead of decoding it.
// With CASEFILE_SHOTS=DIR the window is saved there as a PNG.
func TestPreviewTabRefusesHugeImage(t *testing.T) {
	wait := waiter(t)
	a, v, f := caseApp(t, (*App).documentsTab)
	if _, err := v.AddDocument(f.ID, "scan-géant.png", bytes.NewReader(hugePNG(t, 8000, 8000))); err != nil {
		t.Fatal(err)
	}
	w := a.Window()
	w.SetContent(a.documentsTab(f.ID))
	test.Tap(button(t, w, "Preview"))
	wait()
	inOverlay(t, w, func(l *widget.Label) bool {
		return strings.Contains(l.Text, "too large to preview here (8000 × 8000 pixels)")
	})
	for _, ci := range inOverlays[*canvas.Image](t, w) {
		if ci.Resource == nil { // the dialog's icon is drawn from a resource
			t.Fatalf("an image was shown: %v", ci.Image.Bounds())
		}
	}
	if dir := os.Getenv("CASEFILE_SHOTS"); dir != "" {
		out, err := os.Create(filepath.Join(dir, "preview-too-large-"+i18n.Lang()+".png"))
		if err != nil {
			t.Fatal(err)
		}
		defer out.Close()
		png.Encode(out, w.Canvas().Capture())
	}
}
