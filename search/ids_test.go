package search

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"casefile/model"
)

// Ids come back from the index exactly as they went in, whether the index
// keeps them as 16 bytes (a canonical UUID) or numbers their text.
func TestIDsComeBackAsGiven(t *testing.T) {
	for _, c := range []struct {
		name string
		id   string
		uuid bool
	}{
		{"UUIDv7 as a vault writes it", "019a3b2c-4d5e-7f60-8a1b-2c3d4e5f6071", true},
		{"UUIDv4", "6ba7b810-9dad-41d1-b0b4-00c04fd430c8", true},
		{"upper case", "019A3B2C-4D5E-7F60-8A1B-2C3D4E5F6071", false},
		{"not the RFC 4122 variant", "019a3b2c-4d5e-7f60-ca1b-2c3d4e5f6071", false},
		{"nil UUID", "00000000-0000-0000-0000-000000000000", false},
		{"braces", "{019a3b2c-4d5e-7f60-8a1b-2c3d4e5f6071}", false},
		{"no dashes", "019a3b2c4d5e7f608a1b2c3d4e5f6071", false},
		{"short", "c1", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			ix := New()
			k := ix.keyOf(c.id)
			if k.isUUID() != c.uuid {
				t.Errorf("kept as a UUID: %v, want %v", k.isUUID(), c.uuid)
			}
			if got := ix.idText(k); got != c.id {
				t.Errorf("text %q, want %q", got, c.id)
			}
			person := "p-" + c.id
			ix.Update(Doc{CaseID: c.id, Ref: "2026-K7-0001", People: []Person{{ID: person, FamilyName: "Diallo"}}})
			hits, _ := ix.Search("diallo", 0)
			if len(hits) != 1 || hits[0].CaseID != c.id || hits[0].Person.ID != person {
				t.Fatalf("hits %+v", hits)
			}
			ix.Remove(c.id)
			if ix.Len() != 0 {
				t.Errorf("not removed")
			}
		})
	}
	if k := New().keyOf(""); k != (key{}) {
		t.Errorf("the empty id's key is %x", k)
	}
}

// compareIDs orders ids as their text, UUIDs and others mixed: the
// search's tie-break (newest case first) depends on it.
func TestCompareIDsOrdersAsText(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	ix := New()
	var ids []string
	for range 300 {
		var b [16]byte
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		b[6], b[8] = b[6]&0x0f|0x70, b[8]&0x3f|0x80
		id := string(appendUUID(nil, key(b)))
		switch r.IntN(4) {
		case 0:
			id = strings.ToUpper(id)
		case 1:
			id = id[:r.IntN(uuidLen)]
		}
		ids = append(ids, id)
	}
	keys := make([]key, len(ids))
	for i, id := range ids {
		keys[i] = ix.keyOf(id)
	}
	slices.SortFunc(keys, func(a, b key) int { return ix.compareIDs(&a, &b) })
	slices.Sort(ids)
	for i, k := range keys {
		if got := ix.idText(k); got != ids[i] {
			t.Fatalf("position %d: %q, want %q", i, got, ids[i])
		}
	}
}

// A slot gives back the document it packed, notes aside.
func TestSlotKeepsTheDocument(t *testing.T) {
	long := strings.Repeat("Ñ", 200) // a length that takes two bytes
	d := Doc{CaseID: "c1", Ref: "2026-K7-0001", ANEF: "ANEF-12345678901", People: []Person{
		{ID: "019a3b2c-4d5e-7f60-8a1b-2c3d4e5f6071", FamilyName: "Traoré", GivenNames: "Aïcha Binta",
			BirthDate: model.Date{Year: 1990, Month: 3, Day: 14}, AGDREF: "7501234567"},
		{ID: "p2", FamilyName: long, Role: model.RoleChild, BirthDate: model.Date{Year: -1, Month: 13, Day: 99}},
		{ID: "", Role: model.RoleOther},
	}, Notes: []string{"not kept"}}
	ix := New()
	s := ix.newSlot(d)
	if s.ref() != d.Ref || s.anef() != d.ANEF || ix.idText(s.id) != d.CaseID {
		t.Errorf("case: %q %q %q", s.ref(), s.anef(), ix.idText(s.id))
	}
	for pos, want := range d.People {
		p, id, ok := s.person(pos)
		p.ID = ix.idText(id)
		if !ok || p != want {
			t.Errorf("person %d: %+v, want %+v", pos, p, want)
		}
	}
	if _, _, ok := s.person(len(d.People)); ok {
		t.Errorf("a person past the last")
	}
	if s := ix.newSlot(Doc{CaseID: "c2"}); !s.live() || s.ref() != "" {
		t.Errorf("a case without reference nor people is not kept: %+v", s)
	}
	var empty slot
	if _, _, ok := empty.person(0); ok || empty.ref() != "" || empty.anef() != "" {
		t.Errorf("an empty slot has a person or a reference")
	}
}
