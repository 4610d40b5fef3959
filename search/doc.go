// Package search is Casefile's in-memory search over people and their
// cases: names (family and given), case reference, ANEF and AGDREF numbers
// and note words; case- and accent-insensitive, by prefix, tolerant of one
// typo, and matching transliterations of one name to each other
// (Mohamed / Muhammad, Youssef / Youcef, Aïcha / Aisha) through a phonetic
// key (key.go, docs/search.md).
//
// It is pure: it imports model and the standard library only, never reads
// or writes the vault. The faces build an Index at unlock from the
// documents the store hands them and keep it current with Update and
// Remove after each change. Nothing it holds ever touches the disk.
package search
