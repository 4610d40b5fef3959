package stats

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"casefile/fakeclinic"
	"casefile/model"
)

func d(y, m, day int) model.Date { return model.Date{Year: y, Month: timeMonth(m), Day: day} }

func TestFromCaseDatesAndOutcome(t *testing.T) {
	c := &model.Case{PersonID: "p1", Procedure: model.ProcRenewal, Prefecture: "  Seine-Saint-Denis   (Bobigny) ",
		Status: model.StatusClosed, Opened: d(2025, 1, 10), ANEFNumber: "ANEF-12345678901", Ref: "2025-REN-0001",
		Malfunctions: []model.Malfunction{{Category: model.MalfNoAttestation, Date: d(2025, 3, 1), Text: "Mme X, API non délivrée"}}}
	evs := []model.Event{
		{Kind: model.EventPermitIssued, Date: d(2021, 5, 1), Expiry: d(2025, 5, 1)}, // the old card: before filing
		{Kind: model.EventApplicationComplete, Date: d(2025, 2, 1)},
		{Kind: model.EventAPIIssued, Date: d(2025, 2, 20), Expiry: d(2025, 5, 20)},
		{Kind: model.EventRecepisseIssued, Date: d(2025, 2, 10), Expiry: d(2025, 5, 10)},
		{Kind: model.EventPermitIssued, Date: d(2025, 6, 30), Expiry: d(2029, 6, 30)},
	}
	r := FromCase(c, evs)
	if r.Filed != d(2025, 2, 1) || r.Attested != d(2025, 2, 10) || r.Decided != d(2025, 6, 30) {
		t.Fatalf("dates: filed %v attested %v decided %v", r.Filed, r.Attested, r.Decided)
	}
	if r.Outcome != OutcomeGranted {
		t.Fatalf("outcome %q, want granted", r.Outcome)
	}
	if r.Prefecture != "Seine-Saint-Denis (Bobigny)" {
		t.Fatalf("prefecture %q not normalised", r.Prefecture)
	}
	if len(r.Malfunctions) != 1 || r.Malfunctions[0] != (Malfunction{model.MalfNoAttestation, d(2025, 3, 1)}) {
		t.Fatalf("malfunctions %+v", r.Malfunctions)
	}

	// A removal order that opens a case is no refusal; a refusal after a
	// filing is; the ANEF state wins over events.
	ro := FromCase(&model.Case{Procedure: model.ProcRemovalOrder, Status: model.StatusOpen},
		[]model.Event{{Kind: model.EventDecisionNotified, Date: d(2025, 1, 1), Decision: model.DecisionRemovalOrder}})
	if ro.Outcome != OutcomePending || !ro.Decided.IsZero() {
		t.Fatalf("removal order case: %+v", ro)
	}
	ref := FromCase(&model.Case{Procedure: model.ProcFirstPermit, Status: model.StatusClosed}, []model.Event{
		{Kind: model.EventApplicationComplete, Date: d(2025, 1, 1)},
		{Kind: model.EventDecisionNotified, Date: d(2025, 4, 1), Decision: model.DecisionRefusal}})
	if ref.Outcome != OutcomeRefused || ref.Decided != d(2025, 4, 1) {
		t.Fatalf("refusal case: %+v", ref)
	}
	if o := FromCase(&model.Case{Status: model.StatusClosed, ANEFState: model.ANEFClosed}, nil).Outcome; o != OutcomeNoAction {
		t.Fatalf("classement sans suite: %q", o)
	}
	if o := FromCase(&model.Case{Status: model.StatusClosed}, nil).Outcome; o != OutcomeOther {
		t.Fatalf("closed without structured outcome: %q", o)
	}
}

// rec makes a record of one person with malfunctions of the given
// categories in March 2025.
func rec(person string, proc model.Procedure, pref string, cats ...model.MalfunctionCategory) Record {
	r := Record{person: person, Procedure: proc, Prefecture: pref, Opened: d(2025, 1, 6), Outcome: OutcomePending}
	for i, c := range cats {
		r.Malfunctions = append(r.Malfunctions, Malfunction{c, d(2025, 3, 1+i)})
	}
	return r
}

func TestCountsPeopleNotCases(t *testing.T) {
	var recs []Record
	// 6 people met "no appointment", one of them on three cases.
	for i := 0; i < 6; i++ {
		recs = append(recs, rec(fmt.Sprint("p", i), model.ProcFirstPermit, "Lyon", model.MalfNoAppointment))
	}
	recs = append(recs, rec("p0", model.ProcFirstPermit, "Lyon", model.MalfNoAppointment),
		rec("p0", model.ProcRenewal, "Lyon", model.MalfNoAppointment, model.MalfNoAppointment))
	rep := Compute(recs, Filter{})
	tab := rep.Tables[0]
	i := indexOf(tab.Rows, string(model.MalfNoAppointment))
	if got := tab.Cells[i][0]; got != (Cell{N: 6}) {
		t.Fatalf("no_appointment: %+v, want 6 people", got)
	}
	if tab.Total != (Cell{N: 6}) {
		t.Fatalf("total %+v, want 6 people", tab.Total)
	}
}

