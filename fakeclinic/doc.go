// Package fakeclinic generates fictional case files for Casefile: a main
// person, the case, notes and relatives, shaped like the work of a legal
// clinic defending foreign nationals in France (DOMAIN.md §1–§2).
//
// It exists for the demo mode, for tests (every package that needs realistic
// records draws them here rather than inventing its own) and for benchmarks
// (a seeded Generator reproduces the same clinic of any size).
//
// Everything it produces is fictional. Given and family names are common
// names of each region combined at random, so any likeness to a real person
// is chance; a short list of pairs that would name a well-known public figure
// is redrawn.
// Phone numbers lie in the 06 39 98 range, which ARCEP keeps for films and
// fiction (to be re-checked against the current numbering plan), e-mail
// addresses use domains reserved for examples (RFC 2606), street numbers are
// invented, ANEF and AGDREF numbers are random digits.
//
// The names exercise what real files contain: many origins and scripts,
// about one person in ten written in Arabic, Cyrillic, Ge'ez, Chinese,
// Georgian or Bengali script, and transliteration variants (Mohamed,
// Mohammed, Muhammad…) so that one name appears under several spellings.
//
// The package must never be linked into anything that decides, computes a
// deadline or reports on real cases: it is a source of test data only, and
// it imports nothing of Casefile but model.
package fakeclinic
