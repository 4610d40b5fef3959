package pdf

// Text no font can draw. Drawing a character with a font that lacks it
// prints the font's empty box (".notdef"), and the text copied back from
// the PDF repeats whichever letter first got that box ("ተተተተ"): neither
// tells the reader that a name is missing. Instead, each run of such
// characters (of one script, with the spaces and marks inside it) is
// replaced by a boxed label naming the script, "[Ethiopic: no font]" by
// default, "[Ethiopic]" in a table cell (Doc.MissingLabel translates it), the document records which
// scripts it could not draw (Doc.Missing, MissingScripts), and the app
// and the command line warn the user.

import (
	"bytes"
	"slices"
	"strings"
	"unicode"
)

// Missing is a run of text no installed font could draw.
type Missing struct {
	Script string // Unicode script name: "Ethiopic", "Han", "Unknown" (private use)
	Runes  int    // characters not drawn
}

// DefaultMissingLabel is the placeholder of a script no font has, when the
// document sets no MissingLabel: "[Ethiopic: no font]", or "[Ethiopic]"
// in a table cell.
func DefaultMissingLabel(script string, short bool) string {
	name := strings.ReplaceAll(script, "_", " ")
	if short {
		return "[" + name + "]"
	}
	return "[" + name + ": no font]"
}

type runeRange struct{ start, end int }

// neutral characters take the font of the text around them: spaces and
// format characters (joiners).
func neutral(r rune) bool { return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) }

// covered reports whether some font draws r.
func (m fontmap) covered(r rune) bool {
	if neutral(r) {
		return true
	}
	for _, f := range m.base {
		if _, ok := f.NominalGlyph(r); ok {
			return true
		}
	}
	return fallbacks.face(r, m.bold) != nil
}

// substitute replaces each run of characters no font has by its label
// (spaces in it made non-breaking, so that a placeholder is never split
// across lines). It returns the new text, the index in text of each of
// its runes (and of its end), the placeholders' ranges, and what was
// replaced.
func substitute(text []rune, m fontmap, label func(string) string) (out []rune, orig []int, holders []runeRange, missing []Missing) {
	if label == nil {
		label = func(s string) string { return DefaultMissingLabel(s, false) }
	}
	for i := 0; i < len(text); {
		if m.covered(text[i]) {
			out, orig = append(out, text[i]), append(orig, i)
			i++
			continue
		}
		script := scriptName(text[i])
		end := i + 1
		for j := i + 1; j < len(text); j++ {
			r := text[j]
			if neutral(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) {
				continue // inside the run only if more of it follows
			}
			if m.covered(r) || scriptName(r) != script {
				break
			}
			end = j + 1
		}
		// Marks right after the run belong to its last letter.
		for end < len(text) && (unicode.Is(unicode.Mn, text[end]) || unicode.Is(unicode.Mc, text[end])) && !m.covered(text[end]) {
			end++
		}
		start := len(out)
		for _, r := range label(script) {
			if r == ' ' {
				r = '\u00a0'
			}
			out, orig = append(out, r), append(orig, i)
		}
		holders = append(holders, runeRange{start, len(out)})
		missing = append(missing, Missing{Script: script, Runes: end - i})
		i = end
	}
	return out, append(orig, len(text)), holders, missing
}

// addMissing merges runs into a document's list, one entry per script in
// order of first appearance.
func addMissing(list []Missing, runs []Missing) []Missing {
	for _, m := range runs {
		if k := slices.IndexFunc(list, func(x Missing) bool { return x.Script == m.Script }); k >= 0 {
			list[k].Runes += m.Runes
		} else {
			list = append(list, m)
		}
	}
	return list
}

// missingKey is the key of the document information dictionary where the
// writer lists the scripts it could not draw.
const missingKey = "/CasefileNoFont"

// MissingScripts returns the scripts a PDF written by this package could
// not draw for want of a font ("Ethiopic", ...), read from its document
// information dictionary; none for any other PDF. It lets a caller that
// only has the bytes (the app, the command line) warn after rendering.
func MissingScripts(doc []byte) []string {
	i := bytes.LastIndex(doc, []byte(missingKey+" ("))
	if i < 0 {
		return nil
	}
	rest := doc[i+len(missingKey)+2:]
	j := bytes.IndexByte(rest, ')')
	if j < 0 {
		return nil
	}
	return strings.Fields(string(rest[:j]))
}
