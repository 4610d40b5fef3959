package search

import (
	"bytes"
	"cmp"
	"slices"
	"sort"
	"strings"
	"sync"

	"casefile/model"
)

// Person is one person of a case, as search needs them.
type Person struct {
	ID         string     `json:"id"`
	FamilyName string     `json:"family_name"`
	GivenNames string     `json:"given_names"`
	BirthDate  model.Date `json:"birth_date"`
	AGDREF     string     `json:"agdref"`
	Role       model.Role `json:"role,omitempty"` // "" for the main person
}

// Doc is one case with its people (People[0] is the main person) and the
// text of its notes, the unit the index adds, updates and removes.
type Doc struct {
	CaseID, Ref, ANEF string
	People            []Person
	Notes             []string
}

// Field is what a query word matched.
type Field uint8

// Fields a hit can match.
const (
	FieldFamily Field = iota
	FieldGiven
	FieldRef
	FieldANEF
	FieldAGDREF
	FieldNote
)

// String is the field's JSON name.
func (f Field) String() string {
	return [...]string{"family_name", "given_names", "ref", "anef_number", "agdref", "notes"}[f]
}

// Level is how a query word matched, best first.
type Level uint8

// Match levels.
const (
	LevelTypo Level = iota + 1
	LevelTranslit
	LevelPrefix
	LevelExact
)

// String names the level.
func (l Level) String() string {
	return [...]string{"", "typo", "transliteration", "prefix", "exact"}[l]
}

// Hit is one case found, with the person and field of its best match.
type Hit struct {
	CaseID string
	Ref    string
	Person Person // the person matched; the main person for case fields
	Field  Field
	Level  Level
	Score  int
}

// A posting is slot<<7 | person position<<3 | field.
func posting(slot int, pos int, f Field) uint32 {
	return uint32(slot)<<7 | uint32(min(pos, 15))<<3 | uint32(f)
}

// Index is the in-memory search index. Safe for concurrent use.
type Index struct {
	mu    sync.RWMutex
	slots []slot // a removed case leaves its slot empty, but for its id
	// A case's slot is in byCase, or else found by binary search among
	// the first ordered slots, in id order: a vault hands Build its cases
	// so, and the map of 100,000 cases was 3 MB.
	ordered int
	byCase  map[key]int32
	cases   int // live ones
	dead    int
	odd     oddIDs

	termID  map[string]int32
	terms   []string
	posts   [][]uint32
	isName  []bool
	sorted  []int32 // term ids in term order, for prefix ranges
	byKey   map[string][]int32
	ids     []uint32 // identifier postings, sorted by identKey
	unsort  bool
	scratch sync.Pool
}

// New returns an empty index.
func New() *Index {
	return &Index{byCase: map[key]int32{}, termID: map[string]int32{}, byKey: map[string][]int32{},
		odd: oddIDs{text: []string{""}, key: map[string]key{}}}
}

// Build makes an index in bulk (the path used at unlock). feed hands every
// document to add (with or without its notes) and then, if it likes, the
// text of notes one at a time to note, with their case's id: a vault can
// then read its notes in one sequential pass instead of case by case.
// Postings are sorted once at the end.
func Build(feed func(add func(Doc), note func(caseID, text string)) error) (*Index, error) {
	ix := New()
	ix.mu.Lock()
	defer ix.mu.Unlock()
	loose := false
	seen := map[string]bool{}
	err := feed(func(d Doc) { ix.add(d, false) }, func(caseID, text string) {
		slot, ok := ix.slotOf(caseID)
		if !ok {
			return
		}
		clear(seen)
		noteTerms(text, seen)
		for w := range seen {
			ix.post(w, posting(int(slot), 0, FieldNote), false)
		}
		loose = true
	})
	if loose {
		ix.sortPosts()
	}
	ix.sortIDs()
	// The slots grew by doubling: keep only what they hold.
	ix.slots = slices.Clone(ix.slots)
	ix.gather()
	ordered := true
	for i := 1; i < len(ix.slots) && ordered; i++ {
		ordered = bytes.Compare(ix.slots[i-1].id[:], ix.slots[i].id[:]) < 0
	}
	if ordered {
		ix.ordered, ix.byCase = len(ix.slots), map[key]int32{}
	}
	return ix, err
}

