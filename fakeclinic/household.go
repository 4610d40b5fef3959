package fakeclinic

import "casefile/model"

// Household is a case file with the people related to its main person.
//
// Relatives have no ID and File.Related is empty: to store a household, save
// each Relative's Person, then append model.Related{PersonID: id, Role: r.Role}
// to File.Related before saving the case.
type Household struct {
	File      model.CaseFile
	Relatives []Relative
}

// Relative is a person related to a case's main person.
type Relative struct {
	Person model.Person
	Role   model.Role
}

// Household draws a case file like CaseFile and, for about a quarter of cases
// (nearly all family-reunification cases), a spouse, children and now and
// then a parent. Every person is valid as of today.
func (g *Generator) Household(today model.Date) Household {
	d := g.draft(today)
	h := Household{File: d.file}
	abroad := d.file.Procedure == model.ProcFamilyReunion // the family waits in the country of origin
	share := 0.2
	if abroad {
		share = 0.95
	}
	if !g.chance(share) {
		return h
	}
	now := dayOf(today)
	adult := func(b day) day { return min(max(b, now.yearsBefore(95)), now.yearsBefore(18)) }

	father, mother := d.family, nameChoice{}
	motherBirth, youngest := d.birth, d.birth
	nationality := d.origin.nationality
	if d.female {
		father, mother = nameChoice{}, d.family
	}
	if g.chance(0.75) {
		female := !d.female
		fam := g.familyName(d.origin.pool, female)
		if female && g.chance(0.3) {
			fam = d.family // took her husband's name
		}
		if female {
			mother = fam
		} else {
			father = fam
		}
		birth := adult(d.birth + day(g.r.IntN(16*365)-8*365))
		if female {
			motherBirth = birth
		}
		youngest = max(youngest, birth)
		sp, _ := g.relative(d, female, fam, birth, abroad, nil)
		if !abroad && g.chance(0.2) {
			sp.Nationality = "française"
			nationality = "française"
		}
		if !abroad && g.chance(0.5) {
			sp.Phone = g.phone()
		}
		h.Relatives = append(h.Relatives, Relative{sp, model.RoleSpouse})
	}
	if father.e == nil {
		father = mother
	}

	// Children are born once both parents are adults, before the mother is
	// 45, and are at most 24 (older children have their own cases).
	lo, hi := max(youngest.yearsBefore(-18), now.yearsBefore(24)), min(motherBirth.yearsBefore(-45), now)
	// The eldest is born within 8 years of lo, the next ones 11 months to
	// 4 years apart.
	var siblings []*entry
	birth := lo
	if lo <= hi {
		birth += day(g.r.IntN(int(min(hi-lo, 8*365)) + 1))
	}
	for n := g.r.IntN(4) + 1; n > 0 && birth <= hi; n-- {
		female := g.chance(0.5)
		fam := father
		if g.chance(0.15) {
			fam = g.respell(fam)
		}
		child, given := g.relative(d, female, fam, birth, abroad, siblings)
		siblings = append(siblings, given)
		child.Nationality = nationality
		if !abroad && birth > now.yearsBefore(8) && g.chance(0.6) {
			child.BirthPlace = d.city.birthPlace() + ", France"
			child.Languages = []string{"français", d.origin.langs[0]}
		}
		h.Relatives = append(h.Relatives, Relative{child, model.RoleChild})
		birth += day(330 + g.r.IntN(3*365))
	}

	if g.chance(0.05) {
		female := g.chance(0.6)
		fam := d.family
		if female {
			fam = g.familyName(d.origin.pool, true)
		}
		birth := max(d.birth.yearsBefore(20+g.r.IntN(20)), now.yearsBefore(100))
		parent, _ := g.relative(d, female, fam, birth, abroad || g.chance(0.5), nil)
		h.Relatives = append(h.Relatives, Relative{parent, model.RoleParent})
	}
	return h
}

// relative draws a person of the main person's origin, written in the same
// script, living with them unless abroad, whose first given name is none of
// avoid; it returns that name's entry too.
func (g *Generator) relative(d draft, female bool, fam nameChoice, birth day, abroad bool, avoid []*entry) (model.Person, *entry) {
	o := d.origin
	p := model.Person{
		FamilyName:  fam.render(female, o.pool.feminize, d.mode),
		BirthDate:   birth.date(),
		BirthPlace:  g.pick(o.cities) + ", " + o.country,
		Nationality: o.nationality,
		Languages:   g.languages(o),
	}
	var given *entry
	p.GivenNames, _, given = g.givenNames(o.pool, female, d.mode, fam.e, avoid)
	if !abroad {
		p.Address = d.file.Person.Address
	}
	return p, given
}

func (c *city) birthPlace() string {
	if c.birthName != "" {
		return c.birthName
	}
	return c.name
}
