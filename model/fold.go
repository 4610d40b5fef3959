package model

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold is the one name fold of Casefile: it lowers s, strips diacritics
// (Aïcha → aicha, Şükrü → sukru) and spells the letters that do not
// decompose in plain Latin (đ → dj, ł → l, ß → ss, æ → ae, œ → oe, ø → o,
// ı → i). The case list's filter (store) and the search index (search)
// both fold with it, so that a name one finds the other finds too.
// Scripts without case or accents (Arabic, Chinese) pass through.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		r = unicode.ToLower(r)
		switch r {
		case 'đ':
			b.WriteString("dj")
		case 'ł':
			b.WriteByte('l')
		case 'ß':
			b.WriteString("ss")
		case 'æ':
			b.WriteString("ae")
		case 'œ':
			b.WriteString("oe")
		case 'ø':
			b.WriteByte('o')
		case 'ı':
			b.WriteByte('i')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
