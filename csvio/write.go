package csvio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// formulaStarts are the first characters that make a spreadsheet evaluate
// a cell (CSV injection): = + - @, tab and CR, and their full-width forms,
// which some versions of Excel read as the same. Such cells are written
// with a leading quote.
const formulaStarts = "=+-@\t\r\uff1d\uff0b\uff0d\uff20"

// needsQuote reports whether cell s gets a leading quote: a spreadsheet
// would evaluate it, or it is such a cell behind quotes of its own (so
// that it reads back as it was).
func needsQuote(s string) bool {
	r, n := utf8.DecodeRuneInString(strings.TrimLeft(s, "'"))
	return n > 0 && strings.ContainsRune(formulaStarts, r)
}

// Neutralise returns the cell as every CSV file the program writes holds
// it: with a leading ' when a spreadsheet would otherwise run it as a
// formula (=HYPERLINK(…), +cmd|…, @SUM…). import-csv removes that quote.
func Neutralise(cell string) string {
	if needsQuote(cell) {
		return "'" + cell
	}
	return cell
}

// ErrNotEncodable: a cell has a character Windows-1252 cannot hold (an
// Arabic or Cyrillic name); write UTF-8 instead.
var ErrNotEncodable = errors.New("csv: a character cannot be written in Windows-1252")

// Writer is the one CSV writer of the program (the case list, the
// advocacy figures…): every cell goes through Neutralise. By default it
// writes for Excel: ';' separated, CRLF line ends, UTF-8 with a byte-order
// mark (so Excel detects it) or Windows-1252.
type Writer struct {
	cw       *csv.Writer
	encoding string
	line     int
}

// Options says how a CSV file is written; the zero value is UTF-8 without
// a byte-order mark, ';' and CRLF.
type Options struct {
	Encoding string // UTF8 (when empty) or Windows1252
	Comma    rune   // ';' when zero
	BOM      bool   // UTF-8 only: a byte-order mark first
	LF       bool   // "\n" line ends instead of "\r\n"
}

// NewWriter starts a CSV file on w for Excel, in encoding (UTF8, with a
// byte-order mark, or Windows1252) with separator comma.
func NewWriter(w io.Writer, encoding string, comma rune) (*Writer, error) {
	return NewWriterOptions(w, Options{Encoding: encoding, Comma: comma, BOM: encoding == UTF8})
}

// NewWriterOptions starts a CSV file on w as o says.
func NewWriterOptions(w io.Writer, o Options) (*Writer, error) {
	if o.Encoding == "" {
		o.Encoding = UTF8
	}
	if o.Comma == 0 {
		o.Comma = ';'
	}
	switch o.Encoding {
	case UTF8:
		if o.BOM {
			if _, err := io.WriteString(w, "\xef\xbb\xbf"); err != nil {
				return nil, err
			}
		}
	case Windows1252:
		w = charmap.Windows1252.NewEncoder().Writer(w)
	default:
		return nil, fmt.Errorf("csv: unknown encoding %q", o.Encoding)
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = o.Comma, !o.LF
	return &Writer{cw: cw, encoding: o.Encoding}, nil
}

// Write writes one row, quoting cells that would run as formulas.
func (w *Writer) Write(row []string) error {
	w.line++
	out := make([]string, len(row))
	for i, c := range row {
		c = Neutralise(c)
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
