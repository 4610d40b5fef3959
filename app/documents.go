package app

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"net/url"
	"os"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/internal/privtemp"
	"casefile/model"
)

// openURL hands a file to the system viewer. Fyne's App.OpenURL already
// runs the right thing per OS (xdg-open, open, rundll32
// url.dll,FileProtocolHandler), so Casefile keeps no build-tagged launcher
// of its own; tests replace this to see what would be opened.
var openURL = func(fa fyne.App, u *url.URL) error { return fa.OpenURL(u) }

// documentsTab is a case's documents: each with its name, size and date,
// an in-app preview for PNG and JPEG (decoded in memory from the vault,
// never written to disk), "open" in the system viewer through a private
// temporary copy (internal/privtemp), delete with confirmation; an "add"
// button with a file dialog; and the procedure's checklist with ticks.
func (a *App) documentsTab(caseID string) fyne.CanvasObject {
	list := container.NewVBox()
	checks := container.NewVBox()
	var refresh func()
	refresh = func() {
		list.Objects, checks.Objects = nil, nil
		v := a.Vault()
		if v == nil {
			return
		}
		f, err := v.Case(caseID)
		if err != nil {
			a.showError(err)
			return
		}
		docs, err := v.Documents(caseID)
		if err != nil {
			a.showError(err)
		}
		if len(docs) == 0 {
			empty := widget.NewLabel(i18n.T("app.documents.none"))
			empty.Importance = widget.LowImportance
			list.Add(empty)
		}
		for _, d := range docs {
			list.Add(a.documentRow(d, refresh))
		}
		for _, it := range model.Checklist(f.Procedure) {
			id := it.ID
			c := widget.NewCheck(i18n.T("checklist."+id), nil)
			c.SetChecked(f.Ticked(id))
			c.OnChanged = func(on bool) {
				a.touch()
				if v := a.Vault(); v != nil {
					if err := v.TickChecklist(caseID, id, on); err != nil {
						a.showError(err)
					}
				}
			}
			checks.Add(c)
		}
		list.Refresh()
		checks.Refresh()
	}
	refresh()
	add := widget.NewButton(i18n.T("app.documents.add"), func() {
		a.touch()
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil {
				a.showError(err)
				return
			}
			if r == nil {
				return // cancelled
			}
			a.addDocument(caseID, r.URI().Name(), r, refresh)
		}, a.win)
		d.Resize(fyne.NewSize(800, 560))
		d.Show()
	})
	add.Importance = widget.HighImportance
	docs := widget.NewCard(i18n.T("app.documents.title"), i18n.T("app.documents.subtitle"),
		container.NewBorder(nil, container.NewHBox(add), nil, nil, list))
	checklist := widget.NewCard(i18n.T("app.documents.checklist"), "", checks)
	return container.NewVScroll(container.NewVBox(docs, checklist))
}

// addDocument stores r as a document of the case in the background (a
// scan of several MB takes a moment), then refreshes the tab.
func (a *App) addDocument(caseID, name string, r io.ReadCloser, refresh func()) {
	v := a.Vault()
	if v == nil {
		r.Close()
		return
	}
	var err error
	background(func() {
		defer r.Close()
		_, err = v.AddDocument(caseID, name, r)
	}, func() {
		if err != nil {
			a.showError(err)
		}
		refresh()
	})
}

func (a *App) documentRow(d model.Document, refresh func()) fyne.CanvasObject {
	name := widget.NewLabel(d.Name)
	name.Truncation = fyne.TextTruncateEllipsis
	name.TextStyle = fyne.TextStyle{Bold: true}
	meta := i18n.Size(d.Size) + " · " + i18n.Date(model.ParisDate(d.AddedAt)) + " · " + d.AddedBy
	if d.ChecklistItem != "" {
		meta += " · " + i18n.T("checklist."+d.ChecklistItem)
	}
	info := widget.NewLabel(meta)
	info.Importance = widget.LowImportance
	buttons := container.NewHBox()
	if d.MIME == "image/png" || d.MIME == "image/jpeg" {
		buttons.Add(widget.NewButton(i18n.T("app.documents.preview"), func() { a.touch(); a.previewDocument(d) }))
	}
	buttons.Add(widget.NewButton(i18n.T("app.documents.open"), func() { a.touch(); a.confirmOpenDocument(d) }))
	del := widget.NewButton(i18n.T("app.documents.delete"), func() {
		a.touch()
		dialog.ShowConfirm(i18n.T("app.documents.delete_title"),
			i18n.T("app.documents.delete_confirm", map[string]string{"Name": d.Name}), func(ok bool) {
				if !ok {
					return
				}
				if v := a.Vault(); v != nil {
					if err := v.DeleteDocument(d.ID); err != nil {
						a.showError(err)
					}
				}
				refresh()
			}, a.win)
	})
	del.Importance = widget.DangerImportance
	buttons.Add(del)
	return container.NewBorder(nil, nil, nil, buttons, container.NewVBox(name, info))
}

// previewDocument shows a PNG or JPEG inside the app. The bytes are read
// and verified from the vault and decoded in memory (decodePreview).
func (a *App) previewDocument(d model.Document) {
	v := a.Vault()
	if v == nil {
		return
	}
	var img image.Image
	var err error
	background(func() {
		var b []byte
		if b, _, err = v.ReadDocument(d.ID); err == nil {
			img, err = decodePreview(b, d.MIME)
		}
	}, func() {
		var pe *previewError
		switch {
		case errors.As(err, &pe):
			dialog.ShowInformation(i18n.T("app.documents.preview"), pe.Error(), a.win)
			return
		case err != nil:
			a.showError(err)
			return
		}
		ci := canvas.NewImageFromImage(img)
		ci.FillMode = canvas.ImageFillContain
		ci.SetMinSize(fyne.NewSize(720, 520))
		dialog.NewCustom(d.Name, i18n.T("app.ok"), ci, a.win).Show()
	})
}

