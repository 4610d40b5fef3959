package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lowers s and strips its diacritics (Aïcha → aicha, Şükrü → sukru),
// so searches ignore case and accents. Scripts without case or accents
// (Arabic, Chinese) pass through.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// FilterCases returns the cases whose name, reference, ANEF or AGDREF
// number contain every word of query, ignoring case and accents. An empty
// query returns list itself. (The typo- and transliteration-tolerant search
// of the case workspace replaces this; see issue 4.)
func FilterCases(list []CaseSummary, query string) []CaseSummary {
	words := strings.Fields(Fold(query))
	if len(words) == 0 {
		return list
	}
	var out []CaseSummary
	for _, c := range list {
		hay := Fold(c.FamilyName + " " + c.GivenNames + " " + c.Ref + " " + c.ANEFNumber + " " + c.AGDREF)
		ok := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, c)
		}
	}
	return out
}
