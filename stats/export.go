package stats

import (
	"encoding/json"
	"io"
	"strconv"

	"casefile/csvio"
)

// Labeler names a figure (axis "") or one of its rows or columns (axis
// "row" or "col") for people to read. i18n.StatsLabel is the faces' one.
type Labeler func(table, axis, key string) string

// Suppressed is how CSV and charts mark a suppressed count. It is the
// same for a small count and for its complement: telling them apart would
// say which ones are under 5.
const Suppressed = "*"

// KeyTotal names a row or column of totals in CSV.
const KeyTotal = "_total"

// CSVHeader is the first line of WriteCSV's output: one line per count,
// in long form (a spreadsheet's pivot table rebuilds any table).
var CSVHeader = []string{"figure", "figure_label", "row", "row_label", "column", "column_label", "people", "q1_days", "median_days", "q3_days"}

// WriteCSV writes every figure of rep, suppressed counts as Suppressed,
// totals under the key KeyTotal: ',' separated, "\n" line ends, UTF-8,
// through the program's one CSV writer (csvio), so that a label taken
// from the vault (a prefecture's name) never reaches a spreadsheet as a
// formula.
func WriteCSV(w io.Writer, rep *Report, label Labeler) error {
	cw, err := csvio.NewWriterOptions(w, csvio.Options{Comma: ',', LF: true})
	if err != nil {
		return err
	}
	if err := cw.Write(CSVHeader); err != nil {
		return err
	}
	count := func(c Cell) string {
		if c.Suppressed {
			return Suppressed
		}
		return strconv.Itoa(c.N)
	}
	axisLabel := func(table, axis, key string) string {
		if key == KeyTotal {
			return label(table, axis, "_total")
		}
		return label(table, axis, key)
	}
	line := func(table, row, col string, c Cell, q ...*float64) error {
		rec := []string{table, label(table, "", ""), row, axisLabel(table, "row", row), col, axisLabel(table, "col", col), count(c), "", "", ""}
		for i, v := range q {
			if v != nil {
				rec[7+i] = strconv.FormatFloat(*v, 'f', -1, 64)
			}
		}
		return cw.Write(rec)
	}
	for _, t := range rep.Tables {
		for r, row := range t.Rows {
			for c, col := range t.Cols {
				if err := line(t.ID, row, col, t.Cells[r][c]); err != nil {
					return err
				}
			}
			if t.RowTotals != nil {
				if err := line(t.ID, row, KeyTotal, t.RowTotals[r]); err != nil {
					return err
				}
			}
		}
		if len(t.Cols) > 1 {
			for c, col := range t.Cols {
				if err := line(t.ID, KeyTotal, col, t.ColTotals[c]); err != nil {
					return err
				}
			}
			if err := line(t.ID, KeyTotal, KeyTotal, t.Total); err != nil {
				return err
			}
		} else if err := line(t.ID, KeyTotal, t.Cols[0], t.Total); err != nil {
			return err
		}
	}
	for _, d := range rep.Delays {
		for _, r := range d.Rows {
			if err := line(d.ID, r.Key, KeyPeople, r.People, r.Q1, r.Median, r.Q3); err != nil {
				return err
			}
		}
	}
	return cw.Flush()
}

// WriteJSON writes rep as indented JSON: suppressed counts are null.
func WriteJSON(w io.Writer, rep *Report) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
