package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/internal/pdf"
)

// An export whose PDF could not draw a script warns, naming the script;
// one that drew everything shows nothing.
func TestPDFExportWarnsOfMissingFonts(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	a := New(test.NewTempApp(t), t.TempDir())
	w := a.Window()

	var fine pdf.Doc
	fine.Line(pdf.Helvetica, 10, "Zoé Иванова")
	if got := a.warnNoFont(fine.Bytes()); len(got) == 0 || w.Canvas().Overlays().Top() != nil {
		t.Fatal("a complete PDF warned, or lost its bytes")
	}

	var missing pdf.Doc
	missing.MissingLabel = i18n.NoFontLabel
	missing.Line(pdf.Helvetica, 10, "Nom : \U000F0041\U000F0042") // private use: no font has it
	doc := missing.Bytes()
	if got := a.warnNoFont(doc); string(got) != string(doc) {
		t.Fatal("the PDF's bytes changed")
	}
	overlay := w.Canvas().Overlays().Top()
	if overlay == nil {
		t.Fatal("no warning shown")
	}
	var text strings.Builder
	for _, l := range objectsIn[*widget.Label](t, overlay) {
		text.WriteString(l.Text + "\n")
	}
	if !strings.Contains(text.String(), "No font installed on this computer draws this script: unknown") {
		t.Errorf("warning reads:\n%s", text.String())
	}
}
