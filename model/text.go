package model

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text that people type, or that arrives in a file (a bundle, the shared
// folder, a CSV), is printed on terminals, laid out in forms and PDFs and,
// for document names, used as a file name. Two rules hold for all of it:
// no control characters (a terminal would run ESC sequences, a form would
// show garbage), and, for document names, one cleaning function wherever
// the name comes from.

// IsUnsafeRune reports whether r must not appear in a name or a one-line
// field: C0 and C1 control characters, DEL, and the invisible marks that
// reorder text (bidirectional embeddings, overrides and isolates, which
// make a name display as something else) or hide it (BOM, zero width
// no-break space). Letters of every script, and the joiners some scripts
// need (ZWJ, ZWNJ), are fine.
func IsUnsafeRune(r rune) bool {
	switch {
	case unicode.IsControl(r): // C0, DEL, C1
		return true
	case r == '\u061c', r == '\u200e', r == '\u200f', // Arabic letter mark, LRM, RLM
		r >= '\u202a' && r <= '\u202e', // embeddings and overrides
		r >= '\u2066' && r <= '\u2069', // isolates
		r == '\ufeff':
		return true
	}
	return false
}

// HasControl reports whether a one-line text (a name, a reference, a
// place) holds a character IsUnsafeRune refuses, or is not UTF-8.
func HasControl(s string) bool { return hasUnsafe(s, "") }

// HasControlMultiline is HasControl for a text of several lines (a note,
// an address): line feeds, carriage returns and tabs are allowed.
func HasControlMultiline(s string) bool { return hasUnsafe(s, "\n\r\t") }

func hasUnsafe(s, allowed string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	return strings.IndexFunc(s, func(r rune) bool { return IsUnsafeRune(r) && !strings.ContainsRune(allowed, r) }) >= 0
}

// MaxDocumentNameBytes caps a document name: file systems take 255 bytes
// in a name, and the name is used as one when a document is opened or
// exported.
const MaxDocumentNameBytes = 200

// windowsReserved are the device names Windows will not give a file,
// whatever the extension.
var windowsReserved = map[string]bool{"CON": true, "PRN": true, "AUX": true, "NUL": true,
	"COM1": true, "COM2": true, "COM3": true, "COM4": true, "COM5": true, "COM6": true, "COM7": true, "COM8": true, "COM9": true,
	"LPT1": true, "LPT2": true, "LPT3": true, "LPT4": true, "LPT5": true, "LPT6": true, "LPT7": true, "LPT8": true, "LPT9": true}

// CleanDocumentName is the one cleaning of a document's name, wherever it
// comes from (the file dialog, the command line, a bundle, the shared
// folder): the last element of any path ('/' or '\'), without the
// characters IsUnsafeRune refuses, with the characters Windows forbids in
// file names (< > : " | ? *) as '_', without leading dots or spaces (no
// "..", no hidden file) nor trailing ones, "_" before a Windows device
// name (CON, NUL, COM1…), at most MaxDocumentNameBytes bytes (the
// extension kept when it is short). A name with nothing left is
// "document". It is idempotent: a clean name is returned as it is.
func CleanDocumentName(name string) string {
	// Each step only removes, except the "_" before a device name, which
	// can make a name one byte too long: a second round settles it, a
	// third finds nothing to change.
	for range 3 {
		clean := cleanOnce(name)
		if clean == name {
			break
		}
		name = clean
	}
	return name
}

func cleanOnce(name string) string {
	name = strings.ToValidUTF8(name, "_")
	name = strings.ReplaceAll(name, `\`, "/")
	name = strings.TrimRight(name, "/")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case IsUnsafeRune(r):
			return -1
		case strings.ContainsRune(`<>:"|?*`, r):
			return '_'
		}
		return r
	}, name)
	name = trimName(name)
	if len(name) > MaxDocumentNameBytes {
		ext := ""
		if i := strings.LastIndexByte(name, '.'); i > 0 && len(name)-i <= 16 {
			ext = name[i:]
		}
		stem := name[:MaxDocumentNameBytes-len(ext)]
		for !utf8.ValidString(stem) { // cut on a character boundary
			stem = stem[:len(stem)-1]
		}
		name = trimName(stem + ext)
	}
	stem, _, _ := strings.Cut(name, ".")
	if windowsReserved[strings.ToUpper(strings.TrimRightFunc(stem, unicode.IsSpace))] {
		name = "_" + name
	}
	if name == "" {
		return "document"
	}
	return name
}

// trimName drops spaces and dots at both ends of a name.
func trimName(s string) string {
	dotOrSpace := func(r rune) bool { return r == '.' || unicode.IsSpace(r) }
	return strings.TrimRightFunc(strings.TrimLeftFunc(s, dotOrSpace), dotOrSpace)
}
