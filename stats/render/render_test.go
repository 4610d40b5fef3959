package render

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"testing"

	"casefile/internal/pdf"
	"casefile/model"
	"casefile/stats"
)

func testText() Text {
	return Text{Title: "Défaillances de l'ANEF", Subtitle: "Période : toutes dates", Legend: "* masqué",
		Note: "Chiffres pseudonymisés", Days: "jours", People: func(n int) string { return fmt.Sprint(n, " personnes") }}
}

func label(table, axis, key string) string { return table + "/" + key }

// barPixels counts the pixels of the bar colour on row y.
func barPixels(img image.Image, y int) int {
	n := 0
	for x := 0; x < img.Bounds().Dx(); x++ {
		r, g, b, _ := img.At(x, y).RGBA()
		if uint8(r>>8) == bar.R && uint8(g>>8) == bar.G && uint8(b>>8) == bar.B {
			n++
		}
	}
	return n
}

func TestBarsProportionalAndSuppressedDrawnWithout(t *testing.T) {
	img, err := Bars("Titre", []Bar{{"a", stats.Cell{N: 40}}, {"b", stats.Cell{N: 20}}, {"c", stats.Cell{Suppressed: true}}, {"d", stats.Cell{N: 0}}})
	if err != nil {
		t.Fatal(err)
	}
	mid := func(i int) int { return titleH + i*rowH + rowH/2 }
	a, b, c, d := barPixels(img, mid(0)), barPixels(img, mid(1)), barPixels(img, mid(2)), barPixels(img, mid(3))
	if a == 0 || b*2 < a-2 || b*2 > a+2 {
		t.Fatalf("bars not proportional: 40 → %d px, 20 → %d px", a, b)
	}
	if c != 0 || d != 0 {
		t.Fatalf("a suppressed or zero count drew a bar: %d, %d px", c, d)
	}
	// Text was drawn: dark pixels in the label column.
	dark := 0
	for x := margin; x < margin+labelW; x++ {
		for y := titleH; y < titleH+rowH; y++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				dark++
			}
		}
	}
	if dark == 0 {
		t.Fatal("no label text drawn")
	}
}

func TestSheetPNGAndPDF(t *testing.T) {
	rep := stats.Compute(nil, stats.Filter{Procedure: model.ProcRenewal})
	var b bytes.Buffer
	if err := WritePNG(&b, rep, label, testText()); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&b)
	if err != nil || img.Bounds().Dx() != Width || img.Bounds().Dy() < 400 {
		t.Fatalf("PNG: %v %v", err, img.Bounds())
	}
	doc, err := PDF(rep, label, testText())
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(doc, []byte("/Subtype /Image")); n != len(rep.Tables)+len(rep.Delays) {
		t.Fatalf("%d images in the PDF, want one per chart", n)
	}
	if !bytes.Contains(pdf.Uncompressed(doc), []byte(`(D\351faillances de l'ANEF) Tj`)) {
		t.Fatal("title missing from the PDF")
	}
}
