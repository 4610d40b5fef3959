package stats

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

// randomTable draws an additive table of people counts with many small
// cells, and its totals.
func randomTable(r *rand.Rand) (cells [][]int, rowT, colT []int, grand int) {
	rows, cols := 1+r.IntN(6), 1+r.IntN(5)
	cells = make([][]int, rows)
	rowT, colT = make([]int, rows), make([]int, cols)
	for i := range cells {
		cells[i] = make([]int, cols)
		for j := range cells[i] {
			switch x := r.Float64(); {
			case x < 0.35:
				cells[i][j] = 1 + r.IntN(4)
			case x < 0.5:
				cells[i][j] = 0
			default:
				cells[i][j] = 5 + r.IntN(40)
			}
			rowT[i] += cells[i][j]
			colT[j] += cells[i][j]
			grand += cells[i][j]
		}
	}
	return
}

// derivable is an independent check of what determined computes, from
// graph theory instead of linear algebra. With row totals, every entry of
// the grid lies in exactly two lines, its row and its column: take the
// lines as vertices and the suppressed entries as edges. The line
// equations then pin an unknown exactly when its edge is a bridge (no
// other path of suppressed entries joins its row and its column: summing
// the equations on one side of a bridge leaves that unknown alone). A
// one-column table has one line: an unknown is pinned when it is alone.
func derivable(g *grid, e pos) bool {
	rows, cols := len(g.v)-1, len(g.v[0])-1
	if cols == 1 {
		n := 0
		for r := 0; r <= rows; r++ {
			if g.s[r][0] {
				n++
			}
		}
		return n == 1
	}
	// BFS from row-vertex e.r to column-vertex e.c without edge e.
	type vertex struct {
		col bool
		i   int
	}
	start, goal := vertex{false, e.r}, vertex{true, e.c}
	seen := map[vertex]bool{start: true}
	queue := []vertex{start}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		if v == goal {
			return false
		}
		var next []vertex
		if v.col {
			for r := 0; r <= rows; r++ {
				if g.s[r][v.i] && (pos{r, v.i} != e) {
					next = append(next, vertex{false, r})
				}
			}
		} else {
			for c := 0; c <= cols; c++ {
				if g.s[v.i][c] && (pos{v.i, c} != e) {
					next = append(next, vertex{true, c})
				}
			}
		}
		for _, w := range next {
			if !seen[w] {
				seen[w] = true
				queue = append(queue, w)
			}
		}
	}
	return true
}

func suppressedEntries(g *grid) []pos {
	var out []pos
	for r := range g.s {
		for c := range g.s[r] {
			if g.s[r][c] {
				out = append(out, pos{r, c})
			}
		}
	}
	return out
}

// TestDeterminedMatchesGraphCriterion checks the linear algebra against
// the bridge criterion on random suppression patterns.
func TestDeterminedMatchesGraphCriterion(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n < 2000; n++ {
		cells, rowT, colT, grand := randomTable(r)
		g := newGrid(cells, rowT, colT, grand)
		cols := len(colT)
		for i := range g.s {
			for j := range g.s[i] {
				if cols == 1 && j == 1 {
					continue // no such entry
				}
				g.s[i][j] = r.Float64() < 0.3
			}
		}
		det := g.determined()
		for _, e := range suppressedEntries(g) {
			if got, want := slices.Contains(det, e), derivable(g, e); got != want {
				t.Fatalf("table %v: entry %v determined=%v, graph says %v (suppressed %v)", g.v, e, got, want, g.s)
			}
		}
	}
}

// TestProtectProperty is the property issue 7 asks for, on random tables
// drawn from a seeded generator: no published entry (cell or total) counts
// 1 to 4 people; no row or column (totals included) holds exactly one
// suppressed entry; and no suppressed entry can be worked out from the
// published ones by any combination of the totals' equations.
func TestProtectProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	for n := 0; n < 3000; n++ {
		cells, rowT, colT, grand := randomTable(r)
		g := newGrid(cells, rowT, colT, grand)
		g.protect()
		name := fmt.Sprintf("table %d %v", n, g.v)
		for i := range g.v {
			for j := range g.v[i] {
				if v := g.v[i][j]; !g.s[i][j] && v >= 1 && v < Threshold {
					t.Fatalf("%s: entry (%d,%d) = %d published", name, i, j, v)
				}
			}
		}
		for _, line := range g.lines {
			k := 0
			for _, p := range line {
				if g.s[p.r][p.c] {
					k++
				}
			}
			if k == 1 {
				t.Fatalf("%s: line %v has exactly one suppressed entry (%v)", name, line, g.s)
			}
		}
		for _, e := range suppressedEntries(g) {
			if derivable(g, e) {
				t.Fatalf("%s: suppressed entry %v can be derived (%v)", name, e, g.s)
			}
		}
	}
}

// TestProtectChain: a case the line rule alone misses. Two 2×2 blocks of
// small cells protect themselves, and a fifth small cell joins row 1 of
// the first to column 2 of the second: every row and column then holds at
// least two suppressed entries, yet adding rows 0 and 1 and subtracting
// columns 0 and 1 leaves that cell alone, known.
func TestProtectChain(t *testing.T) {
	cells := [][]int{
		{3, 2, 50, 50},
		{2, 3, 4, 50},
		{50, 50, 3, 2},
		{50, 50, 2, 3},
	}
	rowT, colT, grand := make([]int, 4), make([]int, 4), 0
	for i, row := range cells {
		for j, v := range row {
			rowT[i] += v
			colT[j] += v
			grand += v
		}
	}
	g := newGrid(cells, rowT, colT, grand)
	for i, row := range cells {
		for j, v := range row {
			g.s[i][j] = v < Threshold
		}
	}
	if g.fixLines() {
		t.Fatal("the line rule should find nothing to do here")
	}
	if det := g.determined(); !slices.Equal(det, []pos{{1, 2}}) {
		t.Fatalf("determined %v, want the bridging cell (1,2)", det)
	}
	g.protect()
	for _, e := range suppressedEntries(g) {
		if derivable(g, e) {
			t.Fatalf("entry %v derivable: %v", e, g.s)
		}
	}
	if got := len(suppressedEntries(g)); got <= 9 {
		t.Fatalf("suppressed %d entries, want a complement beyond the 9 small cells", got)
	}
}

func TestProtectOneColumn(t *testing.T) {
	// 3 is primary; its only complement in the column is the smallest
	// non-zero other cell, 6 (not the zero).
	g := newGrid([][]int{{3}, {0}, {6}, {40}}, nil, []int{49}, 49)
	g.protect()
	want := []pos{{0, 0}, {2, 0}}
	if got := suppressedEntries(g); !slices.Equal(got, want) {
		t.Fatalf("suppressed %v, want %v", got, want)
	}
}
