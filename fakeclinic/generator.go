package fakeclinic

import (
	"math/rand/v2"
	"slices"
	"time"

	"casefile/model"
)

// Lawyers is the default team of fictional lawyers a new Generator assigns
// cases to.
var Lawyers = []string{
	"Me Claire Fontaine",
	"Me Karim Benali",
	"Me Hélène Marchetti",
	"Me Samuel Okoye",
	"Me Lucie Vidal-Ferrand",
	"Me Nadia Bensaïd",
}

// Generator draws fictional case files. The same seed and the same sequence
// of calls give the same results on every platform, for a given version of
// this package (its name lists and weights are part of the output) and of Go
// (math/rand/v2 does not promise that IntN stays the same across releases).
//
// A Generator is not safe for concurrent use: give each goroutine its own.
type Generator struct {
	// Lawyers are the names cases are assigned to and notes signed by. New
	// sets it to a copy of the package's Lawyers; an empty list falls back
	// to them.
	Lawyers []string
	// Location is the zone of note times. New sets it to time.UTC so that
	// output does not depend on the machine; a demo may set time.Local.
	Location *time.Location

	r *rand.Rand
	x *rand.Rand // the ANEF side's own stream (anef.go)
}

// New returns a generator seeded with seed.
func New(seed int64) *Generator {
	return &Generator{
		Lawyers:  slices.Clone(Lawyers),
		Location: time.UTC,
		r:        rand.New(rand.NewPCG(uint64(seed), 0x6361736566696c65)), // "casefile"
		x:        newExtraStream(seed),
	}
}

// procedureMix weights each procedure like a clinic's caseload. anef is the
// share of cases of that procedure that have an ANEF number (DOMAIN.md §1),
// agdref the share of main persons with an AGDREF number, and minAge/maxAge
// bound the main person's age when the case is opened.
var procedureMix = []struct {
	procedure      model.Procedure
	weight         int
	anef, agdref   float64
	minAge, maxAge int
}{
	{model.ProcFirstPermit, 18, 0.85, 0.35, 18, 60},
	{model.ProcRenewal, 20, 0.9, 0.9, 19, 70},
	{model.ProcRemovalOrder, 16, 0, 0.5, 18, 55},
	{model.ProcAsylum, 14, 0, 0.7, 18, 60},
	{model.ProcNaturalise, 8, 0.95, 0.95, 23, 70},
	{model.ProcFamilyReunion, 6, 0, 0.9, 22, 65},
	{model.ProcVisa, 4, 0, 0.05, 18, 65},
	{model.ProcExceptional, 8, 0, 0.2, 20, 60},
	{model.ProcIllForeigner, 4, 0.5, 0.5, 25, 75},
	{model.ProcOther, 2, 0, 0.5, 18, 70},
}

// Oldest and youngest birth dates the generator aims for; see birthDate.
var (
	firstBirth = dayOf(model.Date{Year: 1950, Month: time.January, Day: 1})
	lastBirth  = dayOf(model.Date{Year: 2008, Month: time.December, Day: 31})
)

// CaseFile draws one fictional case with its main person, valid as of today
// (CaseFile.Validate(today) returns nil). ID, Ref, PersonID and Related are
// left empty for the vault to fill.
func (g *Generator) CaseFile(today model.Date) model.CaseFile {
	return g.draft(today).file
}

// draft is a drawn case with what relatives must agree with.
type draft struct {
	file   model.CaseFile
	origin *origin
	city   *city
	female bool
	mode   script
	family nameChoice
	birth  day
}

