package app

import (
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"casefile/csvio"
	"casefile/i18n"
	"casefile/internal/atomicfile"
	"casefile/model"
	"casefile/store"
)

// Export to a spreadsheet, as `casefile export-csv` does (docs/bundles.md,
// "CSV"): first the warning that the file is personal data in clear, then
// where to write it; the cells and the encoding are csvio's.

// encodingChoices are the export's encodings, the system's default first.
func encodingChoices() []string {
	def := csvio.DefaultEncoding(runtime.GOOS)
	out := []string{def}
	for _, e := range []string{csvio.Auto, csvio.UTF8, csvio.Windows1252} {
		if e != def {
			out = append(out, e)
		}
	}
	return out
}

func encodingLabel(e string) string { return i18n.T("csvexport.enc." + e) }

// showCSVExport warns, then asks where to write every case of the vault.
func (a *App) showCSVExport() {
	if a.Vault() == nil {
		return
	}
	encs := encodingChoices()
	labels := make([]string, len(encs))
	for i, e := range encs {
		labels[i] = encodingLabel(e)
	}
	enc := newSelect(labels, nil)
	enc.SetSelectedIndex(0)
	warning := widget.NewLabel(i18n.T("csvexport.warning"))
	warning.Wrapping = fyne.TextWrapWord
	warning.Importance = widget.DangerImportance
	body := container.NewVBox(warning, widget.NewForm(widget.NewFormItem(i18n.T("csvexport.encoding"), enc)))
	d := dialog.NewCustomConfirm(i18n.T("csvexport.title"), i18n.T("csvexport.continue"), i18n.T("app.form.cancel"), body,
		func(ok bool) {
			a.touch()
			if !ok {
				return
			}
			chosen := encs[max(enc.SelectedIndex(), 0)]
			save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
				if err != nil || w == nil {
					return
				}
				path := w.URI().Path()
				w.Close()
				a.exportCSVTo(path, chosen, nil)
			}, a.win)
			save.SetTitleText(i18n.T("csvexport.title"))
			save.SetFileName("casefile-" + model.ParisDate(nowFunc()).String() + ".csv")
			save.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
			save.Resize(fyne.NewSize(800, 560))
			save.Show()
		}, a.win)
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
}

// exportCSVTo writes the case list to path in the background, then says
// how many cases went out, in which encoding, not encrypted; done, if not
// nil, gets the outcome (tests).
func (a *App) exportCSVTo(path, encoding string, done func(n int, enc string, err error)) {
	v := a.Vault()
	if v == nil {
		return
	}
	var n int
	var enc string
	var err error
	background(func() { n, enc, err = writeCaseList(v, path, encoding) }, func() {
		if done != nil {
			done(n, enc, err)
		}
		if err != nil {
			a.showError(err)
			return
		}
		dialog.ShowInformation(i18n.T("csvexport.title"),
			i18n.T("csv.exported", map[string]any{"N": n, "File": path, "Encoding": encodingName(enc)}), a.win)
	})
}

// writeCaseList writes every case's default columns, headed by their
// labels in the user's language (so the file reads back with an import).
func writeCaseList(v *store.Vault, path, encoding string) (n int, enc string, err error) {
	list, err := v.ListCases()
	if err != nil {
		return 0, "", err
	}
	header := make([]string, len(csvio.CaseColumns))
	for i, c := range csvio.CaseColumns {
		header[i] = i18n.Field(c)
	}
	rows := [][]string{header}
	for _, s := range list {
		cf, err := v.Case(s.ID)
		if err != nil {
			return 0, "", err
		}
		rows = append(rows, csvio.CaseRow(cf, csvio.CaseColumns))
	}
	err = atomicfile.WriteStream(path, 0o600, func(f *os.File) error {
		enc, err = csvio.WriteTable(f, encoding, ';', rows)
		return err
	})
	return len(list), enc, err
}
