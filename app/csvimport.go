package app

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"casefile/csvio"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// Import from a spreadsheet, as `casefile import-csv` does (docs/bundles.md,
// "CSV"): the file is read and its rows turned into cases by csvio, the
// mapping proposed and remembered as csvio says (in the vault, per set of
// headers), the cases created by the store, all of them or none. The
// screen shows what csvio detected, lets the user map the columns, shows
// the first rows with the problem of each, and runs with a progress bar.

// previewRows is how many rows the mapping dialog shows.
const previewRows = 8

// csvImport is one import being prepared.
type csvImport struct {
	a       *App
	file    string // its name, as shown
	tab     *csvio.Table
	mapping *csvio.Mapping // as the user edits it (UI goroutine)
	fields  []string       // the fields a column can feed, by label
	selects []*widget.Select
	preview *fyne.Container
	summary *widget.Label
	run     *widget.Button
	result  *csvio.Result // for the mapping shown; nil while computed
	gen     int           // the mapping's generation, so an old result is dropped
	dlg     *dialog.CustomDialog
	done    func(created int, rejected []csvio.Rejected, err error) // tests
}

// showCSVImport asks for the spreadsheet (saved as CSV or as Unicode
// text), then reads it and shows the mapping.
func (a *App) showCSVImport() {
	if a.Vault() == nil {
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		a.openCSVImport(path)
	}, a.win)
	d.SetTitleText(i18n.T("csvimport.choose"))
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".txt", ".tsv"}))
	d.Resize(fyne.NewSize(800, 560))
	d.Show()
}

// openCSVImport reads the file and the mapping remembered for its headers
// in the background, then shows the mapping dialog.
func (a *App) openCSVImport(path string) *csvImport {
	v := a.Vault()
	if v == nil {
		return nil
	}
	imp := &csvImport{a: a, file: filepath.Base(path)}
	a.csv = imp
	var err error
	background(func() {
		var f *os.File
		if f, err = os.Open(path); err != nil {
			return
		}
		defer f.Close()
		if imp.tab, err = csvio.ReadTable(f); err != nil {
			return
		}
		var remembered *csvio.Mapping
		if remembered, err = csvio.Remembered(v.Setting, imp.tab.Header); err != nil {
			return
		}
		imp.mapping = csvio.Propose(imp.tab.Header, remembered, csvio.LabelMapping(i18n.Field))
	}, func() {
		if err != nil {
			a.showError(err)
			return
		}
		imp.show()
	})
	return imp
}

// encodingName is how the dialog names what csvio detected.
func encodingName(enc string) string {
	switch enc {
	case csvio.UTF8:
		return "UTF-8"
	case csvio.Windows1252:
		return "Windows-1252"
	case csvio.UTF16LE:
		return i18n.T("csvimport.enc.utf16", map[string]string{"Order": "LE"})
	case csvio.UTF16BE:
		return i18n.T("csvimport.enc.utf16", map[string]string{"Order": "BE"})
	}
	return strings.ToUpper(enc)
}

func separatorName(c rune) string {
	switch c {
	case ';':
		return i18n.T("csvimport.sep.semicolon")
	case ',':
		return i18n.T("csvimport.sep.comma")
	case '\t':
		return i18n.T("csvimport.sep.tab")
	}
	return string(c)
}

// show builds the mapping dialog.
func (imp *csvImport) show() {
	a := imp.a
	imp.fields = csvio.Fields()
	order := collate.New(language.Make(i18n.Lang()), collate.Loose) // "Préfecture" before "Procédure"
	slices.SortFunc(imp.fields, func(x, y string) int { return order.CompareString(i18n.Field(x), i18n.Field(y)) })
	labels := []string{i18n.T("csv.ignored")}
	for _, f := range imp.fields {
		labels = append(labels, i18n.Field(f))
	}
	detected := widget.NewLabel(i18n.TCounts("csvimport.detected", map[string]int{"Rows": len(imp.tab.Rows)}, map[string]any{
		"File": imp.file, "Encoding": encodingName(imp.tab.Encoding), "Sep": separatorName(imp.tab.Comma)}))
	detected.Wrapping = fyne.TextWrapWord
	grid := container.NewGridWithColumns(3)
	for i, h := range imp.tab.Header {
		col := widget.NewLabel(h)
		col.TextStyle = fyne.TextStyle{Bold: true}
		col.Truncation = fyne.TextTruncateEllipsis
		example := widget.NewLabel(imp.example(i))
		example.Importance = widget.LowImportance
		example.Truncation = fyne.TextTruncateEllipsis
		sel := newSelect(labels, nil)
		sel.SetSelectedIndex(imp.fieldIndex(imp.mapping.Columns[h]) + 1)
		sel.OnChanged = func(string) { a.touch(); imp.choose(i, sel.SelectedIndex()) }
		imp.selects = append(imp.selects, sel)
		grid.Add(col)
		grid.Add(example)
		grid.Add(sel)
	}
	head := container.NewGridWithColumns(3, boldLabel(i18n.T("csvimport.col.column")),
		boldLabel(i18n.T("csvimport.col.example")), boldLabel(i18n.T("csvimport.col.field")))
	mapScroll := container.NewVScroll(grid)
	mapScroll.SetMinSize(fyne.NewSize(0, 220))
	imp.preview = container.NewVBox()
	previewScroll := container.NewVScroll(imp.preview)
	previewScroll.SetMinSize(fyne.NewSize(0, 180))
	imp.summary = widget.NewLabel("")
	imp.summary.Wrapping = fyne.TextWrapWord
	imp.run = widget.NewButton(i18n.TPlural("csvimport.run", 0), func() { a.touch(); imp.start() })
	imp.run.Importance = widget.HighImportance
	cancel := widget.NewButton(i18n.T("app.form.cancel"), func() { a.touch(); imp.dlg.Hide() })
	body := container.NewVBox(detected, head, mapScroll, widget.NewSeparator(),
		boldLabel(i18n.TPlural("csvimport.preview", min(previewRows, len(imp.tab.Rows)))),
		previewScroll, imp.summary)
	imp.dlg = dialog.NewCustomWithoutButtons(i18n.T("csvimport.title"), body, a.win)
	imp.dlg.SetButtons([]fyne.CanvasObject{cancel, imp.run})
	imp.dlg.Resize(fyne.NewSize(900, 660))
	imp.dlg.Show()
	imp.recompute()
}

func boldLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	return l
}

// example is the first value of column i among the first rows, to help
// the user recognise it.
func (imp *csvImport) example(i int) string {
	for _, row := range imp.tab.Rows[:min(20, len(imp.tab.Rows))] {
		if i < len(row) && row[i] != "" {
			return row[i]
		}
	}
	return ""
}

func (imp *csvImport) fieldIndex(f string) int { return slices.Index(imp.fields, f) }

// choose maps column i to the field of the select's option opt (0:
// ignored). A field feeds one column: another column that fed it is set
// to ignored, and shows it.
func (imp *csvImport) choose(i, opt int) {
	field := ""
	if opt > 0 {
		field = imp.fields[opt-1]
	}
	h := imp.tab.Header[i]
	if imp.mapping.Columns[h] == field {
		return
	}
	imp.mapping.Columns[h] = field
	if field != "" {
		for j, other := range imp.tab.Header {
			if j != i && imp.mapping.Columns[other] == field {
				imp.mapping.Columns[other] = ""
				imp.selects[j].SetSelectedIndex(0) // calls choose(j, 0): no change left
			}
		}
	}
	imp.recompute()
}

// recompute turns the rows into cases with the mapping shown, in the
// background, then shows the preview and the counts.
func (imp *csvImport) recompute() {
	imp.gen++
	gen := imp.gen
	m := &csvio.Mapping{Version: csvio.MappingVersion, Columns: map[string]string{}}
	for k, f := range imp.mapping.Columns {
		m.Columns[k] = f
	}
	imp.result = nil
	imp.run.Disable()
	var res *csvio.Result
	var err error
	today := model.ParisDate(nowFunc())
	// The first rows at once, on the UI goroutine (a few milliseconds for
	// previewRows rows), so that the preview follows a change at once; then
	// every row in the background (seconds for 10,000 on a shared 2-core
	// machine: docs/faces.md), for the counts. Showing the first rows from
	// the background job's middle raced with the widget that asked for
	// them (the select still refreshing itself).
	n := min(previewRows, len(imp.tab.Rows))
	head := &csvio.Table{Header: imp.tab.Header, Rows: imp.tab.Rows[:n], Lines: imp.tab.Lines[:n],
		Encoding: imp.tab.Encoding, Comma: imp.tab.Comma}
	first, ferr := csvio.Cases(head, m, today)
	imp.showRows(first, ferr)
	background(func() {
		if ferr == nil {
			res, err = csvio.Cases(imp.tab, m, today)
		} else {
			err = ferr
		}
	}, func() {
		if gen != imp.gen {
			return // the user changed the mapping meanwhile
		}
		imp.showCounts(res, err)
	})
}

// showRows lists the first rows, each ready or refused with its reason;
// the counts say they are being made.
func (imp *csvImport) showRows(res *csvio.Result, err error) {
	imp.preview.RemoveAll()
	if err != nil {
		return
	}
	refused := map[int]error{}
	for _, r := range res.Rejected {
		refused[r.Line] = r.Err
	}
	ready := map[int]model.CaseFile{}
	for i, line := range res.Lines {
		ready[line] = res.Cases[i]
	}
	for _, line := range imp.tab.Lines[:len(res.Lines)+len(res.Rejected)] { // in the file's order
		l := widget.NewLabel("")
		l.Wrapping = fyne.TextWrapWord
		if f, ok := ready[line]; ok {
			l.SetText(i18n.T("csvimport.row_ok", map[string]any{"Line": line,
				"Name": strings.TrimSpace(f.Person.FamilyName + " " + f.Person.GivenNames), "Procedure": i18n.Procedure(f.Procedure)}))
		} else {
			l.Importance = widget.DangerImportance
			l.SetText(i18n.T("csv.rejected", map[string]any{"Line": line, "Reason": oneLine(i18n.Error(refused[line]))}))
		}
		imp.preview.Add(l)
	}
	imp.summary.Importance = widget.LowImportance
	imp.summary.SetText(i18n.TPlural("csvimport.counting", len(imp.tab.Rows)))
}

