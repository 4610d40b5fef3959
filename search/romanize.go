package search

import "strings"

// romanize writes one folded word of Cyrillic, Arabic or Persian, Georgian
// or Ethiopic script in Latin letters, so that a name typed in its own
// script meets its Latin spellings through the phonetic key. It is a
// letter-by-letter table, not a list of names. Arabic writes no short
// vowels: they come out as '*', which the key treats as "some vowel".
// Other scripts (Chinese, Bengali) pass through unchanged and match only
// themselves.
func romanize(w string) string {
	if isLatin(w) {
		return w
	}
	ukrainian := strings.ContainsAny(w, "іїєґ")
	var b strings.Builder
	rs := []rune(w)
	for i, r := range rs {
		first, last := i == 0, i == len(rs)-1
		switch {
		case r >= 0x0400 && r <= 0x04FF:
			if r == 'г' && ukrainian {
				b.WriteByte('h')
			} else if s, ok := cyrillic[r]; ok {
				b.WriteString(s)
			}
		case r >= 0x0600 && r <= 0x06FF:
			b.WriteString(arabic(r, first, last))
		case r >= 0x10D0 && r <= 0x10FF:
			b.WriteString(georgian[r])
		case r >= 0x1200 && r < 0x1358:
			row, order := (r-0x1200)/8, (r-0x1200)%8
			if c := ethiopicRows[row]; c != "-" {
				b.WriteString(c)
			}
			b.WriteString([]string{"e", "u", "i", "a", "e", "", "o", "wa"}[order])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

var cyrillic = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'ґ': "g", 'д': "d", 'е': "e", 'є': "ye", 'ё': "yo",
	'ж': "zh", 'з': "z", 'и': "i", 'і': "i", 'ї': "yi", 'й': "y", 'к': "k", 'л': "l", 'м': "m",
	'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh",
	'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya", 'ј': "j", 'ћ': "ch", 'ђ': "dj", 'љ': "lj", 'њ': "nj", 'џ': "dzh",
}

func arabic(r rune, first, last bool) string {
	switch r {
	case 'ا', 'أ', 'إ', 'آ', 'ع', 'ء', 'ئ', 'ؤ':
		if r == 'ا' && !first {
			return "a"
		}
		return "*"
	case 'و':
		if first {
			return "w"
		}
		return "u"
	case 'ي', 'ی', 'ى':
		if first {
			return "y"
		}
		if r == 'ى' {
			return "a"
		}
		return "i"
	case 'ة':
		return "a"
	case 'ه':
		if last && !first {
			return "*"
		}
		return "h"
	}
	s := map[rune]string{'ب': "b", 'ت': "t", 'ث': "t", 'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "d",
		'ر': "r", 'ز': "z", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z", 'غ': "gh",
		'ف': "f", 'ق': "q", 'ك': "k", 'ک': "k", 'ل': "l", 'م': "m", 'ن': "n", 'پ': "p", 'چ': "ch",
		'ژ': "zh", 'گ': "g"}[r]
	return s
}

var georgian = map[rune]string{
	'ა': "a", 'ბ': "b", 'გ': "g", 'დ': "d", 'ე': "e", 'ვ': "v", 'ზ': "z", 'თ': "t", 'ი': "i",
	'კ': "k", 'ლ': "l", 'მ': "m", 'ნ': "n", 'ო': "o", 'პ': "p", 'ჟ': "zh", 'რ': "r", 'ს': "s",
	'ტ': "t", 'უ': "u", 'ფ': "p", 'ქ': "k", 'ღ': "gh", 'ყ': "q", 'შ': "sh", 'ჩ': "ch", 'ც': "ts",
	'ძ': "dz", 'წ': "ts", 'ჭ': "ch", 'ხ': "kh", 'ჯ': "j", 'ჰ': "h",
}

// ethiopicRows is the consonant of each row of eight syllables from U+1200
// ("-" for the glottal and pharyngeal carriers, read as the bare vowel).
var ethiopicRows = []string{"h", "l", "h", "m", "s", "r", "s", "sh", "q", "q", "q", "q", "b", "v", "t", "ch",
	"h", "h", "n", "ny", "-", "k", "k", "kh", "kh", "w", "-", "z", "zh", "y", "d", "d", "j", "g", "g", "g",
	"t", "ch", "p", "ts", "ts", "f", "p"}
