package model

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzCleanDocumentName: a document's name comes from a bundle, the shared
// folder, a file dialog or the command line, and is shown, listed, and
// used as the name of the clear copy a viewer opens. Whatever it is, the
// clean name is one path element (no separator, not "." or "..", no
// leading dot), has no control or bidirectional character, is valid
// UTF-8, fits the cap, is no Windows device name, and cleaning it again
// changes nothing.
func FuzzCleanDocumentName(f *testing.F) {
	for _, s := range []string{
		"lettre-fictive.pdf", "../../../../tmp/x.pdf", `..\..\Windows\win.ini`, "CON", "nul.txt", "com1 .tar.gz",
		"facture\u202efdp.exe", "\x1b[2J\x1b]0;owned\x07.pdf", "invalid \xff\xfe.pdf", " . .hidden. . ",
		strings.Repeat("é", 150) + ".pdf", strings.Repeat("a", 199) + "." + strings.Repeat("b", 20), "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := CleanDocumentName(in)
		if again := CleanDocumentName(got); again != got {
			t.Fatalf("not idempotent: %q → %q → %q", in, got, again)
		}
		stem, _, _ := strings.Cut(got, ".")
		if got == "" || strings.ContainsAny(got, `/\<>:"|?*`) || !utf8.ValidString(got) ||
			len(got) > MaxDocumentNameBytes+1 || HasControl(got) || strings.HasPrefix(got, ".") ||
			strings.HasSuffix(got, ".") || strings.TrimSpace(got) != got ||
			windowsReserved[strings.ToUpper(strings.TrimRightFunc(stem, unicode.IsSpace))] {
			t.Fatalf("CleanDocumentName(%q) = %q", in, got)
		}
	})
}
