package stats

import (
	"math"
	"slices"
)

// Threshold is the smallest number of people a published cell may count:
// a cell counting 1 to Threshold-1 people is suppressed. Zero is published.
const Threshold = 5

// pos is an entry of a grid: a cell, a row or column total, or the grand
// total.
type pos struct{ r, c int }

// grid is a table with its totals, for suppression: v[r][c] for r < rows
// and c < cols are the cells; column cols holds the row totals (when the
// table publishes them), row rows the column totals, v[rows][cols] the
// grand total. A line is a set of entries one published equation links:
// its first entries add up to its last, the total.
type grid struct {
	v     [][]int
	s     [][]bool // suppressed
	lines [][]pos
}

// newGrid lays out a table of rows × cols cells with its totals. A table
// of one column publishes no row totals (each would repeat its cell):
// its only line is the column.
func newGrid(cells [][]int, rowTotals, colTotals []int, grand int) *grid {
	rows := len(cells)
	cols := len(colTotals)
	g := &grid{v: make([][]int, rows+1), s: make([][]bool, rows+1)}
	for r := 0; r <= rows; r++ {
		g.v[r] = make([]int, cols+1)
		g.s[r] = make([]bool, cols+1)
		if r < rows {
			copy(g.v[r], cells[r])
			if cols > 1 {
				g.v[r][cols] = rowTotals[r]
			}
		}
	}
	copy(g.v[rows], colTotals)
	g.v[rows][cols] = grand
	for c := 0; c < cols; c++ {
		line := make([]pos, 0, rows+1)
		for r := 0; r <= rows; r++ {
			line = append(line, pos{r, c})
		}
		g.lines = append(g.lines, line)
	}
	if cols > 1 {
		for r := 0; r <= rows; r++ {
			line := make([]pos, 0, cols+1)
			for c := 0; c <= cols; c++ {
				line = append(line, pos{r, c})
			}
			g.lines = append(g.lines, line)
		}
		line := make([]pos, 0, rows+1)
		for r := 0; r <= rows; r++ {
			line = append(line, pos{r, cols})
		}
		g.lines = append(g.lines, line)
	} else {
		// The grand total is the column's total: no separate entry. Mark
		// the unused row-total column as published zeros in no line.
		g.v[rows][cols] = 0
	}
	return g
}

// published reports whether the entry is shown.
func (g *grid) published(p pos) bool { return !g.s[p.r][p.c] }

// protect suppresses every entry counting 1 to Threshold-1 people (primary
// suppression), then suppresses more (complementary suppression) until no
// suppressed entry can be worked out from the published ones through the
// lines' equations:
//
//  1. while a line holds exactly one suppressed entry, suppress a second
//     one in that line: the smallest non-zero published entry (a zero only
//     when the line has nothing else);
//  2. then, while linear algebra over all the lines still pins a
//     suppressed entry (for instance a chain of pairs across rows and
//     columns), suppress the smallest published entry sharing a line with
//     it that frees it, and go back to 1.
//
// It ends: each round suppresses one more entry, and with every entry
// suppressed none is determined.
func (g *grid) protect() {
	for r := range g.v {
		for c := range g.v[r] {
			if n := g.v[r][c]; n > 0 && n < Threshold {
				g.s[r][c] = true
			}
		}
	}
	for {
		if g.fixLines() {
			continue
		}
		det := g.determined()
		if len(det) == 0 {
			return
		}
		if !g.freeEntry(det[0]) {
			return // unreachable: see freeEntry
		}
	}
}

// fixLines applies rule 1 to the first line that needs it and reports
// whether it suppressed anything.
func (g *grid) fixLines() bool {
	for _, line := range g.lines {
		n := 0
		for _, p := range line {
			if !g.published(p) {
				n++
			}
		}
		if n != 1 {
			continue
		}
		cands := g.candidates(line)
		if len(cands) == 0 {
			continue // a line of one entry: nothing to subtract from
		}
		g.s[cands[0].r][cands[0].c] = true
		return true
	}
	return false
}

