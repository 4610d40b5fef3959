// Package model holds Casefile's domain types and the decisions that
// depend on nothing but them. It owns:
//   - the records: people, cases, notes, events, deadlines, documents,
//     evidence, sign-offs (person.go, case.go, note.go, event.go, …), their
//     validation and their stable JSON field names;
//   - the human case reference (ref.go) and the hybrid logical clock that
//     orders every change (hlc.go);
//   - the civil date (date.go), Europe/Paris and "today" (paris.go:
//     Paris, ParisDate — every face and the store ask these);
//   - the one name fold of the list filter and the search (fold.go);
//   - the person-field list every face shows (personfields.go);
//   - planning, readiness and retention rules on those types (planner.go,
//     readiness.go, retention.go).
//
// It is pure: no I/O, no clock reads except where a caller passes time in.
// It imports one Casefile package, model/deadline (the deadline engine:
// rules, calendars, zones), and nothing imports model's callers. Everything
// above it (store, sync, bundle, the faces) builds on these types; nothing
// here knows how they are stored. See docs/architecture.md.
package model
