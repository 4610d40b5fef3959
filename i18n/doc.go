// Package i18n holds the user-facing text of both faces (the desktop app and
// the CLI) in French and English, picks the language from the system locale
// through Fyne's lang package, formats dates the way that language writes
// them, and turns the errors the lower packages return into one clear
// sentence that says what happened and what to do.
//
// Text is translated here, at the face, never deep in the stack.
package i18n