func (g *Generator) draft(today model.Date) draft {
	now := dayOf(today)
	mix := &procedureMix[g.weighted(len(procedureMix), func(i int) int { return procedureMix[i].weight })]
	c := &cities[g.weighted(len(cities), func(i int) int { return cities[i].weight })]
	o := c.local
	if o == nil || !g.chance(c.localShare) {
		o = &origins[g.weighted(len(origins), func(i int) int { return origins[i].weight })]
	}

	opened := (now - day(g.r.IntN(3*365+1))).workingOnOrBefore(now - 3*365 - 7)
	d := draft{origin: o, city: c, female: g.chance(0.42), mode: g.script(o)}
	d.birth = g.birthDate(opened, mix.minAge, mix.maxAge)

	f := &d.file
	f.Procedure = mix.procedure
	if mix.procedure != model.ProcVisa { // visa refusals go to the CRRV, not a préfecture
		f.Prefecture = c.prefecture
	}
	if g.chance(mix.anef) {
		f.ANEFNumber = "ANEF-" + g.digits(11)
	}
	f.Lawyer = g.pick(g.lawyers())
	f.Opened = opened.date()
	g.closeCase(f, mix.procedure, opened, now)

	p := &f.Person
	d.family = g.familyName(o.pool, d.female)
	p.FamilyName = d.family.render(d.female, o.pool.feminize, d.mode)
	givenLatin := ""
	p.GivenNames, givenLatin, _ = g.givenNames(o.pool, d.female, d.mode, d.family.e, nil)
	p.BirthDate = d.birth.date()
	p.BirthPlace = g.pick(o.cities) + ", " + o.country
	p.Nationality = o.nationality
	if g.chance(mix.agdref) {
		p.AGDREF = g.digits(10)
	}
	p.Languages = g.languages(o)
	if g.chance(0.93) {
		p.Phone = g.phone()
	}
	if g.chance(0.35) {
		p.Email = g.email(givenLatin, d.family.latin(d.female, o.pool.feminize))
	}
	p.Address = g.address(c, o)
	g.anefSide(&d, today)
	return d
}

// closeCase sets the status and, for a closed or archived case, the closing
// date, the end of mission and the outcome.
func (g *Generator) closeCase(f *model.CaseFile, proc model.Procedure, opened, now day) {
	x := g.r.Float64()
	if x < 0.68 {
		f.Status = model.StatusOpen
		return
	}
	f.Status = model.StatusClosed
	closed := opened + day(15+g.r.IntN(600))
	if closed > now {
		closed = now
	}
	closed = closed.workingOnOrBefore(opened)
	if x >= 0.88 && closed <= now-90 {
		f.Status = model.StatusArchived
	}
	end := closed + day(g.r.IntN(45))
	if end > now {
		end = now
	}
	f.Closed, f.EndOfMission = closed.date(), end.date()
	if g.chance(0.9) {
		f.Outcome = g.pick(outcomes[proc])
	} else {
		f.Outcome = g.pick(outcomes[""])
	}
}

// birthDate draws a birth date making the person minAge to maxAge years old
// on opened, within 1950–2008 when that range allows it (it does not for a
// today far from the 2020s; the age bounds then win).
func (g *Generator) birthDate(opened day, minAge, maxAge int) day {
	lo, hi := opened.yearsBefore(maxAge), opened.yearsBefore(minAge)
	if l, h := max(lo, firstBirth), min(hi, lastBirth); l <= h {
		lo, hi = l, h
	}
	return lo + day(g.r.IntN(int(hi-lo)+1))
}

func (g *Generator) lawyers() []string {
	if len(g.Lawyers) == 0 {
		return Lawyers
	}
	return g.Lawyers
}

func (g *Generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *Generator) pick(list []string) string { return list[g.r.IntN(len(list))] }

// weighted returns an index in [0, n) drawn with the given weights.
func (g *Generator) weighted(n int, weight func(int) int) int {
	total := 0
	for i := range n {
		total += weight(i)
	}
	x := g.r.IntN(total)
	for i := range n {
		if x -= weight(i); x < 0 {
			return i
		}
	}
	return n - 1
}

// digits returns n random decimal digits, the first one not zero.
func (g *Generator) digits(n int) string {
	b := make([]byte, n)
	b[0] = byte('1' + g.r.IntN(9))
	for i := 1; i < n; i++ {
		b[i] = byte('0' + g.r.IntN(10))
	}
	return string(b)
}
