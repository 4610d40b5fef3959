package search

import (
	"slices"
	"strings"

	"casefile/model"
)

// Reason says why an existing person is a likely match.
type Reason string

// Reasons, strongest first.
const (
	// ReasonAGDREF: the same AGDREF number (the prefecture's file number).
	ReasonAGDREF Reason = "agdref"
	// ReasonNameBirth: the names match (spelling variants, one typo, or
	// family and given names swapped) and the birth dates are equal.
	ReasonNameBirth Reason = "name_birth_date"
	// ReasonName: the same family and given names (or spelling variants
	// of them, not typos), and a birth date missing on either side, so
	// nothing rules it out: a weaker warning, which a conflict-of-interest
	// check still owes the lawyer.
	ReasonName Reason = "name"
)

// rank orders reasons, strongest first.
func (r Reason) rank() int {
	switch r {
	case ReasonAGDREF:
		return 0
	case ReasonNameBirth:
		return 1
	}
	return 2
}

// Conflict is an existing person who is likely the one being created,
// with the cases they are in.
type Conflict struct {
	Person Person
	Cases  []CaseRef
	Reason Reason
}

// CaseRef is a case a conflicting person is in; Role is "" for its main
// person.
type CaseRef struct {
	CaseID, Ref string
	Role        string
}

// LikelyMatches returns the people already indexed who are likely p: the
// same AGDREF number, matching names with the same birth date, or the
// same names when a birth date is missing on either side. A
// person in several cases comes once, with all of them. p.ID, when set,
// is left out (the person being edited).
func (ix *Index) LikelyMatches(p Person) []Conflict {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	byPerson := map[key]int{}
	self, known := ix.lookup(p.ID)
	var out []Conflict
	addHit := func(slot int, pos int, r Reason) {
		d := &ix.slots[slot]
		if !d.live() {
			return
		}
		q, qid, ok := d.person(pos)
		if !ok || known && qid == self && p.ID != "" {
			return
		}
		i, ok := byPerson[qid]
		if !ok {
			i = len(out)
			byPerson[qid] = i
			q.ID = ix.idText(qid)
			out = append(out, Conflict{Person: q, Reason: r})
		}
		if r.rank() < out[i].Reason.rank() {
			out[i].Reason = r
		}
		ref := CaseRef{CaseID: ix.idText(d.id), Ref: d.ref(), Role: string(q.Role)}
		if !slices.Contains(out[i].Cases, ref) {
			out[i].Cases = append(out[i].Cases, ref)
		}
	}
	if a := ident(p.AGDREF); a != "" {
		ix.matchID(a, func(post uint32, lv Level) {
			if lv == LevelExact && Field(post&7) == FieldAGDREF {
				addHit(int(post>>7), int(post>>3&15), ReasonAGDREF)
			}
		})
	}
	fam := queryToken(p.FamilyName)
	if fam != "" {
		seen := map[uint32]bool{}
		ix.match(fam, false, func(post uint32, lv Level) {
			if lv == LevelPrefix {
				return
			}
			key := post >> 3
			if seen[key] {
				return
			}
			seen[key] = true
			slot, pos := int(post>>7), int(post>>3&15)
			q, _, ok := ix.slots[slot].person(pos)
			switch {
			case !ok:
			case !p.BirthDate.IsZero() && !q.BirthDate.IsZero():
				// Two birth dates: equal ones make the names' variants
				// (and one typo) enough; different ones rule it out.
				if q.BirthDate == p.BirthDate && namesMatch(p, q) {
					addHit(slot, pos, ReasonNameBirth)
				}
			case sameNames(p, q):
				addHit(slot, pos, ReasonName)
			}
		})
	}
	slices.SortStableFunc(out, func(a, b Conflict) int {
		if a.Reason != b.Reason {
			return a.Reason.rank() - b.Reason.rank()
		}
		return strings.Compare(a.Person.ID, b.Person.ID)
	})
	return out
}

// namesMatch: the family names match (equal, transliterations, or one
// typo apart from four letters) and the first given name matches one of
// the other's given names, or the same with family and given names
// swapped, as files often do. Particles count either way ("Ben Youssef" is
// "Benyoucef").
func namesMatch(p, q Person) bool {
	like := func(a, b string) bool {
		return a != "" && (a == b || sameName(a, b) || len(a) >= 4 && withinOne(a, b))
	}
	anyWord := func(w, field string) bool {
		if w == "" {
			return true
		}
		for _, o := range nameTerms(field) {
			if like(w, o) {
				return true
			}
		}
		return false
	}
	fam := queryToken(p.FamilyName)
	var first string
	if g := words(model.Fold(p.GivenNames)); len(g) > 0 {
		first = romanize(g[0])
	}
	return like(fam, queryToken(q.FamilyName)) && anyWord(first, q.GivenNames) ||
		like(fam, queryToken(q.GivenNames)) && anyWord(first, q.FamilyName)
}

// sameNames: the family names are the same (or transliterations of each
// other) and the first given name is one of the other's given names, the
// same way, or both with family and given names swapped. No typo level:
// without a birth date to confirm it, a name one letter off is another
// person too often. A given name is required.
func sameNames(p, q Person) bool {
	like := func(a, b string) bool { return a != "" && (a == b || sameName(a, b)) }
	anyWord := func(w, field string) bool {
		for _, o := range nameTerms(field) {
			if like(w, o) {
				return true
			}
		}
		return false
	}
	var first string
	if g := words(model.Fold(p.GivenNames)); len(g) > 0 {
		first = romanize(g[0])
	}
	if first == "" {
		return false
	}
	fam := queryToken(p.FamilyName)
	return like(fam, queryToken(q.FamilyName)) && anyWord(first, q.GivenNames) ||
		anyWord(fam, q.GivenNames) && like(first, queryToken(q.FamilyName))
}
