package stats

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"casefile/model"
)

// Filter narrows the figures. Zero values mean no bound. What "in the
// period" means depends on the figure: the malfunction's day, the filing
// day for delays, the day the case was opened for outcomes.
type Filter struct {
	From, To  model.Date
	Procedure model.Procedure
}

func (f Filter) in(d model.Date) bool {
	if d.IsZero() {
		return false
	}
	return (f.From.IsZero() || !d.Before(f.From)) && (f.To.IsZero() || !f.To.Before(d))
}

// Table ids, stable (CSV and JSON outputs, translation keys
// "stats.table.<id>").
const (
	TableByCategory   = "malfunctions_by_category"
	TableByPrefecture = "malfunctions_by_prefecture"
	TableByMonth      = "malfunctions_by_month"
	TableOutcomes     = "outcomes_by_procedure"
	DelayAttestation  = "delay_filing_to_attestation"
	DelayDecision     = "delay_filing_to_decision"
)

// Row and column keys that are not values of the model.
const (
	KeyPeople           = "people"  // the one column of a one-column table
	KeyOtherPrefectures = "_other"  // prefectures with fewer than Threshold people, together
	KeyNoPrefecture     = "_none"   // no prefecture recorded
	KeyAll              = "_all"    // every procedure (delays)
	monthLayout         = "2006-01" // row keys of the month table
)

// Cell is a published count of people, or a suppressed one. A suppressed
// cell carries no count, not even in memory: outputs cannot leak it.
type Cell struct {
	N          int
	Suppressed bool
}

// MarshalJSON writes the count, or null when suppressed.
func (c Cell) MarshalJSON() ([]byte, error) {
	if c.Suppressed {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, int64(c.N), 10), nil
}

// Table is a protected table of people counts: Rows × Cols cells, with the
// number of distinct people in each row (RowTotals, only when there are
// several columns), each column (ColTotals) and the whole table (Total).
// A person in several cells counts once in each, and once in a total, so
// totals can be less than the sum of their cells.
type Table struct {
	ID        string   `json:"id"`
	Rows      []string `json:"rows"`
	Cols      []string `json:"cols"`
	Cells     [][]Cell `json:"cells"`
	RowTotals []Cell   `json:"row_totals,omitempty"`
	ColTotals []Cell   `json:"col_totals"`
	Total     Cell     `json:"total"`
}

// Delay is the time from filing to attestation or decision, by procedure:
// one delay per person (their earliest filing in the period), in days.
// Quartiles are given only where the number of people is published.
type Delay struct {
	ID   string     `json:"id"`
	Rows []DelayRow `json:"rows"`
}

// DelayRow is one procedure's delays (Key KeyAll: every procedure).
type DelayRow struct {
	Key    string   `json:"key"`
	People Cell     `json:"people"`
	Q1     *float64 `json:"q1,omitempty"`
	Median *float64 `json:"median,omitempty"`
	Q3     *float64 `json:"q3,omitempty"`
}

// Report is every figure for one filter: what may be published.
type Report struct {
	Filter    Filter  `json:"-"`
	From      string  `json:"from,omitempty"`
	To        string  `json:"to,omitempty"`
	Procedure string  `json:"procedure,omitempty"`
	Threshold int     `json:"threshold"`
	Tables    []Table `json:"tables"`
	Delays    []Delay `json:"delays"`
}

// counter counts distinct people per cell and per total of a table being
// built; person keys stay inside it.
type counter struct {
	rows, cols []string
	ri, ci     map[string]int
	cells      []map[string]struct{} // r*len(cols)+c
	rowT, colT []map[string]struct{}
	all        map[string]struct{}
}

func newCounter(rows, cols []string) *counter {
	k := &counter{rows: rows, cols: cols, ri: map[string]int{}, ci: map[string]int{}, all: map[string]struct{}{}}
	for i, r := range rows {
		k.ri[r] = i
	}
	for i, c := range cols {
		k.ci[c] = i
	}
	mk := func(n int) []map[string]struct{} {
		out := make([]map[string]struct{}, n)
		for i := range out {
			out[i] = map[string]struct{}{}
		}
		return out
	}
	k.cells, k.rowT, k.colT = mk(len(rows)*len(cols)), mk(len(rows)), mk(len(cols))
	return k
}

func (k *counter) add(row, col, person string) {
	r, ok1 := k.ri[row]
	c, ok2 := k.ci[col]
	if !ok1 || !ok2 {
		return
	}
	k.cells[r*len(k.cols)+c][person] = struct{}{}
	k.rowT[r][person] = struct{}{}
	k.colT[c][person] = struct{}{}
	k.all[person] = struct{}{}
}

