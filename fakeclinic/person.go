package fakeclinic

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// script is how a person's names are written in the file.
type script uint8

const (
	latinOnly   script = iota // "Olena", "Kovalenko"
	nativeOnly                // "Олена", "Коваленко"
	both                      // "Olena (Олена)", "Kovalenko (Коваленко)"
	givenNative               // "Олена", "Kovalenko"
)

// nativeShare is the share of people from a pool with native-script names
// who get them written natively; about half the caseload comes from such
// pools, so about one person in ten overall.
const nativeShare = 0.19

func (g *Generator) script(o *origin) script {
	if o.pool.family[0].native == "" || !g.chance(nativeShare) {
		return latinOnly
	}
	switch x := g.r.IntN(10); {
	case x < 4:
		return nativeOnly
	case x < 8:
		return both
	default:
		return givenNative
	}
}

// nameChoice is one entry with the spelling drawn for it.
type nameChoice struct {
	e       *entry
	variant int
}

func (g *Generator) choose(list []entry) nameChoice {
	e := &list[g.r.IntN(len(list))]
	return nameChoice{e, g.r.IntN(len(e.latin))}
}

// respell draws the spelling again, as a relative's papers often differ.
func (g *Generator) respell(c nameChoice) nameChoice {
	c.variant = g.r.IntN(len(c.e.latin))
	return c
}

func (g *Generator) familyName(p *namePool, female bool) nameChoice {
	if female && len(p.familyF) > 0 && g.chance(0.6) {
		return g.choose(p.familyF)
	}
	return g.choose(p.family)
}

func (c nameChoice) latin(female, feminize bool) string {
	s := c.e.latin[c.variant]
	if female && feminize && (strings.HasSuffix(s, "ov") || strings.HasSuffix(s, "ev")) {
		s += "a"
	}
	return s
}

func (c nameChoice) native(female, feminize bool) string {
	s := c.e.native
	if female && feminize && (strings.HasSuffix(s, "ов") || strings.HasSuffix(s, "ев")) {
		s += "а"
	}
	return s
}

// render writes a family name in mode.
func (c nameChoice) render(female, feminize bool, mode script) string {
	lat := c.latin(female, feminize)
	if c.e.native == "" {
		return lat
	}
	switch mode {
	case nativeOnly:
		return c.native(female, feminize)
	case both:
		return lat + " (" + c.native(female, feminize) + ")"
	}
	return lat
}

// givenNames draws one or two given names and returns them written in mode,
// the first one in Latin letters (for an e-mail address) and its entry. The
// first name is not one of avoid (a sibling's) nor denied with family.
func (g *Generator) givenNames(p *namePool, female bool, mode script, family *entry, avoid []*entry) (string, string, *entry) {
	list := p.male
	if female {
		list = p.female
	}
	first := g.choose(list)
	firstLatin := first.e.latin[first.variant]
	for tries := 0; tries < 10 && (contains(family.deny, fold(firstLatin)) || slices.Contains(avoid, first.e)); tries++ {
		first = g.choose(list)
		firstLatin = first.e.latin[first.variant]
	}
	lat, nat := firstLatin, first.e.native
	if g.chance(p.twoGiven) {
		if second := g.choose(list); second.e != first.e {
			lat += " " + second.e.latin[second.variant]
			if nat != "" && second.e.native != "" {
				nat += " " + second.e.native
			}
		}
	}
	if nat != "" {
		switch mode {
		case nativeOnly, givenNative:
			return nat, firstLatin, first.e
		case both:
			return lat + " (" + nat + ")", firstLatin, first.e
		}
	}
	return lat, firstLatin, first.e
}

func (g *Generator) languages(o *origin) []string {
	langs := make([]string, 1, 4)
	langs[0] = o.langs[0]
	if g.chance(0.35) {
		langs[0] = g.pick(o.langs)
	}
	if l := g.pick(o.langs); g.chance(0.3) && !contains(langs, l) {
		langs = append(langs, l)
	}
	if g.chance(0.45) && !contains(langs, "français") {
		langs = append(langs, "français")
	}
	if g.chance(0.12) && !contains(langs, "anglais") {
		langs = append(langs, "anglais")
	}
	return langs
}

// phone returns a mobile number in the 06 39 98 range, which ARCEP keeps for
// fiction (see doc.go), so that no demo ever dials a real person.
func (g *Generator) phone() string {
	b := make([]byte, 0, 17)
	if g.chance(0.85) {
		b = append(b, "+33 6 39 98 "...)
	} else {
		b = append(b, "06 39 98 "...)
	}
	a, c := g.r.IntN(100), g.r.IntN(100)
	b = append(b, byte('0'+a/10), byte('0'+a%10), ' ', byte('0'+c/10), byte('0'+c%10))
	return string(b)
}

// emailDomains are reserved for examples (RFC 2606), so no message generated
// from demo data can reach anyone.
var emailDomains = list("example.com; example.org; example.net; mail.example")

func (g *Generator) email(given, family string) string {
	gv, fm := fold(given), fold(family)
	if gv == "" {
		gv = "contact"
	}
	var local string
	switch g.r.IntN(4) {
	case 0:
		local = gv + "." + fm
	case 1:
		local = fm + "." + gv
	case 2:
		local = gv + fm + strconv.Itoa(10+g.r.IntN(90))
	default:
		local = gv[:1] + fm
	}
	return local + "@" + g.pick(emailDomains)
}

// fold lower-cases s and keeps only ASCII letters, dropping accents.
func fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		switch {
		case r >= 'a' && r <= 'z':
			b.WriteRune(r)
		case strings.ContainsRune("àáâäãå", r):
			b.WriteByte('a')
		case strings.ContainsRune("çćč", r):
			b.WriteByte('c')
		case strings.ContainsRune("èéêë", r):
			b.WriteByte('e')
		case strings.ContainsRune("ìíîïı", r):
			b.WriteByte('i')
		case strings.ContainsRune("òóôöõ", r):
			b.WriteByte('o')
		case strings.ContainsRune("ùúûü", r):
			b.WriteByte('u')
		case r == 'ñ':
			b.WriteByte('n')
		case r == 'ş' || r == 'š':
			b.WriteByte('s')
		case r == 'ğ':
			b.WriteByte('g')
		case r == 'ž':
			b.WriteByte('z')
		case r == 'đ':
			b.WriteString("dj")
		}
	}
	return b.String()
}

func (g *Generator) address(c *city, o *origin) string {
	var b strings.Builder
	b.Grow(80)
	switch x := g.r.IntN(100); {
	case x < 6:
		b.WriteString("Domiciliation CCAS, ")
	case x < 16:
		b.WriteString("chez ")
		b.WriteString(g.pick(civilities))
		b.WriteString(strings.ToUpper(g.choose(o.pool.family).e.latin[0]))
		b.WriteString(", ")
	case x < 40:
		b.WriteString("bât. ")
		b.WriteByte(byte('A' + g.r.IntN(8)))
		b.WriteString(", appt ")
		b.WriteString(strconv.Itoa(1 + g.r.IntN(120)))
		b.WriteString(", ")
	}
	b.WriteString(strconv.Itoa(1 + g.r.IntN(180)))
	if g.chance(0.05) {
		b.WriteString(" bis")
	}
	b.WriteByte(' ')
	b.WriteString(g.pick(streets))
	b.WriteString(", ")
	b.WriteString(g.pick(c.postcodes))
	b.WriteByte(' ')
	b.WriteString(c.name)
	return b.String()
}

var civilities = []string{"M. ", "Mme "}
