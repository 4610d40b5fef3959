package search

import (
	"cmp"
	"encoding/binary"
	"encoding/hex"
	"strings"
)

// key is a case's or a person's id as the index keeps it: the 16 bytes of
// a UUID written the canonical way (36 lower-case characters, RFC 4122
// variant), which is every id a vault hands out, instead of its 36
// characters and a string header. Any other id (the fictional ones of
// tests, an upper-case id from elsewhere) gets a key that no such UUID
// has, byte 8 zero, numbering its text in oddIDs; the zero key is "".
type key [16]byte

const uuidLen = 36

func (k key) isUUID() bool { return k[8]&0xc0 == 0x80 }

// parseUUID returns the key of s if s is a UUID written canonically.
func parseUUID(s string) (key, bool) {
	var k key
	if len(s) != uuidLen || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return k, false
	}
	for j, i := range [16]int{0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34} {
		hi, lo := unhex(s[i]), unhex(s[i+1])
		if hi > 15 || lo > 15 {
			return k, false
		}
		k[j] = hi<<4 | lo
	}
	return k, k.isUUID()
}

// unhex is the value of a lower-case hex digit, or 255.
func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return 255
}

// appendUUID appends the canonical text of a UUID key.
func appendUUID(b []byte, k key) []byte {
	var t [uuidLen]byte
	hex.Encode(t[0:8], k[0:4])
	t[8] = '-'
	hex.Encode(t[9:13], k[4:6])
	t[13] = '-'
	hex.Encode(t[14:18], k[6:8])
	t[18] = '-'
	hex.Encode(t[19:23], k[8:10])
	t[23] = '-'
	hex.Encode(t[24:], k[10:])
	return append(b, t[:]...)
}

// oddIDs numbers the ids that are not canonical UUIDs. Entry 0 is "".
// Entries stay for the life of the index: a vault has none.
type oddIDs struct {
	text []string
	key  map[string]key
}

func oddKey(n int) key {
	var k key
	binary.LittleEndian.PutUint64(k[:8], uint64(n))
	return k
}

// keyOf returns the key of id, numbering it if it is new.
func (ix *Index) keyOf(id string) key {
	if k, ok := ix.lookup(id); ok {
		return k
	}
	k := oddKey(len(ix.odd.text))
	ix.odd.text = append(ix.odd.text, id)
	ix.odd.key[id] = k
	return k
}

// lookup returns the key of id if the index may hold it.
func (ix *Index) lookup(id string) (key, bool) {
	if k, ok := parseUUID(id); ok {
		return k, true
	}
	if id == "" {
		return key{}, true
	}
	k, ok := ix.odd.key[id]
	return k, ok
}

// idText is the id a key stands for.
func (ix *Index) idText(k key) string {
	if k.isUUID() {
		return string(appendUUID(nil, k))
	}
	return ix.odd.text[binary.LittleEndian.Uint64(k[:8])]
}

// compareIDs orders keys as their ids' text.
func (ix *Index) compareIDs(a, b *key) int {
	if a.isUUID() && b.isUUID() { // the canonical text sorts as the bytes
		return cmp.Or(cmp.Compare(binary.BigEndian.Uint64(a[:8]), binary.BigEndian.Uint64(b[:8])),
			cmp.Compare(binary.BigEndian.Uint64(a[8:]), binary.BigEndian.Uint64(b[8:])))
	}
	return strings.Compare(ix.idText(*a), ix.idText(*b))
}

// texts returns the text of each key, in order, the UUIDs written into
// one allocation: a search may return every case of the vault.
func (ix *Index) texts(keys []key) []string {
	n := 0
	for _, k := range keys {
		if k.isUUID() {
			n++
		}
	}
	var b strings.Builder
	b.Grow(n * uuidLen)
	var buf [uuidLen]byte
	for _, k := range keys {
		if k.isUUID() {
			b.Write(appendUUID(buf[:0], k))
		}
	}
	all := b.String()
	out := make([]string, len(keys))
	at := 0
	for i, k := range keys {
		if k.isUUID() {
			out[i] = all[at : at+uuidLen]
			at += uuidLen
		} else {
			out[i] = ix.odd.text[binary.LittleEndian.Uint64(k[:8])]
		}
	}
	return out
}