// table protects the counts and returns what may be published.
func (k *counter) table(id string) Table {
	cells := make([][]int, len(k.rows))
	rowT := make([]int, len(k.rows))
	colT := make([]int, len(k.cols))
	for r := range k.rows {
		cells[r] = make([]int, len(k.cols))
		for c := range k.cols {
			cells[r][c] = len(k.cells[r*len(k.cols)+c])
		}
		rowT[r] = len(k.rowT[r])
	}
	for c := range k.cols {
		colT[c] = len(k.colT[c])
	}
	g := newGrid(cells, rowT, colT, len(k.all))
	g.protect()
	return g.publish(id, k.rows, k.cols)
}

// publish copies the published entries of a protected grid into a Table;
// suppressed entries are copied as Suppressed with no count.
func (g *grid) publish(id string, rows, cols []string) Table {
	cell := func(r, c int) Cell {
		if g.s[r][c] {
			return Cell{Suppressed: true}
		}
		return Cell{N: g.v[r][c]}
	}
	if rows == nil {
		rows = []string{} // JSON: [] for a table with no rows, not null
	}
	t := Table{ID: id, Rows: rows, Cols: cols, Cells: make([][]Cell, len(rows))}
	for r := range rows {
		t.Cells[r] = make([]Cell, len(cols))
		for c := range cols {
			t.Cells[r][c] = cell(r, c)
		}
		if len(cols) > 1 {
			t.RowTotals = append(t.RowTotals, cell(r, len(cols)))
		}
	}
	for c := range cols {
		t.ColTotals = append(t.ColTotals, cell(len(rows), c))
	}
	if len(cols) > 1 {
		t.Total = cell(len(rows), len(cols))
	} else {
		t.Total = t.ColTotals[0]
	}
	return t
}

// Compute builds every figure from the records that pass the filter.
func Compute(recs []Record, f Filter) *Report {
	rep := &Report{Filter: f, Threshold: Threshold}
	if !f.From.IsZero() {
		rep.From = f.From.String()
	}
	if !f.To.IsZero() {
		rep.To = f.To.String()
	}
	rep.Procedure = string(f.Procedure)
	var sel []*Record
	for i := range recs {
		if f.Procedure == "" || recs[i].Procedure == f.Procedure {
			sel = append(sel, &recs[i])
		}
	}
	rep.Tables = []Table{byCategory(sel, f), byPrefecture(sel, f), byMonth(sel, f), outcomes(sel, f)}
	rep.Delays = []Delay{
		delay(DelayAttestation, sel, f, func(r *Record) model.Date { return r.Attested }),
		delay(DelayDecision, sel, f, func(r *Record) model.Date { return r.Decided }),
	}
	return rep
}

func procedures(f Filter) []model.Procedure {
	if f.Procedure != "" {
		return []model.Procedure{f.Procedure}
	}
	return model.Procedures
}

func byCategory(sel []*Record, f Filter) Table {
	rows := make([]string, len(model.MalfunctionCategories))
	for i, c := range model.MalfunctionCategories {
		rows[i] = string(c)
	}
	k := newCounter(rows, []string{KeyPeople})
	for _, r := range sel {
		for _, m := range r.Malfunctions {
			if f.in(m.Date) {
				k.add(string(m.Category), KeyPeople, r.person)
			}
		}
	}
	return k.table(TableByCategory)
}

// byPrefecture: rows in alphabetical order, never by count (an order by
// count would tell a suppressed row's size from its neighbours'), then
// the prefectures with fewer than Threshold people together, then cases
// with none recorded. A prefecture is typed by hand: a rare spelling must
// not appear as a row of its own.
func byPrefecture(sel []*Record, f Filter) Table {
	people := map[string]map[string]struct{}{}
	for _, r := range sel {
		for _, m := range r.Malfunctions {
			if f.in(m.Date) {
				p := r.Prefecture
				if p == "" {
					p = KeyNoPrefecture
				}
				if people[p] == nil {
					people[p] = map[string]struct{}{}
				}
				people[p][r.person] = struct{}{}
			}
		}
	}
	var rows []string
	other := false
	for p, set := range people {
		switch {
		case p == KeyNoPrefecture:
		case len(set) < Threshold:
			other = true
		default:
			rows = append(rows, p)
		}
	}
	slices.Sort(rows)
	if other {
		rows = append(rows, KeyOtherPrefectures)
	}
	if people[KeyNoPrefecture] != nil {
		rows = append(rows, KeyNoPrefecture)
	}
	k := newCounter(rows, []string{KeyPeople})
	for p, set := range people {
		row := p
		if p != KeyNoPrefecture && len(set) < Threshold {
			row = KeyOtherPrefectures
		}
		for person := range set {
			k.add(row, KeyPeople, person)
		}
	}
	return k.table(TableByPrefecture)
}

