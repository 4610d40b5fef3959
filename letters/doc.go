// Package letters fills French letters from a case and its evidence log —
// recours gracieux, request for the reasons of an implicit refusal,
// request for the prefecture's file, request for an appointment or for a
// non-digital channel, request for the attestation, letter to an employer
// or a benefits office on the attestation's effect, formal notice,
// skeleton petition for a référé « mesures utiles », referral to the
// Défenseur des droits — and writes the lawyer's final text as PDF and RTF
// (which LibreOffice and Word open). Templates are plain text files with
// {{placeholders}} (docs/letters.md): the defaults are embedded, and a
// clinic adapts them by putting files of the same name in a folder of its
// choosing.
//
// A letter never misleads on a court delay: where an administrative
// appeal does not extend it (removal orders, transfers, house arrests),
// the recours gracieux says so, and Compose tells the faces to warn.
//
// It never writes a file itself: a letter saved goes, encrypted, among
// the case's documents through the store (Save), and is logged on its
// case as a note; the faces write an unencrypted copy where the user
// chooses, after warning.
package letters