// maxPreviewBytes caps the memory of an image decoded for the preview: a
// 600 dpi A4 scan in colour (35 million pixels, 140 MB) fits; a larger
// image opens in the system viewer. A PNG of 20000 × 20000 pixels is
// 1.1 MB in the vault and 1.6 GB decoded.
const maxPreviewBytes = 192 << 20

// previewError says why the preview does not show an image, in the
// user's language.
type previewError struct {
	key           string
	width, height int
}

func (e *previewError) Error() string {
	return i18n.T(e.key, map[string]int{"Width": e.width, "Height": e.height})
}

// decodePreview decodes b as the type its record names, PNG or JPEG, and
// nothing else (no sniffing through image.Decode, which would take any
// format some package registered, TIFF included). It reads the dimensions
// first and refuses an image that would take more than maxPreviewBytes.
func decodePreview(b []byte, mime string) (image.Image, error) {
	var config func(io.Reader) (image.Config, error)
	var decode func(io.Reader) (image.Image, error)
	switch mime {
	case "image/png":
		config, decode = png.DecodeConfig, png.Decode
	case "image/jpeg":
		config, decode = jpeg.DecodeConfig, jpeg.Decode
	default:
		return nil, &previewError{key: "app.documents.preview_unreadable"}
	}
	c, err := config(bytes.NewReader(b))
	if err != nil || c.Width <= 0 || c.Height <= 0 {
		return nil, &previewError{key: "app.documents.preview_unreadable"}
	}
	if int64(c.Width)*int64(c.Height)*bytesPerPixel(c.ColorModel) > maxPreviewBytes {
		return nil, &previewError{key: "app.documents.preview_too_large", width: c.Width, height: c.Height}
	}
	img, err := decode(bytes.NewReader(b))
	if err != nil {
		return nil, &previewError{key: "app.documents.preview_unreadable"}
	}
	return img, nil
}

// bytesPerPixel is what the standard decoders allocate per pixel for a
// colour model (4 when unknown: RGBA, or YCbCr with its chroma).
func bytesPerPixel(m color.Model) int64 {
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.RGBA64Model, color.NRGBA64Model:
		return 8
	}
	return 4
}

// confirmOpenDocument warns that a clear copy is about to be written, then
// opens the document in the system viewer.
func (a *App) confirmOpenDocument(d model.Document) {
	dialog.ShowConfirm(i18n.T("app.documents.open_title"), i18n.T("app.documents.open_warning"), func(ok bool) {
		if ok {
			a.openDocument(d)
		}
	}, a.win)
}

// openDocument writes a verified clear copy into the private temporary
// directory and hands it to the system viewer. The copy is wiped on lock,
// on exit and at the next start.
func (a *App) openDocument(d model.Document) {
	v := a.Vault()
	if v == nil {
		return
	}
	var path string
	var err error
	background(func() {
		var b []byte
		// Read and verify everything before a byte leaves the vault.
		if b, _, err = v.ReadDocument(d.ID); err == nil {
			path, err = privtemp.Write(d.Name, bytes.NewReader(b))
		}
	}, func() {
		if err != nil {
			a.showError(err)
			return
		}
		u, perr := url.Parse(storage.NewFileURI(path).String())
		if perr == nil {
			perr = openURL(a.fa, u)
		}
		if perr != nil {
			os.Remove(path) // nothing will read it: no clear copy left waiting for the lock
			a.cannotOpen(d, perr)
		}
	})
}

// cannotOpen says, in words, that no program of this computer opened the
// document (the system's error, such as `exec: "xdg-open": executable file
// not found in $PATH`, means nothing to a lawyer), and offers to save a
// copy where the user chooses instead.
func (a *App) cannotOpen(d model.Document, err error) {
	msg := widget.NewLabel(i18n.T("french.no_viewer", map[string]string{"Name": d.Name}))
	msg.Wrapping = fyne.TextWrapWord
	detail := widget.NewLabel(i18n.T("french.no_viewer_detail", map[string]string{"Detail": err.Error()}))
	detail.Wrapping = fyne.TextWrapWord
	detail.Importance = widget.LowImportance
	dlg := dialog.NewCustomConfirm(i18n.T("app.documents.open_title"), i18n.T("french.save_copy"), i18n.T("french.close"),
		container.NewVBox(msg, detail), func(ok bool) {
			a.touch()
			if ok {
				a.saveDocumentCopy(d)
			}
		}, a.win)
	dlg.Resize(fyne.NewSize(520, 0))
	dlg.Show()
}

// saveDocumentCopy reads the document from the vault (verified) and writes
// a clear copy where the user chooses, saying where it went.
func (a *App) saveDocumentCopy(d model.Document) {
	v := a.Vault()
	if v == nil {
		return
	}
	var b []byte
	var err error
	background(func() { b, _, err = v.ReadDocument(d.ID) }, func() {
		if err != nil {
			a.showError(err)
			return
		}
		a.saveFile(d.Name, filepath.Ext(d.Name), b, func(where string) {
			dialog.ShowInformation(i18n.T("app.documents.open_title"),
				i18n.T("french.copy_saved", map[string]string{"Where": where}), a.win)
		})
	})
}
