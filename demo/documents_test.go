package demo

import (
	"bytes"
	"image"
	_ "image/png"
	"testing"

	"casefile/internal/pdf"
	"casefile/store"
)

func TestFillAttachesDocuments(t *testing.T) {
	c, err := store.Create(t.TempDir(), "demo passphrase long")
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	defer v.Close()
	if err := Fill(v, 40, 3, nil); err != nil {
		t.Fatal(err)
	}
	list, _ := v.ListCases()
	with, pdfs := 0, 0
	for _, s := range list {
		docs, err := v.Documents(s.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) > 0 {
			with++
		}
		for _, d := range docs {
			b, _, err := v.ReadDocument(d.ID)
			if err != nil {
				t.Fatal(err)
			}
			switch d.MIME {
			case "image/png":
				if _, _, err := image.Decode(bytes.NewReader(b)); err != nil {
					t.Fatalf("scan does not decode: %v", err)
				}
				if d.ChecklistItem != "passport" {
					t.Fatalf("scan not ticked: %+v", d)
				}
			case "application/pdf":
				pdfs++
				if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(pdf.Uncompressed(b), []byte("FICTIF")) {
					t.Fatal("attestation is not a fictional PDF")
				}
			default:
				t.Fatalf("unexpected type %s", d.MIME)
			}
		}
	}
	if with != 25 || pdfs == 0 {
		t.Fatalf("%d cases with documents, %d PDFs", with, pdfs)
	}
	if rep, err := v.Check(); err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
}
