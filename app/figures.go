package app

import (
	"bytes"
	"errors"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/stats"
	"casefile/stats/render"
)

// The Figures screen (issue 7 item 5): the clinic's advocacy figures on
// ANEF failures, filtered by period and procedure, drawn as charts, and
// exported as CSV, PNG or PDF. Everything shown comes from stats.Report:
// people counted, small counts suppressed, nothing that names anyone.

type figuresScreen struct {
	app       *App
	from, to  *widget.Entry
	procedure *widget.Select
	status    *widget.Label
	body      *fyne.Container
	exports   []*widget.Button

	recs   []stats.Record // read once when the screen opens
	filter stats.Filter
	rep    *stats.Report
}

func (a *App) showFigures() {
	v := a.Vault()
	if v == nil {
		return
	}
	s := &figuresScreen{app: a, from: widget.NewEntry(), to: widget.NewEntry(), status: widget.NewLabel(i18n.T("stats.app.loading")),
		body: container.NewVBox()}
	s.from.SetPlaceHolder(i18n.DateHint())
	s.to.SetPlaceHolder(i18n.DateHint())
	procs := []string{i18n.T("stats.app.all_procedures")}
	for _, p := range model.Procedures {
		procs = append(procs, i18n.Procedure(p))
	}
	s.procedure = newSelect(procs, nil)
	s.procedure.SetSelectedIndex(0)
	btn := func(key string, icon fyne.Resource, fn func()) *widget.Button {
		return widget.NewButtonWithIcon(i18n.T(key), icon, func() { a.touch(); fn() })
	}
	back := btn("app.review.back", theme.NavigateBackIcon(), a.showCaseList)
	apply := btn("stats.app.apply", theme.SearchIcon(), s.apply)
	apply.Importance = widget.HighImportance
	s.from.OnSubmitted = func(string) { a.touch(); s.apply() }
	s.to.OnSubmitted = s.from.OnSubmitted
	s.exports = []*widget.Button{
		btn("stats.app.export_csv", theme.DocumentSaveIcon(), func() { s.export("csv") }),
		btn("stats.app.export_png", theme.FileImageIcon(), func() { s.export("png") }),
		btn("stats.app.export_pdf", theme.DocumentPrintIcon(), func() { s.export("pdf") }),
	}
	for _, b := range s.exports {
		b.Disable()
	}
	title := widget.NewLabel(i18n.T("stats.title"))
	title.TextStyle = fyne.TextStyle{Bold: true}
	note := widget.NewLabel(i18n.T("stats.app.note"))
	note.Wrapping = fyne.TextWrapWord
	note.Importance = widget.WarningImportance
	filters := container.NewHBox(widget.NewLabel(i18n.T("stats.app.from")), sized(s.from, 130),
		widget.NewLabel(i18n.T("stats.app.to")), sized(s.to, 130),
		widget.NewLabel(i18n.T("stats.app.procedure")), sized(s.procedure, 260), apply)
	exports := container.NewHBox(s.exports[0], s.exports[1], s.exports[2])
	top := container.NewVBox(container.NewBorder(nil, nil, container.NewHBox(back, title), exports),
		filters, note, s.status, widget.NewSeparator())
	a.win.SetContent(container.NewBorder(top, nil, nil, nil, container.NewVScroll(s.body)))

	var recs []stats.Record
	var err error
	background(func() { recs, err = stats.Load(v) }, func() {
		if a.Vault() == nil {
			return // locked meanwhile: the unlock screen is up
		}
		if err != nil {
			a.showError(err)
			return
		}
		s.recs = recs
		s.apply()
	})
}

// chartScale is how large charts are shown relative to their pixels.
const chartScale = 0.9

// sized gives an entry a fixed width in a row of buttons.
func sized(o fyne.CanvasObject, w float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(w, o.MinSize().Height), o)
}

// apply reads the filters, computes the figures and draws the charts, the
// work off the UI goroutine.
func (s *figuresScreen) apply() {
	if s.recs == nil {
		return
	}
	var f stats.Filter
	for _, x := range []struct {
		e  *widget.Entry
		to *model.Date
	}{{s.from, &f.From}, {s.to, &f.To}} {
		d, err := i18n.ParseDate(x.e.Text)
		if err != nil {
			s.app.showError(errors.New(i18n.T("stats.app.bad_date", map[string]string{"Date": x.e.Text, "Hint": i18n.DateHint()})))
			return
		}
		*x.to = d
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		s.app.showError(errors.New(i18n.T("stats.err.order", map[string]string{"From": i18n.Date(f.From), "To": i18n.Date(f.To)})))
		return
	}
	if i := s.procedure.SelectedIndex(); i > 0 {
		f.Procedure = model.Procedures[i-1]
	}
	recs := s.recs
	text := i18n.StatsText(f, model.ParisDate(nowFunc()))
	var rep *stats.Report
	var charts []image.Image
	var err error
	background(func() {
		rep = stats.Compute(recs, f)
		charts, err = render.Charts(rep, i18n.StatsLabel, text)
	}, func() {
		if err != nil {
			s.app.showError(err)
			return
		}
		s.filter, s.rep = f, rep
		s.status.SetText(i18n.StatsSubtitle(f))
		s.body.RemoveAll()
		for _, img := range charts {
			c := canvas.NewImageFromImage(img)
			c.FillMode = canvas.ImageFillContain
			b := img.Bounds()
			// Shown a little smaller than drawn, so the screen fits a
			// laptop's width; the exports keep every pixel.
			c.SetMinSize(fyne.NewSize(float32(b.Dx())*chartScale, float32(b.Dy())*chartScale))
			s.body.Add(container.NewCenter(c))
		}
		s.body.Refresh()
		for _, b := range s.exports {
			b.Enable()
		}
	})
}

// export renders the figures shown in the format asked, then asks where
// to save them. The figures are pseudonymised (the note on the screen
// says so, and that the file is not encrypted).
func (s *figuresScreen) export(format string) {
	if s.rep == nil {
		return
	}
	var b bytes.Buffer
	var err error
	text := i18n.StatsText(s.filter, model.ParisDate(nowFunc()))
	switch format {
	case "csv":
		err = stats.WriteCSV(&b, s.rep, i18n.StatsLabel)
	case "png":
		err = render.WritePNG(&b, s.rep, i18n.StatsLabel, text)
	case "pdf":
		var doc []byte
		doc, err = render.PDF(s.rep, i18n.StatsLabel, text)
		b.Write(doc)
	}
	if err != nil {
		s.app.showError(err)
		return
	}
	data := b.Bytes()
	s.app.saveFile("casefile-figures."+format, "."+format, data, func(where string) {
		dialog.ShowInformation(i18n.T("stats.app.title"), i18n.T("stats.app.saved", map[string]string{"Path": where}), s.app.win)
	})
}
