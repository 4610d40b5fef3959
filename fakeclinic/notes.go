package fakeclinic

import (
	"slices"
	"strconv"
	"strings"
	"time"

	"casefile/model"
)

// Notes draws n notes on case c, in time order, as the case's lawyer would
// write them: the first one opens the file, the last one of a closed case
// closes it. Times fall on French working days between the opening and the
// closing of the case (or today), during office hours, in g.Location. Author
// is c.Lawyer; ID and CaseID are left for the caller, so a note passes
// Note.Validate once CaseID is set.
func (g *Generator) Notes(c model.CaseFile, n int, today model.Date) []model.Note {
	if n <= 0 {
		return nil
	}
	start, end := dayOf(today), dayOf(today)
	if !c.Opened.IsZero() {
		start = min(dayOf(c.Opened), end)
	}
	if !c.Closed.IsZero() {
		end = max(min(dayOf(c.Closed), end), start)
	}
	closing := ""
	if c.Status != model.StatusOpen && c.Outcome != "" && n > 1 {
		closing = "Clôture du dossier : " + c.Outcome
	}
	// The file is opened on its first working day and closed on its last;
	// the other notes fall anywhere between.
	keys := make([]int, n) // minutes since 1970-01-01
	for i := range keys {
		d := start + day(g.r.IntN(int(end-start)+1))
		switch {
		case i == 0:
			d = start
		case i == n-1 && closing != "":
			d = end
		}
		keys[i] = int(d.workingWithin(start, end))*24*60 + 9*60 + 5*g.r.IntN(114) // 9h00 to 18h25
	}
	slices.Sort(keys)

	author := c.Lawyer
	if author == "" {
		author = g.lawyers()[0]
	}
	stage := 0 // procedure notes are told in order: see noteTemplate
	notes := make([]model.Note, n)
	for i, k := range keys {
		d := day(k / (24 * 60))
		var tmpl string
		switch {
		case i == 0:
			tmpl = g.pick(openingNotes)
		case i == n-1 && closing != "":
			tmpl = closing
		default:
			tmpl = g.noteTemplate(c.Procedure, &stage)
		}
		cd := d.date()
		notes[i] = model.Note{
			Author: author,
			Time:   time.Date(cd.Year, cd.Month, cd.Day, k/60%24, k%60, 0, 0, g.location()),
			Text:   g.expand(tmpl, c, d),
		}
	}
	return notes
}

// noteTemplate picks the template of the next note. The procedure's own
// templates (ANEF ones for titles filed on ANEF) are listed in the order things
// happen; *stage is the first one not yet told, so a case never hears its
// hearing date before its appeal is filed. Once they are all told, or two
// times in five, a generic template is used. A template may hold
// alternatives separated by " || ", one of which is drawn.
func (g *Generator) noteTemplate(p model.Procedure, stage *int) string {
	list := procedureNotes[p]
	if len(list) == 0 && slices.Contains(anefProcedures, p) {
		list = anefNotes
	}
	if *stage >= len(list) || g.chance(0.4) {
		return g.pick(genericNotes)
	}
	i := *stage + g.r.IntN(min(2, len(list)-*stage))
	*stage = i + 1
	alts := strings.Split(list[i], " || ")
	return alts[g.r.IntN(len(alts))]
}

// expand fills the placeholders of tmpl (see texts.go) for a note written on d.
func (g *Generator) expand(tmpl string, c model.CaseFile, d day) string {
	var b strings.Builder
	b.Grow(len(tmpl) + 40)
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		g.placeholder(&b, tmpl[i+1:i+j], c, d)
		tmpl = tmpl[i+j+1:]
	}
}

func (g *Generator) placeholder(b *strings.Builder, key string, c model.CaseFile, d day) {
	switch key {
	case "nom":
		if name := c.Person.DisplayName(); name != "" {
			b.WriteString(name)
		} else {
			b.WriteString("le client")
		}
	case "interprete":
		if langs := c.Person.Languages; len(langs) > 0 && !slices.Contains(langs, "français") {
			b.WriteString(" (interprète ")
			b.WriteString(langs[0])
			b.WriteByte(')')
		}
	case "avant":
		writeDate(b, d-day(3+g.r.IntN(58)))
	case "apres":
		writeDate(b, d+day(5+g.r.IntN(86)))
	case "heure":
		b.WriteString(strconv.Itoa(9 + g.r.IntN(8)))
		b.WriteByte('h')
		if m := 15 * g.r.IntN(4); m > 0 {
			b.WriteString(strconv.Itoa(m))
		}
	case "anef":
		if c.ANEFNumber != "" {
			b.WriteString(c.ANEFNumber)
		} else {
			b.WriteString("numéro non communiqué")
		}
	case "pref":
		if c.Prefecture != "" {
			b.WriteString(c.Prefecture)
		} else {
			b.WriteString("préfecture non renseignée")
		}
	case "ta":
		if ta := taOfPrefecture[c.Prefecture]; ta != "" {
			b.WriteString(ta)
		} else {
			b.WriteString("tribunal administratif")
		}
	case "pieces":
		idx := make([]int, len(documents))
		for i := range idx {
			idx[i] = i
		}
		k := 2 + g.r.IntN(3)
		for i := range k { // partial Fisher-Yates: k distinct documents
			j := i + g.r.IntN(len(idx)-i)
			idx[i], idx[j] = idx[j], idx[i]
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(documents[idx[i]])
		}
	default:
		b.WriteString("{" + key + "}")
	}
}

// writeDate writes d as dd/mm/yyyy, the way French notes date things.
func writeDate(b *strings.Builder, d day) {
	cd := d.date()
	two := func(n int) {
		b.WriteByte(byte('0' + n/10))
		b.WriteByte(byte('0' + n%10))
	}
	two(cd.Day)
	b.WriteByte('/')
	two(int(cd.Month))
	b.WriteByte('/')
	b.WriteString(strconv.Itoa(cd.Year))
}

func (g *Generator) location() *time.Location {
	if g.Location == nil {
		return time.UTC
	}
	return g.Location
}