// slotOf returns the slot of a case indexed.
func (ix *Index) slotOf(caseID string) (int32, bool) {
	k, ok := ix.lookup(caseID)
	if !ok {
		return 0, false
	}
	if s, ok := ix.byCase[k]; ok {
		return s, true
	}
	i, ok := slices.BinarySearchFunc(ix.slots[:ix.ordered], k, func(s slot, k key) int { return bytes.Compare(s.id[:], k[:]) })
	return int32(i), ok && ix.slots[i].live()
}

// gather copies the slots' documents into one string and the postings
// into one array. Built one by one, among the garbage of reading a whole
// vault, they left the heap with pages partly used once that garbage was
// collected, and the postings with the spare capacity of growing by
// doubling (a fifth of the index): on 100,000 cases gathering them takes
// 5 MB off the heap in use. A later update appends its postings and
// document elsewhere (each term's postings are capped at their length);
// what it leaves behind here stays until the next gathering (compact).
func (ix *Index) gather() {
	n, np := 0, 0
	for _, s := range ix.slots {
		n += len(s.doc)
	}
	for _, ps := range ix.posts {
		np += len(ps)
	}
	var docs strings.Builder
	docs.Grow(n)
	for _, s := range ix.slots {
		docs.WriteString(s.doc)
	}
	all, at := docs.String(), 0
	for i := range ix.slots {
		n := len(ix.slots[i].doc)
		ix.slots[i].doc = all[at : at+n]
		at += n
	}
	posts := make([]uint32, 0, np)
	for i, ps := range ix.posts {
		at := len(posts)
		posts = append(posts, ps...)
		ix.posts[i] = posts[at:len(posts):len(posts)]
	}
}

// sortPosts puts the postings of every term back in the order add gives
// them (by slot; within a slot, names by person then the note posting
// last) and drops duplicates: notes handed one at a time append their
// postings out of order, and twice for a word two notes of a case share.
func (ix *Index) sortPosts() {
	order := func(a, b uint32) int {
		return cmp.Or(cmp.Compare(a>>7, b>>7), cmp.Compare(boolInt(Field(a&7) == FieldNote), boolInt(Field(b&7) == FieldNote)), cmp.Compare(a, b))
	}
	for i, ps := range ix.posts {
		if !slices.IsSortedFunc(ps, order) {
			slices.SortFunc(ps, order)
		}
		ix.posts[i] = slices.Compact(ps)
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Update adds the document or replaces its case's previous one.
func (ix *Index) Update(d Doc) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove(d.CaseID)
	ix.add(d, true)
}

// Remove drops a case from the index.
func (ix *Index) Remove(caseID string) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	ix.remove(caseID)
}

// Len is the number of cases indexed.
func (ix *Index) Len() int {
	ix.mu.RLock()
	defer ix.mu.RUnlock()
	return ix.cases
}

func (ix *Index) remove(caseID string) {
	s, ok := ix.slotOf(caseID)
	if !ok {
		return
	}
	delete(ix.byCase, ix.slots[s].id)
	// Identifier postings are ordered by their slot's values: drop them
	// before the slot is emptied.
	ix.ids = slices.DeleteFunc(ix.ids, func(p uint32) bool { return int32(p>>7) == s })
	ix.slots[s].doc = "" // its id stays, for the binary search of ordered slots
	ix.cases--
	ix.dead++
	if ix.dead > 1000 && ix.dead > len(ix.slots)/4 {
		ix.compact()
	}
}

// compact drops the postings of removed cases (their slots stay, empty)
// and gathers what is left.
func (ix *Index) compact() {
	live := func(p uint32) bool { return ix.slots[p>>7].live() }
	for i, ps := range ix.posts {
		ix.posts[i] = slices.DeleteFunc(ps, func(p uint32) bool { return !live(p) })
	}
	ix.ids = slices.DeleteFunc(ix.ids, func(p uint32) bool { return !live(p) })
	ix.dead = 0
	ix.gather()
}

