package letters

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// RTF writes text as an RTF 1.x document (A4, Times New Roman 12 pt, 2.5 cm
// margins), one paragraph per line, which LibreOffice, Word and TextEdit
// open. Every character outside ASCII is written as a \uN escape with a "?"
// fallback, so accents survive whatever code page the reader assumes.
func RTF(text string) []byte {
	var b strings.Builder
	b.WriteString("{\\rtf1\\ansi\\ansicpg1252\\deff0\\uc1\n")
	b.WriteString("{\\fonttbl{\\f0\\froman\\fcharset0 Times New Roman;}}\n")
	b.WriteString("\\paperw11906\\paperh16838\\margl1417\\margr1417\\margt1417\\margb1417\n")
	b.WriteString("\\pard\\plain\\f0\\fs24\n")
	text = strings.TrimRight(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			b.WriteString("\\par\n")
		}
		for _, r := range line {
			switch {
			case r == '\\' || r == '{' || r == '}':
				b.WriteByte('\\')
				b.WriteRune(r)
			case r == '\t':
				b.WriteString("\\tab ")
			case r < 0x20 || r >= 0x7f && r < 0xa0:
				// other control characters (C0, DEL, C1) have no place
				// in a letter
			case r < 0x80:
				b.WriteRune(r)
			default:
				for _, u := range utf16.Encode([]rune{r}) {
					fmt.Fprintf(&b, "\\u%d?", int16(u))
				}
			}
		}
	}
	b.WriteString("\\par\n}\n")
	return []byte(b.String())
}
