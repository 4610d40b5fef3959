package render

import (
	"casefile/internal/pdf"
	"casefile/stats"
)

// PDF renders the figures as an A4 document: the title, period and
// procedure, the legend and the pseudonymisation note, then every chart
// (Charts) as an image across the text width.
func PDF(rep *stats.Report, label stats.Labeler, t Text) ([]byte, error) {
	charts, err := Charts(rep, label, t)
	if err != nil {
		return nil, err
	}
	var d pdf.Doc
	d.Line(pdf.HelveticaBold, 16, t.Title)
	d.Para(pdf.Helvetica, 11, t.Subtitle)
	d.Para(pdf.Helvetica, 9, t.Legend)
	d.Para(pdf.Helvetica, 9, t.Note)
	for _, img := range charts {
		d.Gap(6)
		d.Image(img, pdf.PageWidth-2*pdf.Margin)
	}
	return d.Bytes(), nil
}
