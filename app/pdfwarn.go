package app

import (
	"fyne.io/fyne/v2/dialog"

	"casefile/i18n"
	"casefile/internal/pdf"
)

// warnNoFont shows which scripts a PDF about to be saved could not draw
// for want of an installed font (it prints them as boxed placeholders),
// and returns doc unchanged, so that an export wraps its bytes in it. Call
// it on the UI goroutine.
func (a *App) warnNoFont(doc []byte) []byte {
	if scripts := pdf.MissingScripts(doc); len(scripts) > 0 {
		dialog.ShowInformation(i18n.T("pdf.no_font_title"),
			i18n.T("pdf.no_font_warning", map[string]string{"Scripts": i18n.ScriptList(scripts)}), a.win)
	}
	return doc
}
