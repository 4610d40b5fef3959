package search

import (
	"strings"
	"unicode"

	"casefile/model"
)

// words splits folded text into runs of letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) })
}

// nameTerms returns the terms a name field is indexed under: each word,
// romanized, and each pair of adjacent words joined ("Ben Youssef" also as
// "benyoussef", "N'Diaye" as "ndiaye"), since files write particles both
// ways.
func nameTerms(field string) []string {
	ws := words(model.Fold(field))
	var out []string
	add := func(t string) {
		if t == "" || (len(t) < 2 && isLatin(t)) {
			return
		}
		for _, o := range out {
			if o == t {
				return
			}
		}
		out = append(out, t)
	}
	for i, w := range ws {
		ws[i] = romanize(w)
	}
	for i, w := range ws {
		add(w)
		if i > 0 {
			add(ws[i-1] + w)
		}
	}
	return out
}

// noteTerms returns the distinct words of at least three letters of a
// note, digits left out (dates and numbers would bloat the index).
func noteTerms(text string, into map[string]bool) {
	for _, w := range words(model.Fold(text)) {
		if len(w) < 3 || strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			continue
		}
		into[w] = true
	}
}

// queryToken normalizes one whitespace-separated query word: folded,
// inner punctuation removed ("N'Diaye" → "ndiaye"), romanized.
func queryToken(s string) string {
	return romanize(strings.Join(words(model.Fold(s)), ""))
}

func isLatin(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func hasDigit(s string) bool { return strings.IndexFunc(s, unicode.IsDigit) >= 0 }

// ident normalizes an identifier (reference, ANEF, AGDREF): folded, only
// letters and digits kept, an "anef" lead dropped, capped at 24 bytes.
func ident(s string) string {
	t := strings.Join(words(model.Fold(s)), "")
	if strings.HasPrefix(t, "anef") && len(t) > 4 {
		t = t[4:]
	}
	if len(t) > 24 {
		t = t[:24]
	}
	return t
}
