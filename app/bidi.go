package app

import (
	"strings"
	"unicode"
)

// rtlScripts are the scripts written right to left that clinics' names use.
var rtlScripts = []*unicode.RangeTable{unicode.Arabic, unicode.Hebrew, unicode.Syriac, unicode.Thaana, unicode.Nko}

// ltrSpaces keeps, in a left-to-right line, the space between a
// right-to-left word and the word after it where a reader expects it.
// Fyne's text layout gives a space that follows a right-to-left run to
// that run, so the space is drawn on the run's far side and "بن علي Karim"
// reads "بن عليKarim". A left-to-right mark (U+200E, invisible) after the
// run ties the space to the line's direction. Display only: the stored
// name, letters and exports are left as typed.
func ltrSpaces(s string) string {
	if !strings.ContainsFunc(s, isRTL) {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		b.WriteRune(r)
		if isRTL(r) && i+1 < len(rs) && unicode.IsSpace(rs[i+1]) {
			b.WriteRune('\u200e')
		}
	}
	return b.String()
}

func isRTL(r rune) bool { return unicode.IsOneOf(rtlScripts, r) }
