package search

// The transliteration rule. Names reach a French clinic written by
// French, English, German or Italian clerks from Arabic, Berber, Fula,
// Persian, Slavic, Ge'ez… The same name then differs in its vowels
// (Mohamed/Muhammad), in doubled letters (Youssef/Yousef), in how one sound
// is spelled (ch/sh/tch, j/dj/zh, c/k/q, ph/f, w/ou/v, kh/h) and in a mute
// final e (Amine/Amin). The key keeps what survives all of these: the
// consonant skeleton with those spellings merged, a mark for a leading
// vowel and one for a sounded final vowel. Two words with the same key are
// transliterations of each other unless their first vowels disagree on
// roundness (o/u against a/i): Hassan is not Hussein, Omar is not Amar.
// See docs/search.md for the reasoning and the measured false positives.

type sym struct {
	c     byte // consonant symbol, 0 for a vowel
	v     byte // the vowel letter, for vowels
	keepE bool // a final vowel that an h shows is sounded
}

func isVowel(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u', 'y', '*':
		return true
	}
	return false
}

// symbols turns a romanized word into its sounds. ok is false for words
// outside Latin letters (Chinese, Bengali), which have no key.
func symbols(w string) (out []sym, ok bool) {
	// Doubled letters first: mm, ss, ll, oo.
	b := make([]byte, 0, len(w))
	for i := 0; i < len(w); i++ {
		c := w[i]
		if !(c >= 'a' && c <= 'z' || c == '*') {
			return nil, false
		}
		if len(b) > 0 && b[len(b)-1] == c && c != '*' {
			continue
		}
		b = append(b, c)
	}
	at := func(i int) byte {
		if i < len(b) {
			return b[i]
		}
		return 0
	}
	has := func(i int, s string) bool { return len(b)-i >= len(s) && string(b[i:i+len(s)]) == s }
	cons := func(c byte) { out = append(out, sym{c: c}) }
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case i == 0 && (c == 'y' || c == 'i') && isVowel(at(1)) && at(1) != 'y':
			cons('y') // Iouri, Yusuf: a leading glide
			i++
		case has(i, "tsch"):
			cons('S')
			i += 4
		case has(i, "sch"), has(i, "tch"), has(i, "tsh"):
			cons('S')
			i += 3
		case has(i, "sh"), has(i, "ch"):
			cons('S')
			i += 2
		case has(i, "dzh"):
			cons('J')
			i += 3
		case has(i, "dj"), has(i, "zh"):
			cons('J')
			i += 2
		case c == 'j':
			cons('J')
			i++
		case has(i, "ph"):
			cons('f')
			i += 2
		case has(i, "th"):
			cons('t')
			i += 2
		case has(i, "dh"):
			cons('d')
			i += 2
		case has(i, "kh"):
			cons('h')
			i += 2
		case has(i, "gh"):
			cons('g')
			i += 2
		case has(i, "ck"):
			cons('k')
			i += 2
		case has(i, "qu") && isVowel(at(i+2)):
			cons('k')
			i += 2
		case has(i, "gu") && (at(i+2) == 'e' || at(i+2) == 'i'):
			cons('g')
			i += 2
		case c == 'q':
			cons('k')
			i++
		case c == 'c':
			if n := at(i + 1); n == 'e' || n == 'i' || n == 'y' {
				cons('s')
			} else {
				cons('k')
			}
			i++
		case c == 'x':
			cons('k')
			cons('s')
			i++
		case has(i, "ou") && isVowel(at(i+2)) && at(i+2) != 'u':
			cons('v') // Oualid, Louam: ou before a vowel is a w
			i += 2
		case c == 'w':
			if i == 0 || isVowel(at(i+1)) {
				cons('v')
			} else {
				out = append(out, sym{v: 'u'}) // Chowdhury: a vowel
			}
			i++
		case c == 'h' && i == len(b)-1 && i > 0 && isVowel(b[i-1]):
			out[len(out)-1].keepE = true // Fatimah, Parvaneh: the vowel is sounded
			i++
		case isVowel(c):
			out = append(out, sym{v: c})
			i++
		default:
			cons(c)
			i++
		}
	}
	// A mute final e after a consonant: Amine = Amin, Traoré = Traore.
	if n := len(out); n >= 2 && out[n-1].v == 'e' && !out[n-1].keepE && out[n-2].c != 0 {
		out = out[:n-1]
	}
	return out, true
}

