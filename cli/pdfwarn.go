package cli

import (
	"fmt"

	"casefile/i18n"
	"casefile/internal/pdf"
)

// warnNoFont says on stderr which scripts a PDF just written to file
// could not draw for want of an installed font (printed as placeholders).
// Any other file is not a PDF of ours and says nothing.
func warnNoFont(env *Env, file string, data []byte) {
	if scripts := pdf.MissingScripts(data); len(scripts) > 0 {
		fmt.Fprintln(env.Stderr, i18n.T("pdf.cli.no_font", map[string]string{"File": file, "Scripts": i18n.ScriptList(scripts)}))
	}
}
