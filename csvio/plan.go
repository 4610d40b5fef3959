package csvio

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"casefile/model"
)

// What both faces decide the same way about an import and an export: which
// mapping an import proposes and where it is remembered (in the vault's
// settings, per set of column headers), and which cells an export writes.

// LegacyMappingSetting is the setting where import-csv remembered the last
// mapping used, whatever the headers, before mappings were kept per header
// set; it is still read, under the one remembered for the header set.
const LegacyMappingSetting = "csv-mapping"

// MappingSetting is the name of the vault setting that remembers the
// mapping used for a file with these column headers, in any order:
// "csv-mapping/" and a SHA-256 of the sorted headers. It holds header
// texts and field names, never a cell.
func MappingSetting(header []string) string {
	sorted := slices.Clone(header)
	slices.Sort(sorted)
	h := sha256.New()
	for _, col := range sorted {
		fmt.Fprintf(h, "%d:%s\x00", len(col), col)
	}
	return LegacyMappingSetting + "/" + hex.EncodeToString(h.Sum(nil))
}

// Remembered reads the mapping remembered for header through get (a
// vault's Setting): the one of this header set, over the legacy one for
// the columns it does not name. nil when there is none; a damaged one is
// ignored (the user maps the columns again).
func Remembered(get func(name string) ([]byte, bool, error), header []string) (*Mapping, error) {
	var layers []*Mapping
	for _, name := range []string{MappingSetting(header), LegacyMappingSetting} {
		b, ok, err := get(name)
		if err != nil {
			return nil, err
		}
		if !ok {
			continue
		}
		if m, err := ParseMapping(b); err == nil {
			layers = append(layers, m)
		}
	}
	if len(layers) == 0 {
		return nil, nil
	}
	return merge(layers), nil
}

// merge flattens layers into one mapping; the first to name a column wins.
func merge(layers []*Mapping) *Mapping {
	out := &Mapping{Version: MappingVersion, Columns: map[string]string{}}
	for _, m := range layers {
		if m == nil {
			continue
		}
		for col, f := range m.Columns {
			if _, ok := out.Columns[col]; !ok {
				out.Columns[col] = f
			}
		}
	}
	return out
}

// Propose is the mapping an import starts from for header: a column named
// by the layers (in order: a mapping file, or the mapping remembered, then
// the field labels an export writes) feeds that field; the others are
// recognised by their names (Guess). Every column of the header is
// listed, "" for those ignored, so that the user sees them all.
func Propose(header []string, layers ...*Mapping) *Mapping {
	m := Guess(header, merge(layers))
	for _, h := range header {
		if _, ok := m.Columns[h]; !ok {
			m.Columns[h] = ""
		}
	}
	return m
}

// LabelMapping maps each field's label (label gives it, in the user's
// language: what an export writes as headers) to the field, so that an
// exported file reads back as it is.
func LabelMapping(label func(field string) string) *Mapping {
	m := &Mapping{Version: MappingVersion, Columns: map[string]string{}}
	for _, f := range Fields() {
		m.Columns[label(f)] = f
	}
	return m
}

// Marshal is the mapping as it is remembered and as --save-map writes it.
func (m *Mapping) Marshal() []byte {
	b, _ := json.MarshalIndent(m, "", "  ") // strings only: cannot fail
	return b
}

// Columns of the case list an export writes unless told otherwise.
var CaseColumns = []string{"ref", "person.family_name", "person.given_names", "person.birth_date",
	"person.nationality", "procedure", "status", "lawyer", "prefecture", "anef_number", "person.agdref", "opened"}

// Exportable reports whether an export can write the column: a case's
// reference or a field an import reads.
func Exportable(col string) bool { return col == "ref" || Importable(col) }

// CaseRow gives the columns of a case as cells: dates as dd/mm/yyyy,
// languages comma-separated, other values as stored.
func CaseRow(cf *model.CaseFile, cols []string) []string {
	caseJSON, _ := json.Marshal(cf.Case)
	personJSON, _ := json.Marshal(cf.Person)
	var cm, pm map[string]json.RawMessage
	json.Unmarshal(caseJSON, &cm)
	json.Unmarshal(personJSON, &pm)
	row := make([]string, len(cols))
	for i, c := range cols {
		raw := cm[c]
		if name, ok := strings.CutPrefix(c, "person."); ok {
			raw = pm[name]
		}
		var s string
		var list []string
		switch {
		case json.Unmarshal(raw, &s) == nil:
			if d, err := model.ParseDate(s); err == nil && !d.IsZero() && len(s) == 10 {
				s = fmt.Sprintf("%02d/%02d/%04d", d.Day, int(d.Month), d.Year)
			}
		case json.Unmarshal(raw, &list) == nil:
			s = strings.Join(list, ", ")
		}
		row[i] = s
	}
	return row
}

// WriteTable writes rows (the header row first) to w, in encoding (Auto
// resolved by ChooseEncoding) with separator comma, and returns the
// encoding written.
func WriteTable(w io.Writer, encoding string, comma rune, rows [][]string) (string, error) {
	enc := ChooseEncoding(encoding, rows)
	bw := bufio.NewWriter(w)
	cw, err := NewWriter(bw, enc, comma)
	if err != nil {
		return enc, err
	}
	for _, row := range rows {
		if err := cw.Write(row); err != nil {
			return enc, err
		}
	}
	if err := cw.Flush(); err != nil {
		return enc, err
	}
	return enc, bw.Flush()
}
