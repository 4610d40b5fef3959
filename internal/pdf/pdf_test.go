package pdf

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"
)

func TestDocumentStructure(t *testing.T) {
	var d Doc
	d.Line(HelveticaBold, 18, "Clé de secours (copie) — à garder")
	for i := 0; i < 80; i++ {
		d.Line(Courier, 12, "AGE-SECRET-KEY-PQ-1ABCDEF")
	}
	b := d.Bytes()
	plain := Uncompressed(b)
	if !bytes.HasPrefix(b, []byte("%PDF-1.4")) || !bytes.HasSuffix(b, []byte("%%EOF\n")) {
		t.Fatal("not a PDF envelope")
	}
	if got := bytes.Count(b, []byte("/Type /Page ")); got != 2 {
		t.Fatalf("want 2 pages for 81 lines, got %d", got)
	}
	// Parentheses escaped, accents in WinAnsi octal.
	if !bytes.Contains(plain, []byte(`Cl\351 de secours \(copie\) \227 \340 garder`)) {
		t.Fatalf("text not encoded as expected:\n%s", plain[:600])
	}
	// Every xref offset points at its object.
	m := regexp.MustCompile(`startxref\n(\d+)`).FindSubmatch(b)
	xref, _ := strconv.Atoi(string(m[1]))
	offs := regexp.MustCompile(`(\d{10}) 00000 n`).FindAllSubmatch(b[xref:], -1)
	for i, o := range offs {
		off, _ := strconv.Atoi(string(o[1]))
		want := strconv.Itoa(i+1) + " 0 obj"
		if !bytes.HasPrefix(b[off:], []byte(want)) {
			t.Fatalf("xref entry %d points to %q", i+1, b[off:off+10])
		}
	}
}

func TestWrap(t *testing.T) {
	lines := Wrap("un deux trois quatre cinq six sept huit neuf dix", Courier, 10, 60)
	for _, l := range lines {
		if len(l) > 10 {
			t.Fatalf("line too long: %q", l)
		}
	}
	if len(lines) < 5 {
		t.Fatalf("expected wrapping, got %q", lines)
	}
}

func TestRowCutsCellsToTheirColumn(t *testing.T) {
	var d Doc
	d.Row(Helvetica, 10, []float64{0, 60}, []string{"une cellule bien trop longue pour sa colonne", "deux"})
	b := Uncompressed(d.Bytes())
	if !bytes.Contains(b, []byte("(deux) Tj")) {
		t.Fatalf("second cell missing:\n%s", b)
	}
	if bytes.Contains(b, []byte("pour sa colonne")) || !bytes.Contains(b, []byte(`\205) Tj`)) {
		t.Fatalf("first cell not cut with an ellipsis:\n%s", b)
	}
	if got := Fit("court", Helvetica, 10, 200); got != "court" {
		t.Errorf("Fit cut a short text: %q", got)
	}
}
