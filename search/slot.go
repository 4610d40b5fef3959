package search

import (
	"encoding/binary"
	"time"

	"casefile/model"
)

// slot is one case as the index keeps it: its id, and the rest of its
// document (less the notes, whose words live in the postings only) packed
// into one string. One object per case, instead of a Doc with a string per
// field and a Person per person: on a vault of 100,000 cases the documents
// took some 60 MB of heap that way, and their tens of thousands of small
// strings were what the collector had to walk.
type slot struct {
	id  key
	doc string // packed (newSlot); "" once the case is removed
}

func (s *slot) live() bool { return s.doc != "" }

// newSlot packs a document: its reference and ANEF number, then for each
// person their id (a key, 16 bytes), birth date (year, month and day as
// varints), family name, given names, AGDREF number and role, strings
// length-prefixed. In memory only: it is never stored.
func (ix *Index) newSlot(d Doc) slot {
	var buf [256]byte
	b := appendString(buf[:0], d.Ref)
	b = appendString(b, d.ANEF)
	for _, p := range d.People {
		k := ix.keyOf(p.ID)
		b = append(b, k[:]...)
		b = binary.AppendVarint(b, int64(p.BirthDate.Year))
		b = binary.AppendVarint(b, int64(p.BirthDate.Month))
		b = binary.AppendVarint(b, int64(p.BirthDate.Day))
		b = appendString(b, p.FamilyName)
		b = appendString(b, p.GivenNames)
		b = appendString(b, p.AGDREF)
		b = appendString(b, string(p.Role))
	}
	return slot{id: ix.keyOf(d.CaseID), doc: string(b)}
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// ref and anef are "" for an empty slot, as for a case without them.
func (s *slot) ref() string {
	if !s.live() {
		return ""
	}
	r := reader{s: s.doc}
	return r.str()
}

func (s *slot) anef() string {
	if !s.live() {
		return ""
	}
	r := reader{s: s.doc}
	r.str()
	return r.str()
}

// person returns the person at pos (0: the main person) with its id's
// key, the ID field left empty; ok is false if the case has fewer people
// (none for an empty slot). The strings are the packed document's own:
// nothing is allocated.
func (s *slot) person(pos int) (p Person, id key, ok bool) {
	r := reader{s: s.doc}
	if s.live() {
		r.str()
		r.str()
	}
	for i := 0; r.i < len(r.s); i++ {
		id = r.key()
		p.BirthDate = model.Date{Year: int(r.varint()), Month: time.Month(r.varint()), Day: int(r.varint())}
		p.FamilyName, p.GivenNames, p.AGDREF, p.Role = r.str(), r.str(), r.str(), model.Role(r.str())
		if i == pos {
			return p, id, true
		}
	}
	return Person{}, key{}, false
}

// reader reads a packed document, which newSlot wrote: it is never malformed.
type reader struct {
	s string
	i int
}

func (r *reader) uvarint() uint64 {
	var v uint64
	for shift := 0; ; shift += 7 {
		c := r.s[r.i]
		r.i++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v
		}
	}
}

func (r *reader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (r *reader) str() string {
	n := int(r.uvarint())
	s := r.s[r.i : r.i+n]
	r.i += n
	return s
}

func (r *reader) key() key {
	var k key
	r.i += copy(k[:], r.s[r.i:r.i+len(k)])
	return k
}