func TestSmallCellsSuppressedWithComplement(t *testing.T) {
	var recs []Record
	n := 0
	add := func(k int, cat model.MalfunctionCategory) {
		for i := 0; i < k; i++ {
			recs = append(recs, rec(fmt.Sprint("p", n), model.ProcRenewal, "Lyon", cat))
			n++
		}
	}
	add(3, model.MalfAccess)    // primary
	add(7, model.MalfFilingBug) // the smallest non-zero: its complement
	add(20, model.MalfNoProgress)
	rep := Compute(recs, Filter{})
	tab := rep.Tables[0]
	get := func(c model.MalfunctionCategory) Cell { return tab.Cells[indexOf(tab.Rows, string(c))][0] }
	if !get(model.MalfAccess).Suppressed || !get(model.MalfFilingBug).Suppressed {
		t.Fatalf("want access (3) and filing_bug (7, complement) suppressed: %+v %+v", get(model.MalfAccess), get(model.MalfFilingBug))
	}
	if get(model.MalfNoProgress) != (Cell{N: 20}) || get(model.MalfClosed) != (Cell{N: 0}) || tab.Total != (Cell{N: 30}) {
		t.Fatalf("published cells wrong: %+v", tab)
	}
	// A suppressed cell holds no count.
	if get(model.MalfAccess).N != 0 || get(model.MalfFilingBug).N != 0 {
		t.Fatal("a suppressed cell kept its count")
	}
	b, _ := json.Marshal(tab)
	if !strings.Contains(string(b), `[null]`) {
		t.Fatalf("suppressed cells should be null in JSON: %s", b)
	}
}

func TestFilterByPeriodAndProcedure(t *testing.T) {
	var recs []Record
	for i := 0; i < 10; i++ {
		r := rec(fmt.Sprint("p", i), model.ProcRenewal, "Lyon", model.MalfAccess)
		if i >= 5 {
			r.Procedure = model.ProcFirstPermit
			r.Malfunctions[0].Date = d(2025, 5, 2)
		}
		recs = append(recs, r)
	}
	rep := Compute(recs, Filter{From: d(2025, 3, 1), To: d(2025, 3, 31)})
	if got := rep.Tables[0].Total; got != (Cell{N: 5}) {
		t.Fatalf("March only: %+v, want 5", got)
	}
	months := rep.Tables[2]
	if len(months.Rows) != 1 || months.Rows[0] != "2025-03" {
		t.Fatalf("months %v", months.Rows)
	}
	rep = Compute(recs, Filter{Procedure: model.ProcFirstPermit})
	if got := rep.Tables[0].Total; got != (Cell{N: 5}) {
		t.Fatalf("first permits only: %+v, want 5", got)
	}
	if months := rep.Tables[2].Rows; len(months) != 1 || months[0] != "2025-05" {
		t.Fatalf("months %v", months)
	}
	if out := rep.Tables[3]; len(out.Rows) != 1 || out.Rows[0] != string(model.ProcFirstPermit) {
		t.Fatalf("outcome rows %v", out.Rows)
	}
}

func TestRarePrefecturesGrouped(t *testing.T) {
	var recs []Record
	for i := 0; i < 8; i++ {
		recs = append(recs, rec(fmt.Sprint("a", i), model.ProcRenewal, "Lyon", model.MalfAccess))
	}
	recs = append(recs, rec("b", model.ProcRenewal, "Prefecture of M. Dupont's village", model.MalfAccess))
	for i := 0; i < 6; i++ {
		recs = append(recs, rec(fmt.Sprint("c", i), model.ProcRenewal, "", model.MalfAccess))
	}
	tab := Compute(recs, Filter{}).Tables[1]
	want := []string{"Lyon", KeyOtherPrefectures, KeyNoPrefecture}
	if strings.Join(tab.Rows, "|") != strings.Join(want, "|") {
		t.Fatalf("rows %q, want %q", tab.Rows, want)
	}
}

