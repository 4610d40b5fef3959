package search

import (
	"cmp"
	"slices"
	"strings"
)

// Field bonuses: a match on the main person's name or an identifier ranks
// above one on a relative, which ranks above a note.
func bonus(pos int, f Field) int {
	switch {
	case f == FieldNote:
		return 0
	case f == FieldRef || f == FieldANEF || f == FieldAGDREF:
		return 3
	case pos == 0:
		return 3
	}
	return 1
}

type scratch struct {
	gen     []uint32 // query generation that touched the slot
	matched []uint8  // query words matched so far
	cur     []uint16 // best score for the current word
	curInfo []uint32 // its posting and level
	total   []uint16
	best    []uint32 // posting<<3 | level of the best word
	bestSc  []uint16
	touched []int32
	g       uint32
}

func (ix *Index) getScratch() *scratch {
	s, _ := ix.scratch.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	if n := len(ix.slots); len(s.gen) < n {
		n += n / 4
		*s = scratch{gen: make([]uint32, n), matched: make([]uint8, n), cur: make([]uint16, n),
			curInfo: make([]uint32, n), total: make([]uint16, n), best: make([]uint32, n), bestSc: make([]uint16, n)}
	}
	s.g++
	return s
}

// Search returns the cases matching every word of query, best first, at
// most limit of them (all when limit <= 0), and how many matched in all.
// Ranking: exact > prefix > transliteration > typo, summed over the query
// words; then main person and identifiers before relatives before notes;
// then newest case first (case ids are time-ordered UUIDv7).
func (ix *Index) Search(query string, limit int) ([]Hit, int) {
	var toks []string
	for _, f := range strings.Fields(query) {
		if t := queryToken(f); t != "" {
			toks = append(toks, t)
		}
	}
	if len(toks) == 0 || len(toks) > 8 {
		return nil, 0
	}
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	s := ix.getScratch()
	defer ix.scratch.Put(s)
	for i, t := range toks {
		s.touched = s.touched[:0]
		visit := func(p uint32, lv Level) {
			slot := int32(p >> 7)
			if !ix.slots[slot].live() {
				return
			}
			if i == 0 && s.gen[slot] != s.g {
				s.gen[slot], s.matched[slot], s.total[slot], s.bestSc[slot] = s.g, 0, 0, 0
			}
			if s.gen[slot] != s.g || int(s.matched[slot]) < i {
				return
			}
			sc := uint16(int(lv)*4 + bonus(int(p>>3&15), Field(p&7)))
			if int(s.matched[slot]) == i {
				s.matched[slot] = uint8(i + 1)
				s.cur[slot], s.curInfo[slot] = sc, p<<3|uint32(lv)
				s.touched = append(s.touched, slot)
			} else if sc > s.cur[slot] {
				s.cur[slot], s.curInfo[slot] = sc, p<<3|uint32(lv)
			}
		}
		ix.match(t, i == len(toks)-1, visit)
		for _, slot := range s.touched {
			s.total[slot] += s.cur[slot]
			if s.cur[slot] > s.bestSc[slot] {
				s.bestSc[slot], s.best[slot] = s.cur[slot], s.curInfo[slot]
			}
		}
	}
	type cand struct {
		score uint16
		slot  int32
	}
	cands := make([]cand, len(s.touched))
	for i, slot := range s.touched {
		cands[i] = cand{s.total[slot], slot}
	}
	slices.SortFunc(cands, func(a, b cand) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return ix.compareIDs(&ix.slots[b.slot].id, &ix.slots[a.slot].id)
	})
	total := len(cands)
	if limit > 0 && len(cands) > limit {
		cands = cands[:limit]
	}
	hits := make([]Hit, len(cands))
	ids := make([]key, 0, 2*len(cands)) // each hit's case, then its person
	for i, c := range cands {
		d := &ix.slots[c.slot]
		b := s.best[c.slot]
		p := b >> 3
		pos := int(p >> 3 & 15)
		f := Field(p & 7)
		if f == FieldRef || f == FieldANEF || f == FieldNote {
			pos = 0
		}
		person, pid, _ := d.person(pos)
		hits[i] = Hit{Ref: d.ref(), Person: person, Field: f, Level: Level(b & 7), Score: int(c.score)}
		ids = append(ids, d.id, pid)
	}
	text := ix.texts(ids)
	for i := range hits {
		hits[i].CaseID, hits[i].Person.ID = text[2*i], text[2*i+1]
	}
	return hits, total
}

// match calls visit for every posting word t matches, with the level.
// last is true for the word being typed, which may be a prefix.
func (ix *Index) match(t string, last bool, visit func(uint32, Level)) {
	if hasDigit(t) {
		ix.matchID(ident(t), visit)
		return
	}
	exactOrPrefix := map[int32]bool{}
	lo, _ := slices.BinarySearchFunc(ix.sorted, t, func(e int32, t string) int { return strings.Compare(ix.terms[e], t) })
	for j := lo; j < len(ix.sorted) && strings.HasPrefix(ix.terms[ix.sorted[j]], t); j++ {
		id := ix.sorted[j]
		exactOrPrefix[id] = true
		lv := LevelPrefix
		if ix.terms[id] == t {
			lv = LevelExact
		}
		for _, p := range ix.posts[id] {
			if lv == LevelPrefix && Field(p&7) == FieldNote && len(t) < 3 {
				continue
			}
			visit(p, lv)
		}
	}
	if len([]rune(t)) < 3 {
		return
	}
	translit := map[int32]bool{}
	if k, vs, n := keyOf(t); k != "" {
		for _, id := range ix.byKey[k] {
			if exactOrPrefix[id] {
				continue
			}
			if _, vt, _ := keyOf(ix.terms[id]); compatible(vs, vt, n) {
				translit[id] = true
				ix.visitNames(id, LevelTranslit, visit)
			}
		}
	}
	if len(t) < 4 {
		return
	}
	for id, term := range ix.terms {
		id := int32(id)
		if !ix.isName[id] || exactOrPrefix[id] || translit[id] {
			continue
		}
		if withinOne(t, term) || last && len(term) > len(t) && prefixWithinOne(t, term) {
			ix.visitNames(id, LevelTypo, visit)
		}
	}
}

func prefixWithinOne(t, term string) bool {
	for _, n := range []int{len(t) - 1, len(t), len(t) + 1} {
		if n > 0 && n <= len(term) && withinOne(t, term[:n]) {
			return true
		}
	}
	return false
}

func (ix *Index) visitNames(id int32, lv Level, visit func(uint32, Level)) {
	for _, p := range ix.posts[id] {
		if f := Field(p & 7); f == FieldFamily || f == FieldGiven {
			visit(p, lv)
		}
	}
}

func (ix *Index) matchID(t string, visit func(uint32, Level)) {
	if t == "" {
		return
	}
	lo, _ := slices.BinarySearchFunc(ix.ids, t, func(e uint32, t string) int { return strings.Compare(ix.identKey(e), t) })
	for j := lo; j < len(ix.ids); j++ {
		k := ix.identKey(ix.ids[j])
		if !strings.HasPrefix(k, t) {
			break
		}
		lv := LevelPrefix
		if k == t {
			lv = LevelExact
		}
		visit(ix.ids[j], lv)
	}
}
