package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
)

// newSelect is a drop-down whose empty state speaks the user's language:
// Fyne's own placeholder, "(Select one)", is English whatever the locale.
func newSelect(options []string, changed func(string)) *widget.Select {
	s := widget.NewSelect(options, changed)
	s.PlaceHolder = i18n.T("french.select_one")
	return s
}

// savedWhere names a file just written and the folder it is in ("x.pdf,
// in the folder /home/…"): a file dialog's user may not remember where it
// opened.
func savedWhere(u fyne.URI) string {
	folder := filepath.Dir(u.Path())
	if u.Scheme() != "file" {
		if p, err := storage.Parent(u); err == nil && p != nil {
			folder = p.String()
		}
	}
	return i18n.T("french.where", map[string]string{"File": u.Name(), "Folder": folder})
}

// wrapped is a label that wraps at word boundaries: a long sentence in a
// dialog then fits the dialog instead of widening it past the window.
func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}
