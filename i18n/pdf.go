package i18n

import "strings"

// ScriptName is a Unicode script's name ("Ethiopic", "Han") in words of
// the current language; the Unicode name itself for a script without a
// translation.
func ScriptName(script string) string {
	key := "pdf.script." + script
	if s := T(key); s != key {
		return s
	}
	return strings.ReplaceAll(script, "_", " ")
}

// NoFontLabel is the placeholder a PDF prints, boxed, for text in a
// script no installed font draws: "[Ethiopic: no font]", or "[Ethiopic]"
// where space is short (a table cell).
func NoFontLabel(script string, short bool) string {
	if short {
		return "[" + ScriptName(script) + "]"
	}
	return T("pdf.no_font", map[string]string{"Script": ScriptName(script)})
}

// ScriptList names scripts in words, separated by commas.
func ScriptList(scripts []string) string {
	names := make([]string, len(scripts))
	for i, s := range scripts {
		names[i] = ScriptName(s)
	}
	return strings.Join(names, ", ")
}
