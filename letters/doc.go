// Package letters fills French letter templates from a case — recours
// gracieux, request for a non-digital channel, request for the receipt or
// attestation, referral to the Défenseur des droits, request for an
// appointment — and writes the lawyer's final text as RTF (which LibreOffice
// and Word open) and PDF. Templates are plain text files with {{placeholders}}
// (docs/letters.md): the defaults are embedded, and a clinic adapts them by
// putting files of the same name in a folder of its choosing.
//
// It never writes a file itself: it returns bytes, and the faces write them
// where the user chose, after warning that the copy is not encrypted. A
// letter produced is logged on its case as a note, through the store.
package letters