// Key is the transliteration key of one word (folded and romanized), ""
// when it has none. Exported for tests and the documentation.
func Key(word string) string {
	k, _, _ := keyOf(word)
	return k
}

// keyOf returns the key, the class of each vowel group, and the number of
// consonants.
func keyOf(word string) (key string, vowels []byte, nCons int) {
	s, ok := symbols(word)
	if !ok || len(s) == 0 {
		return "", nil, 0
	}
	k := make([]byte, 0, len(s)+2)
	if s[0].c == 0 {
		k = append(k, 'A')
	}
	var group []byte
	flush := func() {
		if group != nil {
			vowels = append(vowels, vowelClass(group))
			group = nil
		}
	}
	for _, x := range s {
		if x.c == 0 {
			group = append(group, x.v)
			continue
		}
		flush()
		if n := len(k); n > 0 && k[n-1] == x.c {
			continue
		}
		k = append(k, x.c)
		nCons++
	}
	flush()
	if s[len(s)-1].c == 0 {
		k = append(k, 'V')
	}
	return string(k), vowels, nCons
}

// vowelClass sorts a vowel group: A (a), I (i, y), U (o, u), E (e, which
// French writes for both a and i), X (a mixed group such as ai, ou-a), *
// (unknown, from Arabic script).
func vowelClass(g []byte) byte {
	var c byte
	for _, v := range g {
		var k byte
		switch v {
		case '*':
			return '*'
		case 'a':
			k = 'A'
		case 'e':
			k = 'E'
		case 'i', 'y':
			k = 'I'
		default:
			k = 'U'
		}
		if c == 0 {
			c = k
		} else if c != k {
			c = 'X'
		}
	}
	return c
}

// compatible says whether two words with the same key are the same name.
// With two consonants or more, their first vowels must not disagree on
// roundness (U against A or I); shorter keys (Ali, Eli, Ola) carry too
// little to go on, so every vowel group must be of the same class.
func compatible(va, vb []byte, nCons int) bool {
	if nCons < 2 {
		if len(va) != len(vb) {
			return false
		}
		for i := range va {
			if va[i] != vb[i] && va[i] != '*' && vb[i] != '*' {
				return false
			}
		}
		return true
	}
	if len(va) == 0 || len(vb) == 0 {
		return true
	}
	a, b := va[0], vb[0]
	round := func(c byte) int {
		switch c {
		case 'U':
			return 1
		case 'A', 'I':
			return 2
		}
		return 0
	}
	ra, rb := round(a), round(b)
	return ra == 0 || rb == 0 || ra == rb
}

// sameName reports whether two romanized words are transliterations of
// each other by the rule above.
func sameName(a, b string) bool {
	ka, va, n := keyOf(a)
	if ka == "" {
		return false
	}
	kb, vb, _ := keyOf(b)
	return ka == kb && compatible(va, vb, n)
}

// withinOne reports whether a and b are at most one edit apart (Damerau:
// insertion, deletion, substitution or swap of adjacent letters).
func withinOne(a, b string) bool {
	la, lb := len(a), len(b)
	if la > lb {
		a, b, la, lb = b, a, lb, la
	}
	if lb-la > 1 {
		return false
	}
	i := 0
	for i < la && a[i] == b[i] {
		i++
	}
	if i == la {
		return true
	}
	if la == lb {
		if a[i+1:] == b[i+1:] {
			return true
		}
		return i+1 < la && a[i] == b[i+1] && a[i+1] == b[i] && a[i+2:] == b[i+2:]
	}
	return a[i:] == b[i+1:]
}