// byMonth: every month from the first to the last malfunction of the
// period, empty months between them included (so a period typed as
// 1900–2100 does not draw two centuries of zeros).
func byMonth(sel []*Record, f Filter) Table {
	var lo, hi model.Date
	for _, r := range sel {
		for _, m := range r.Malfunctions {
			if f.in(m.Date) {
				lo, hi = earliest(lo, m.Date), latest(hi, m.Date)
			}
		}
	}
	rows := []string{}
	if !lo.IsZero() && !hi.IsZero() && !hi.Before(lo) {
		for y, m := lo.Year, lo.Month; y < hi.Year || y == hi.Year && m <= hi.Month; {
			rows = append(rows, fmt.Sprintf("%04d-%02d", y, int(m)))
			if m++; m > time.December {
				y, m = y+1, time.January
			}
		}
	}
	k := newCounter(rows, []string{KeyPeople})
	for _, r := range sel {
		for _, m := range r.Malfunctions {
			if f.in(m.Date) {
				k.add(fmt.Sprintf("%04d-%02d", m.Date.Year, int(m.Date.Month)), KeyPeople, r.person)
			}
		}
	}
	return k.table(TableByMonth)
}

func latest(a, b model.Date) model.Date {
	if a.IsZero() || a.Before(b) {
		return b
	}
	return a
}

func outcomes(sel []*Record, f Filter) Table {
	var rows, cols []string
	for _, p := range procedures(f) {
		rows = append(rows, string(p))
	}
	for _, o := range Outcomes {
		cols = append(cols, string(o))
	}
	k := newCounter(rows, cols)
	for _, r := range sel {
		if f.in(r.Opened) {
			k.add(string(r.Procedure), string(r.Outcome), r.person)
		}
	}
	return k.table(TableOutcomes)
}

// delay: one value per person and procedure (and one per person over all
// procedures), from their earliest filing in the period that has the
// later step. The number of people per procedure is protected like a
// one-column table; quartiles go only with a published number.
func delay(id string, sel []*Record, f Filter, step func(*Record) model.Date) Delay {
	type first struct{ filed, done model.Date }
	byProc := map[model.Procedure]map[string]first{}
	all := map[string]first{}
	keep := func(m map[string]first, person string, x first) {
		if cur, ok := m[person]; !ok || x.filed.Before(cur.filed) {
			m[person] = x
		}
	}
	for _, r := range sel {
		done := step(r)
		if !f.in(r.Filed) || done.IsZero() {
			continue
		}
		if byProc[r.Procedure] == nil {
			byProc[r.Procedure] = map[string]first{}
		}
		x := first{r.Filed, done}
		keep(byProc[r.Procedure], r.person, x)
		keep(all, r.person, x)
	}
	procs := procedures(f)
	days := func(m map[string]first) []float64 {
		out := make([]float64, 0, len(m))
		for _, x := range m {
			out = append(out, float64(dayNumber(x.done)-dayNumber(x.filed)))
		}
		slices.Sort(out)
		return out
	}
	cells := make([][]int, len(procs))
	for i, p := range procs {
		cells[i] = []int{len(byProc[p])}
	}
	g := newGrid(cells, nil, []int{len(all)}, len(all))
	g.protect()
	d := Delay{ID: id}
	row := func(key string, r int, m map[string]first) DelayRow {
		dr := DelayRow{Key: key}
		if g.s[r][0] {
			dr.People = Cell{Suppressed: true}
			return dr
		}
		dr.People = Cell{N: g.v[r][0]}
		if dr.People.N > 0 {
			v := days(m)
			q1, med, q3 := quantile(v, 0.25), quantile(v, 0.5), quantile(v, 0.75)
			dr.Q1, dr.Median, dr.Q3 = &q1, &med, &q3
		}
		return dr
	}
	for i, p := range procs {
		d.Rows = append(d.Rows, row(string(p), i, byProc[p]))
	}
	d.Rows = append(d.Rows, row(KeyAll, len(procs), all))
	return d
}

// quantile is the q-quantile of sorted values, interpolated between the
// two nearest ranks (R's type 7) and rounded to a tenth of a day.
func quantile(sorted []float64, q float64) float64 {
	h := q * float64(len(sorted)-1)
	lo := int(math.Floor(h))
	v := sorted[lo]
	if lo+1 < len(sorted) {
		v += (h - float64(lo)) * (sorted[lo+1] - sorted[lo])
	}
	return math.Round(v*10) / 10
}

// dayNumber counts days since 1 January 1 (proleptic Gregorian).
func dayNumber(d model.Date) int {
	return int(time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC).Unix() / 86400)
}
