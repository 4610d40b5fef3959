// Package frdict holds the French words that the passphrase strength
// estimate tries before brute force, as one ranked list: common words,
// first names, city names, months and days, years, and AZERTY key runs.
// Sources and licences are in README.md and docs/passphrase.md; gen.sh
// regenerates the generated lists.
package frdict

import (
	"bufio"
	"embed"
	"strconv"
	"strings"
	"sync"
)

//go:embed *.txt
var files embed.FS

// lists, in the order their entries are interleaved: the short hand-made
// lists first.
var lists = []string{"azerty.txt", "calendar.txt", "firstnames.txt", "cities.txt", "words.txt"}

var (
	once   sync.Once
	ranked []string
)

// Ranked returns every entry, lower case, once, most likely first. The
// lists are interleaved (the i-th entry of each list, then the (i+1)-th),
// because zxcvbn takes one ranked dictionary from its caller: an attacker who
// tries words, names and cities in turn pays for all of them. Each entry is
// followed by its spellings without accents and without spaces, hyphens or
// apostrophes ("saint-étienne", "saint-etienne", "saintetienne"), and the
// years from now back to 1920 (and a few ahead) come in order of distance
// from thisYear. The slice is shared: callers must not modify it.
func Ranked(thisYear int) []string {
	once.Do(func() { ranked = build(thisYear) })
	return ranked
}

func build(thisYear int) []string {
	var all [][]string
	for _, name := range lists {
		all = append(all, read(name))
	}
	all = append(all[:2], append([][]string{years(thisYear)}, all[2:]...)...)
	seen := map[string]bool{}
	var out []string
	add := func(w string) {
		if w != "" && !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for i := 0; ; i++ {
		more := false
		for _, l := range all {
			if i >= len(l) {
				continue
			}
			more = true
			for _, v := range Variants(l[i]) {
				add(v)
			}
		}
		if !more {
			return out
		}
	}
}

func read(name string) []string {
	f, err := files.Open(name)
	if err != nil {
		panic("frdict: " + err.Error()) // embedded: a build defect
	}
	defer f.Close()
	var out []string
	s := bufio.NewScanner(f)
	for s.Scan() {
		line := strings.TrimSpace(s.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, line)
	}
	return out
}

// years lists the years from thisYear-100 to thisYear+5, nearest first.
func years(thisYear int) []string {
	out := []string{strconv.Itoa(thisYear)}
	for d := 1; d <= 100; d++ {
		if d <= 5 {
			out = append(out, strconv.Itoa(thisYear+d))
		}
		out = append(out, strconv.Itoa(thisYear-d))
	}
	return out
}

// Variants returns s in lower case, then without accents, then without
// spaces, hyphens and apostrophes (both ways), without repeats: how a person
// types a name or a word into a passphrase.
func Variants(s string) []string {
	low := strings.ToLower(strings.TrimSpace(s))
	if low == "" {
		return nil
	}
	bare := stripAccents(low)
	out := []string{low}
	for _, v := range []string{bare, squeeze(low), squeeze(bare)} {
		if !contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// stripAccents spells the accented letters of French without their accent
// (é → e) and the ligatures œ and æ in two letters. Other letters stay.
func stripAccents(s string) string {
	return plain.Replace(s)
}

var plain = strings.NewReplacer(
	"à", "a", "â", "a", "ä", "a", "ç", "c", "é", "e", "è", "e", "ê", "e", "ë", "e",
	"î", "i", "ï", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "ÿ", "y",
	"œ", "oe", "æ", "ae",
)

func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '\'' || r == '’' {
			return -1
		}
		return r
	}, s)
}
