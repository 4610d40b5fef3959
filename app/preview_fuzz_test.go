package app

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"testing"
)

// FuzzDecodePreview: a document's bytes come from a bundle, a colleague's
// sync or a file the user picked; the preview decodes them in the app's
// memory. Whatever the bytes, decodePreview returns an image within
// maxPreviewBytes or a previewError, and never panics.
func FuzzDecodePreview(f *testing.F) {
	img := image.NewNRGBA(image.Rect(0, 0, 3, 2))
	img.Set(1, 1, color.NRGBA{R: 200, A: 255})
	var p, j bytes.Buffer
	if err := png.Encode(&p, img); err != nil {
		f.Fatal(err)
	}
	if err := jpeg.Encode(&j, img, nil); err != nil {
		f.Fatal(err)
	}
	f.Add(p.Bytes(), true)
	f.Add(j.Bytes(), false)
	f.Add(pngClaiming(20000, 20000), true) // 1.6 GB once decoded: refused
	f.Add([]byte("GIF89a"), true)
	f.Fuzz(func(t *testing.T, b []byte, isPNG bool) {
		mime := "image/jpeg"
		if isPNG {
			mime = "image/png"
		}
		img, err := decodePreview(b, mime)
		if err != nil {
			var pe *previewError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v, want a previewError", err, err)
			}
			return
		}
		r := img.Bounds()
		if r.Empty() {
			t.Fatalf("an empty image was accepted: %v", r)
		}
		if int64(r.Dx())*int64(r.Dy()) > maxPreviewBytes {
			t.Fatalf("an image of %v pixels was decoded, over the cap", r)
		}
	})
}

// pngClaiming is a PNG header (signature and IHDR) announcing w × h RGBA
// pixels, with no data.
func pngClaiming(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	chunk := append([]byte("IHDR"), ihdr...)
	binary.Write(&b, binary.BigEndian, uint32(len(ihdr)))
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}
