// Package model holds Casefile's domain types (people, cases, notes), their
// validation, the human case reference and the hybrid logical clock that
// orders every change.
//
// It is pure: no I/O, no clock reads except where a caller passes time in,
// and it imports no other Casefile package. Everything above it (store, sync,
// the faces) builds on these types; nothing here knows how they are stored.
package model
