package letters

import (
	"strings"

	"casefile/i18n"
	"casefile/internal/pdf"
)

// PDF lays text out on A4 pages at 11 pt: each line of the text is a
// paragraph wrapped to the page width with the widths its glyphs are drawn
// with (spaces at its start kept), an empty line a gap. A line in French is
// set in Helvetica; a line with characters beyond WinAnsi (a name in
// Arabic, Cyrillic, Chinese or Ge'ez script) in embedded Noto fonts, shaped
// (see internal/pdf). Text in a script no installed font draws prints as a
// boxed placeholder naming the script, which pdf.MissingScripts reports.
func PDF(text string) []byte {
	const size = 11.0
	d := pdf.Doc{MissingLabel: i18n.NoFontLabel}
	text = strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			d.Gap(size)
			continue
		}
		d.Line(pdf.Helvetica, size, line)
	}
	return d.Bytes()
}