func (ix *Index) add(d Doc, sortNow bool) {
	if d.CaseID == "" {
		return
	}
	slot := len(ix.slots)
	notes := d.Notes // their words live in the postings only
	ix.slots = append(ix.slots, ix.newSlot(d))
	id := ix.slots[slot].id
	if _, again := ix.byCase[id]; !again { // Build may be handed a case twice
		ix.cases++
	}
	ix.byCase[id] = int32(slot)
	for pos, p := range d.People {
		for _, t := range nameTerms(p.FamilyName) {
			ix.post(t, posting(slot, pos, FieldFamily), true)
		}
		for _, t := range nameTerms(p.GivenNames) {
			ix.post(t, posting(slot, pos, FieldGiven), true)
		}
		if p.AGDREF != "" {
			ix.addID(posting(slot, pos, FieldAGDREF), sortNow)
		}
	}
	if d.Ref != "" {
		ix.addID(posting(slot, 0, FieldRef), sortNow)
		ix.addID(posting(slot, 1, FieldRef), sortNow) // the reference without its year
		ix.addID(posting(slot, 2, FieldRef), sortNow) // its number alone
	}
	if ident(d.ANEF) != "" {
		ix.addID(posting(slot, 0, FieldANEF), sortNow)
	}
	if len(notes) > 0 {
		seen := map[string]bool{}
		for _, n := range notes {
			noteTerms(n, seen)
		}
		ws := make([]string, 0, len(seen))
		for w := range seen {
			ws = append(ws, w)
		}
		sort.Strings(ws)
		for _, w := range ws {
			ix.post(w, posting(slot, 0, FieldNote), false)
		}
	}
}

func (ix *Index) post(term string, p uint32, name bool) {
	id, ok := ix.termID[term]
	if !ok {
		// A term is often a slice of the folded text it was read from (a
		// whole note): keep only its own bytes.
		term = strings.Clone(term)
		id = int32(len(ix.terms))
		ix.termID[term] = id
		ix.terms = append(ix.terms, term)
		ix.posts = append(ix.posts, nil)
		ix.isName = append(ix.isName, false)
		i, _ := slices.BinarySearchFunc(ix.sorted, term, func(e int32, t string) int { return strings.Compare(ix.terms[e], t) })
		ix.sorted = slices.Insert(ix.sorted, i, id)
	}
	if name && !ix.isName[id] {
		ix.isName[id] = true
		if k := Key(term); k != "" {
			ix.byKey[k] = append(ix.byKey[k], id)
		}
	}
	ps := ix.posts[id]
	if n := len(ps); n > 0 && ps[n-1] == p {
		return
	}
	ix.posts[id] = append(ps, p)
}

// identKey is the normalized identifier a posting of ids stands for.
func (ix *Index) identKey(p uint32) string {
	s := &ix.slots[p>>7]
	pos := int(p >> 3 & 15)
	switch Field(p & 7) {
	case FieldRef:
		r := ident(s.ref())
		switch pos {
		case 1:
			if len(r) > 4 {
				return r[4:]
			}
		case 2:
			i := len(r)
			for i > 0 && r[i-1] >= '0' && r[i-1] <= '9' {
				i--
			}
			return r[i:]
		}
		return r
	case FieldANEF:
		return ident(s.anef())
	case FieldAGDREF:
		if q, _, ok := s.person(pos); ok {
			return ident(q.AGDREF)
		}
	}
	return ""
}

func (ix *Index) addID(p uint32, sortNow bool) {
	if !sortNow {
		ix.ids = append(ix.ids, p)
		ix.unsort = true
		return
	}
	k := ix.identKey(p)
	i, _ := slices.BinarySearchFunc(ix.ids, k, func(e uint32, k string) int { return strings.Compare(ix.identKey(e), k) })
	ix.ids = slices.Insert(ix.ids, i, p)
}

func (ix *Index) sortIDs() {
	if !ix.unsort {
		return
	}
	type kp struct {
		k string
		p uint32
	}
	all := make([]kp, len(ix.ids))
	for i, p := range ix.ids {
		all[i] = kp{ix.identKey(p), p}
	}
	slices.SortFunc(all, func(a, b kp) int { return cmp.Or(strings.Compare(a.k, b.k), cmp.Compare(a.p, b.p)) })
	for i := range all {
		ix.ids[i] = all[i].p
	}
	ix.unsort = false
}
