package letters

import (
	"strings"

	"casefile/internal/pdf"
)

// PDF lays text out on A4 pages in Helvetica 11 pt: each line wrapped to
// the page width, an empty line as a gap. Characters outside WinAnsi (which
// covers French) print as "?".
func PDF(text string) []byte {
	const size = 11.0
	var d pdf.Doc
	text = strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for _, line := range strings.Split(text, "\n") {
		if strings.TrimSpace(line) == "" {
			d.Gap(size)
			continue
		}
		for _, l := range pdf.Wrap(line, pdf.Helvetica, size, pdf.PageWidth-2*pdf.Margin) {
			d.Line(pdf.Helvetica, size, l)
		}
	}
	return d.Bytes()
}
