package csvio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/encoding/charmap"
)

// formulaStarts are the first characters that make a spreadsheet evaluate
// a cell; such cells are written with a leading quote (CSV injection).
const formulaStarts = "=+-@\t\r"

// ErrNotEncodable: a cell has a character Windows-1252 cannot hold (an
// Arabic or Cyrillic name); write UTF-8 instead.
var ErrNotEncodable = errors.New("csv: a character cannot be written in Windows-1252")

// Writer writes rows for Excel: ';' separated, CRLF line ends, UTF-8 with
// a byte-order mark (so Excel detects it) or Windows-1252.
type Writer struct {
	cw       *csv.Writer
	encoding string
	line     int
}

// NewWriter starts a CSV file on w in encoding (UTF8 or Windows1252) with
// separator comma.
func NewWriter(w io.Writer, encoding string, comma rune) (*Writer, error) {
	switch encoding {
	case UTF8:
		if _, err := io.WriteString(w, "\xef\xbb\xbf"); err != nil {
			return nil, err
		}
	case Windows1252:
		w = charmap.Windows1252.NewEncoder().Writer(w)
	default:
		return nil, fmt.Errorf("csv: unknown encoding %q", encoding)
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = comma, true
	return &Writer{cw: cw, encoding: encoding}, nil
}

// Write writes one row, quoting cells that would run as formulas.
func (w *Writer) Write(row []string) error {
	w.line++
	out := make([]string, len(row))
	for i, c := range row {
		if c != "" && strings.ContainsRune(formulaStarts, rune(c[0])) {
			c = "'" + c
		}
		if w.encoding == Windows1252 {
			for _, r := range c {
				if _, ok := charmap.Windows1252.EncodeRune(r); !ok {
					return fmt.Errorf("%w (line %d: %q)", ErrNotEncodable, w.line, string(r))
				}
			}
		}
		out[i] = c
	}
	return w.cw.Write(out)
}

// Flush writes what is buffered and reports any error so far.
func (w *Writer) Flush() error {
	w.cw.Flush()
	return w.cw.Error()
}

// Auto asks for Windows-1252 when every cell fits in it, UTF-8 (with its
// byte-order mark) otherwise: see ChooseEncoding.
const Auto = "auto"

// DefaultEncoding is what an export writes unless told: on Windows, Auto,
// because a French Windows user's older tools (Excel before 2016, accounting
// software) expect Windows-1252; elsewhere UTF-8, which every current
// spreadsheet reads and which holds every script.
func DefaultEncoding(goos string) string {
	if goos == "windows" {
		return Auto
	}
	return UTF8
}

// ChooseEncoding resolves Auto for rows: Windows-1252 when every character
// of every cell has a place in it, else UTF-8. Other encodings are returned
// as they are.
func ChooseEncoding(encoding string, rows [][]string) string {
	if encoding != Auto {
		return encoding
	}
	for _, row := range rows {
		for _, c := range row {
			for _, r := range c {
				if _, ok := charmap.Windows1252.EncodeRune(r); !ok {
					return UTF8
				}
			}
		}
	}
	return Windows1252
}