func TestDelays(t *testing.T) {
	var recs []Record
	for i := 0; i < 9; i++ {
		r := Record{person: fmt.Sprint("p", i), Procedure: model.ProcRenewal, Filed: d(2025, 1, 1),
			Attested: d(2025, 1, 1+i*10)} // 0, 10, ..., 80 days
		recs = append(recs, r)
	}
	// Two people of another procedure: too few, suppressed with a complement.
	recs = append(recs, Record{person: "x1", Procedure: model.ProcFirstPermit, Filed: d(2025, 1, 1), Attested: d(2025, 1, 2)},
		Record{person: "x2", Procedure: model.ProcFirstPermit, Filed: d(2025, 1, 1), Attested: d(2025, 1, 3)})
	rep := Compute(recs, Filter{})
	dl := rep.Delays[0]
	row := func(k string) DelayRow {
		for _, r := range dl.Rows {
			if r.Key == k {
				return r
			}
		}
		t.Fatalf("no row %s", k)
		return DelayRow{}
	}
	ren := row(string(model.ProcRenewal))
	fp := row(string(model.ProcFirstPermit))
	if !fp.People.Suppressed || fp.Median != nil {
		t.Fatalf("first permit (2 people) published: %+v", fp)
	}
	// Its complement is the smallest other non-zero count: the renewals
	// (9), since the total (11) would otherwise give it away.
	if !ren.People.Suppressed || ren.Median != nil {
		t.Fatalf("renewals should be the complement: %+v", ren)
	}
	all := row(KeyAll)
	if all.People != (Cell{N: 11}) || *all.Median != 30 || *all.Q1 != 6 || *all.Q3 != 55 {
		t.Fatalf("all: %+v q1 %v median %v q3 %v", all.People, *all.Q1, *all.Median, *all.Q3)
	}
	if dec := rep.Delays[1]; row(KeyAll).People.N == 0 || dec.Rows[len(dec.Rows)-1].People != (Cell{N: 0}) {
		t.Fatalf("no decisions recorded: %+v", dec.Rows[len(dec.Rows)-1])
	}
}

// TestGeneratedClinic: on a fictional clinic, no published count is 1 to
// 4, and no name, number or birth date reaches the JSON output.
func TestGeneratedClinic(t *testing.T) {
	g := fakeclinic.New(11)
	today := d(2026, 6, 15)
	var recs []Record
	var secrets []string
	for i := 0; i < 600; i++ {
		f := g.CaseFile(today)
		f.PersonID = fmt.Sprintf("person-%04d", i%450) // some people have two cases
		f.Ref = fmt.Sprintf("2026-REF-%04d", i)
		recs = append(recs, FromCase(&f.Case, nil))
		if len([]rune(f.Person.FamilyName)) >= 4 { // "Ba" is in "Bas-Rhin"
			secrets = append(secrets, f.Person.FamilyName)
		}
		secrets = append(secrets, f.PersonID, f.Ref)
		if f.ANEFNumber != "" {
			secrets = append(secrets, f.ANEFNumber)
		}
		if f.Person.AGDREF != "" {
			secrets = append(secrets, f.Person.AGDREF)
		}
		secrets = append(secrets, f.Person.BirthDate.String())
		for _, m := range f.Malfunctions {
			secrets = append(secrets, m.Text)
		}
	}
	for _, flt := range []Filter{{}, {Procedure: model.ProcRenewal}, {Procedure: model.ProcIllForeigner}, {From: d(2025, 1, 1), To: d(2025, 6, 30)}, {From: d(2026, 5, 1), To: d(2026, 5, 31)}} {
		rep := Compute(recs, flt)
		published := 0
		for _, tab := range rep.Tables {
			check := func(c Cell) {
				if !c.Suppressed && c.N >= 1 && c.N < Threshold {
					t.Fatalf("%s: published %d", tab.ID, c.N)
				}
				if !c.Suppressed && c.N > 0 {
					published++
				}
			}
			for _, row := range tab.Cells {
				for _, c := range row {
					check(c)
				}
			}
			for _, c := range append(append(tab.RowTotals, tab.ColTotals...), tab.Total) {
				check(c)
			}
		}
		for _, tab := range rep.Tables {
			if bad := loneSuppressed(tab); bad != "" {
				t.Fatalf("filter %+v: %s: %s holds exactly one suppressed count", flt, tab.ID, bad)
			}
		}
		if published == 0 {
			t.Fatalf("filter %+v: nothing published", flt)
		}
		b, err := json.Marshal(rep)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if strings.Contains(string(b), s) {
				t.Fatalf("output holds %q", s)
			}
		}
	}
}

func indexOf(list []string, s string) int {
	for i, x := range list {
		if x == s {
			return i
		}
	}
	return -1
}

func timeMonth(m int) time.Month { return time.Month(m) }

// loneSuppressed names a row or column of a published table (totals
// included) with exactly one suppressed count, or returns "".
func loneSuppressed(t Table) string {
	count := func(cells ...Cell) int {
		n := 0
		for _, c := range cells {
			if c.Suppressed {
				n++
			}
		}
		return n
	}
	for c := range t.Cols {
		col := []Cell{t.ColTotals[c]}
		for r := range t.Rows {
			col = append(col, t.Cells[r][c])
		}
		if count(col...) == 1 {
			return "column " + t.Cols[c]
		}
	}
	if len(t.Cols) > 1 {
		for r := range t.Rows {
			if count(append(append([]Cell{}, t.Cells[r]...), t.RowTotals[r])...) == 1 {
				return "row " + t.Rows[r]
			}
		}
		if count(append(append([]Cell{}, t.ColTotals...), t.Total)...) == 1 {
			return "the totals row"
		}
		tot := []Cell{t.Total}
		tot = append(tot, t.RowTotals...)
		if count(tot...) == 1 {
			return "the totals column"
		}
	}
	return ""
}
