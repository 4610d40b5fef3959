package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"math/rand/v2"

	"casefile/internal/pdf"
	"casefile/model"
	"casefile/store"
)

// AttachDocuments gives the n most recently opened cases of v a couple of
// fictional documents, so the documents tab, its preview and the checklist
// have something to show: a PNG "scan" of an identity page (grey text bars
// and a SPECIMEN band, no real likeness) ticked as the passport, and, for
// ANEF cases, a PDF "attestation de dépôt" marked as fictitious.
func AttachDocuments(v *store.Vault, n int, seed int64) error {
	list, err := v.ListCases()
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(uint64(seed), 0xd0c5))
	for _, s := range list[:min(n, len(list))] {
		f, err := v.Case(s.ID)
		if err != nil {
			return err
		}
		d, err := v.AddDocument(f.ID, "passeport-scan.png", bytes.NewReader(specimenScan(rng)))
		if err != nil {
			return err
		}
		if err := v.SetDocumentChecklistItem(d.ID, "passport"); err != nil {
			return err
		}
		if f.ANEFNumber != "" {
			if _, err := v.AddDocument(f.ID, "attestation-de-depot.pdf", bytes.NewReader(attestation(*f))); err != nil {
				return err
			}
		}
	}
	return nil
}

// specimenScan draws a page the size of a passport's identity page at a
// scanner's resolution: a photo box, lines of grey bars for text, the
// machine-readable zone, and a red SPECIMEN band across.
func specimenScan(rng *rand.Rand) []byte {
	const w, h = 880, 620
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.RGBA{0xf4, 0xf1, 0xe8, 0xff}}, image.Point{}, draw.Src)
	fill := func(x0, y0, x1, y1 int, c color.Color) {
		draw.Draw(img, image.Rect(x0, y0, x1, y1), &image.Uniform{c}, image.Point{}, draw.Src)
	}
	fill(40, 80, 260, 360, color.RGBA{0xc9, 0xcd, 0xd4, 0xff}) // photo box
	grey := color.RGBA{0x70, 0x70, 0x78, 0xff}
	for i := 0; i < 8; i++ {
		y := 90 + i*34
		fill(300, y, 300+80+rng.IntN(120), y+8, color.RGBA{0xa0, 0xa0, 0xa8, 0xff}) // field label
		fill(300, y+12, 300+160+rng.IntN(360), y+24, grey)                          // field value
	}
	for line := 0; line < 2; line++ { // machine-readable zone
		y := 470 + line*50
		for x := 40; x < w-40; x += 22 {
			fill(x, y, x+16, y+26, grey)
		}
	}
	red := color.RGBA{0xd0, 0x20, 0x20, 0xff}
	for y := 0; y < h; y++ { // diagonal band
		x := y*w/h - 60
		fill(max(x, 0), y, min(x+70, w), y+1, red)
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// attestation is a one-page fictional ANEF filing attestation.
func attestation(f model.CaseFile) []byte {
	var d pdf.Doc
	d.Line(pdf.Helvetica, 9, "DOCUMENT FICTIF - données de démonstration Casefile - SPECIMEN")
	d.Gap(12)
	d.Line(pdf.HelveticaBold, 16, "Attestation de dépôt")
	d.Line(pdf.Helvetica, 11, "Administration numérique pour les étrangers en France (ANEF)")
	d.Gap(18)
	d.Line(pdf.Helvetica, 11, "Numéro de demande : "+f.ANEFNumber)
	d.Line(pdf.Helvetica, 11, "Demandeur : "+f.Person.DisplayName())
	d.Line(pdf.Helvetica, 11, "Date de dépôt : "+fmt.Sprintf("%02d/%02d/%04d", f.Opened.Day, int(f.Opened.Month), f.Opened.Year))
	d.Line(pdf.Helvetica, 11, "Préfecture : "+f.Prefecture)
	d.Gap(18)
	d.Para(pdf.Helvetica, 10, "Cette attestation ne constitue pas une preuve de la régularité du séjour.")
	return d.Bytes()
}
