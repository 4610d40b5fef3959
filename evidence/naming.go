// Package evidence turns a case's evidence log into what a lawyer files
// with a référé: a numbered inventory of pieces (bordereau) as PDF, a
// summary of the attempts, and the proof files themselves, numbered in
// the inventory's order and named as Télérecours expects (docs/evidence.md).
// Plan and the PDF functions are pure; Export is the one function that
// writes to disk, and only into the folder the user chose after a warning
// that the copy is not encrypted.
package evidence

import (
	"fmt"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Télérecours's rules for pieces sent as separate files (docs/evidence.md
// cites them): each file is named "PJ<n>_<label>" as in the inventory, in
// at most MaxNameRunes characters, without special or accented characters
// nor dots (they disturb the filing); files of at most MaxPieceBytes.
const (
	MaxNameRunes  = 80
	MaxPieceBytes = 32 << 20
)

// AcceptedExt lists the extensions Télérecours accepts (PDF preferred;
// word-processor files are converted to PDF by the service; JPEG and TIFF
// images). Other files are exported with a warning to convert them.
var AcceptedExt = map[string]bool{
	".pdf": true, ".doc": true, ".docx": true, ".odt": true, ".rtf": true,
	".jpg": true, ".jpeg": true, ".tif": true, ".tiff": true,
}

var fold = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i", 'î': "i", 'ï': "i",
	'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'œ': "oe",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ý': "y", 'ÿ': "y",
}

// plain folds accents to their base letter and turns every character other
// than ASCII letters, digits, '-' and '_' into a space; runs of spaces
// become one, and the ends are trimmed.
func plain(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		lower := strings.ToLower(string(r))
		lr, _ := utf8.DecodeRuneInString(lower)
		var out string
		switch {
		case r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_'):
			out = string(r)
		case fold[lr] != "":
			out = fold[lr]
			if lr != r { // it was a capital
				out = strings.ToUpper(out[:1]) + out[1:]
			}
		default:
			if b.Len() > 0 {
				space = true
			}
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteString(out)
	}
	return b.String()
}

// Ext returns a file name's extension, lower-case and reduced to ASCII
// letters and digits ("" if there is none worth keeping).
func Ext(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	var b strings.Builder
	for _, r := range strings.TrimPrefix(ext, ".") {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 || b.Len() > 5 {
		return ""
	}
	return "." + b.String()
}

// PieceName is the file name of piece n: "PJ<n>_<label><ext>", the label
// stripped of accents and special characters, cut so that the whole name
// stays within MaxNameRunes.
func PieceName(n int, label, ext string) string {
	prefix := fmt.Sprintf("PJ%d_", n)
	l := plain(label)
	if l == "" {
		l = "piece"
	}
	room := MaxNameRunes - len(prefix) - len(ext)
	if len(l) > room { // plain is ASCII: bytes are characters
		l = strings.TrimRight(l[:room], " -_")
	}
	return prefix + l + ext
}