// showCounts says how many cases an import creates and how many rows it
// refuses, and offers to run it.
func (imp *csvImport) showCounts(res *csvio.Result, err error) {
	switch {
	case errors.Is(err, csvio.ErrNoNameColumn):
		imp.summary.Importance = widget.DangerImportance
		imp.summary.SetText(i18n.T("csvimport.no_name", map[string]string{"Field": i18n.Field("person.family_name")}))
		imp.run.SetText(i18n.TPlural("csvimport.run", 0))
		return
	case err != nil:
		imp.summary.Importance = widget.DangerImportance
		imp.summary.SetText(i18n.Error(err))
		return
	}
	imp.result = res
	imp.summary.Importance = widget.MediumImportance
	if len(res.Rejected) > 0 {
		imp.summary.Importance = widget.WarningImportance
	}
	imp.summary.SetText(i18n.TCounts("csvimport.counts", map[string]int{"OK": len(res.Cases), "Rejected": len(res.Rejected)}))
	imp.run.SetText(i18n.TPlural("csvimport.run", len(res.Cases)))
	if len(res.Cases) > 0 {
		imp.run.Enable()
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// start creates the ready cases, all or none, with a progress bar; then
// remembers the mapping for this header set and says what was created and
// what was refused.
func (imp *csvImport) start() {
	a := imp.a
	v := a.Vault()
	res := imp.result
	if v == nil || res == nil || len(res.Cases) == 0 {
		return
	}
	imp.dlg.Hide()
	cases := make([]store.NewCase, len(res.Cases))
	for i, c := range res.Cases {
		cases[i] = store.NewCase{File: c}
	}
	bar := widget.NewProgressBar()
	bar.Max = float64(len(cases))
	msg := widget.NewLabel(i18n.TPlural("csvimport.running", len(cases)))
	msg.Wrapping = fyne.TextWrapWord
	busy := dialog.NewCustomWithoutButtons(i18n.T("csvimport.title"), container.NewVBox(msg, bar), a.win)
	busy.Resize(fyne.NewSize(460, 0))
	busy.Show()
	var prepared atomic.Int64
	stop, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				n := float64(prepared.Load())
				fyne.Do(func() { bar.SetValue(n) })
			}
		}
	}()
	setting, mapping := csvio.MappingSetting(imp.tab.Header), imp.mapping.Marshal()
	var err error
	background(func() {
		// The ticker has handed its last value to the UI before done
		// hides the bar (and, in tests, before done runs at all).
		defer func() { close(stop); <-stopped }()
		if err = v.CreateCasesAtomicProgress(cases, func(n int) { prepared.Store(int64(n)) }); err != nil {
			return
		}
		err = v.SetSetting(setting, mapping)
	}, func() {
		busy.Hide()
		if imp.done != nil {
			imp.done(len(cases), res.Rejected, err)
		}
		if err != nil {
			a.showError(err)
			return
		}
		if a.list != nil && a.activeForm() == nil {
			a.showCaseList()
		}
		imp.showSummary(len(cases), res.Rejected)
	})
}

// showSummary says how many cases were created and lists the rows refused,
// each with its line and reason.
func (imp *csvImport) showSummary(created int, rejected []csvio.Rejected) {
	a := imp.a
	top := widget.NewLabel(i18n.TPlural("csvimport.created", created))
	top.Wrapping = fyne.TextWrapWord
	box := container.NewVBox(top)
	var lines []string
	if len(rejected) > 0 {
		intro := widget.NewLabel(i18n.TPlural("csvimport.refused", len(rejected)))
		intro.Wrapping = fyne.TextWrapWord
		intro.Importance = widget.WarningImportance
		box.Add(intro)
		list := container.NewVBox()
		for _, r := range rejected {
			line := i18n.T("csv.rejected", map[string]any{"Line": r.Line, "Reason": oneLine(i18n.Error(r.Err))})
			lines = append(lines, line)
			l := widget.NewLabel(line)
			l.Wrapping = fyne.TextWrapWord
			list.Add(l)
		}
		scroll := container.NewVScroll(list)
		scroll.SetMinSize(fyne.NewSize(0, 220))
		box.Add(scroll)
		box.Add(container.NewHBox(widget.NewButton(i18n.T("csvimport.copy_refused"), func() {
			a.touch()
			a.fa.Clipboard().SetContent(strings.Join(lines, "\n"))
		})))
	}
	remembered := widget.NewLabel(i18n.T("csvimport.remembered"))
	remembered.Wrapping = fyne.TextWrapWord
	remembered.Importance = widget.LowImportance
	box.Add(remembered)
	d := dialog.NewCustom(i18n.T("csvimport.title"), i18n.T("app.bundle.close"), box, a.win)
	d.Resize(fyne.NewSize(700, 0))
	d.Show()
}