// candidates are the published entries of line, best complement first:
// non-zero before zero (a suppressed zero protects little when zeros are
// otherwise published), then smallest, then first in the table.
func (g *grid) candidates(line []pos) []pos {
	var out []pos
	for _, p := range line {
		if g.published(p) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b pos) int {
		va, vb := g.v[a.r][a.c], g.v[b.r][b.c]
		if (va == 0) != (vb == 0) {
			if va == 0 {
				return 1
			}
			return -1
		}
		return va - vb
	})
	return out
}

// freeEntry applies rule 2 to the determined entry e and reports whether
// it suppressed anything.
func (g *grid) freeEntry(e pos) bool {
	var cands []pos
	seen := map[pos]bool{}
	for _, line := range g.lines {
		if !slices.Contains(line, e) {
			continue
		}
		for _, p := range g.candidates(line) {
			if !seen[p] {
				seen[p] = true
				cands = append(cands, p)
			}
		}
	}
	if len(cands) == 0 {
		// Every entry sharing a line with e is suppressed, so e is in no
		// equation with a known value: it cannot be determined.
		return false
	}
	slices.SortStableFunc(cands, func(a, b pos) int {
		va, vb := g.v[a.r][a.c], g.v[b.r][b.c]
		if (va == 0) != (vb == 0) {
			if va == 0 {
				return 1
			}
			return -1
		}
		return va - vb
	})
	for _, p := range cands {
		g.s[p.r][p.c] = true
		if !slices.Contains(g.determined(), e) {
			return true
		}
		g.s[p.r][p.c] = false
	}
	g.s[cands[0].r][cands[0].c] = true // no single one frees e: progress anyway
	return true
}

// determined lists the suppressed entries whose value the lines'
// equations fix, given the published entries. Each line says: the sum of
// its entries but the last, minus the last, is zero. Over the suppressed
// entries (the unknowns) that is a linear system A·x = b; an unknown is
// fixed exactly when the unit vector of its column lies in A's row space,
// which reduced row echelon form shows: its column is a pivot and the
// pivot's row has no other non-zero entry on a free column.
func (g *grid) determined() []pos {
	var unknowns []pos
	col := map[pos]int{}
	for r := range g.s {
		for c := range g.s[r] {
			if g.s[r][c] {
				col[pos{r, c}] = len(unknowns)
				unknowns = append(unknowns, pos{r, c})
			}
		}
	}
	if len(unknowns) == 0 {
		return nil
	}
	var a [][]float64
	for _, line := range g.lines {
		row := make([]float64, len(unknowns))
		any := false
		for i, p := range line {
			if j, ok := col[p]; ok {
				row[j] = 1
				if i == len(line)-1 {
					row[j] = -1
				}
				any = true
			}
		}
		if any {
			a = append(a, row)
		}
	}
	const eps = 1e-9
	pivotOf := make([]int, len(unknowns)) // column -> row of its pivot, or -1
	for j := range pivotOf {
		pivotOf[j] = -1
	}
	r := 0
	for j := 0; j < len(unknowns) && r < len(a); j++ {
		best := r
		for i := r + 1; i < len(a); i++ {
			if math.Abs(a[i][j]) > math.Abs(a[best][j]) {
				best = i
			}
		}
		if math.Abs(a[best][j]) < eps {
			continue
		}
		a[r], a[best] = a[best], a[r]
		pv := a[r][j]
		for k := range a[r] {
			a[r][k] /= pv
		}
		for i := range a {
			if i != r && math.Abs(a[i][j]) > eps {
				f := a[i][j]
				for k := range a[i] {
					a[i][k] -= f * a[r][k]
				}
			}
		}
		pivotOf[j] = r
		r++
	}
	var out []pos
	for j, pr := range pivotOf {
		if pr < 0 {
			continue
		}
		alone := true
		for k := range unknowns {
			if pivotOf[k] < 0 && math.Abs(a[pr][k]) > eps {
				alone = false
				break
			}
		}
		if alone {
			out = append(out, unknowns[j])
		}
	}
	return out
}
