package store

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"casefile/fakeclinic"
	"casefile/model"
)

// fillClinic adds n fictional cases with relatives, notes and a removal
// order each (hence events and deadlines) to v.
func fillClinic(t testing.TB, v *Vault, n int, seed int64) []model.CaseFile {
	t.Helper()
	g := fakeclinic.New(seed)
	today := model.DateOf(time.Now())
	cases := make([]NewCase, n)
	for i := range cases {
		h := g.Household(today)
		cases[i] = NewCase{File: h.File, Notes: g.Notes(h.File, 2, today)}
		for _, r := range h.Relatives {
			cases[i].Relatives = append(cases[i].Relatives, Relative{Person: r.Person, Role: r.Role})
		}
	}
	if err := v.CreateCases(cases); err != nil {
		t.Fatal(err)
	}
	var events []model.Event
	out := make([]model.CaseFile, n)
	for i, nc := range cases {
		out[i] = nc.File
		events = append(events, oqtf(nc.File.ID, model.DateOf(time.Now().AddDate(0, 0, -3)).String(), model.SituationFree))
	}
	if err := v.AddEvents(events); err != nil {
		t.Fatal(err)
	}
	return out
}

func refsOf(files []model.CaseFile) []string {
	refs := make([]string, len(files))
	for i, f := range files {
		refs[i] = f.Ref
	}
	return refs
}

// snapshot is everything ExportCases sees of the cases, for comparison.
func snapshot(t testing.TB, v *Vault, refs []string) string {
	t.Helper()
	ex, err := v.ExportCases(refs)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(ex)
	return string(b)
}

func TestExportImportRoundTrip(t *testing.T) {
	a, b := newVault(t), newVault(t)
	files := fillClinic(t, a, 5, 1)
	refs := refsOf(files)
	ex, err := a.ExportCases(refs)
	if err != nil {
		t.Fatal(err)
	}
	for i := range ex {
		if err := CheckExport(&ex[i]); err != nil {
			t.Fatal(err)
		}
	}
	pre, err := b.PreviewImport(ex)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pre {
		if !p.New || p.Name == "" || p.UpToDate() {
			t.Fatalf("preview of a new case: %+v", p)
		}
	}
	res, err := b.ImportCases(ex)
	if err != nil {
		t.Fatal(err)
	}
	if res.NewCases != 5 {
		t.Fatalf("result %+v", res)
	}
	mustCheck(t, b)
	if snapshot(t, a, refs) != snapshot(t, b, refs) {
		t.Fatal("imported cases differ from the exported ones")
	}
	due, err := b.DueBetween(model.Date{}, model.Date{Year: 9999, Month: 12, Day: 31})
	if err != nil || len(due) == 0 {
		t.Fatalf("imported deadlines are not in the review: %v %v", due, err)
	}
	// Importing the same cases again writes nothing.
	res, err = b.ImportCases(ex)
	if err != nil || res.Unchanged != 5 {
		t.Fatalf("re-import: %+v %v", res, err)
	}
	pre, _ = b.PreviewImport(ex)
	for _, p := range pre {
		if !p.UpToDate() {
			t.Fatalf("re-import preview: %+v", p)
		}
	}
}

func TestImportKeepsNewerLocalEdits(t *testing.T) {
	a, b := newVault(t), newVault(t)
	files := fillClinic(t, a, 2, 2)
	refs := refsOf(files)
	ex, _ := a.ExportCases(refs)
	if _, err := b.ImportCases(ex); err != nil {
		t.Fatal(err)
	}
	// The colleague edits one field, then we edit another and the same one later.
	if _, err := a.SetCaseFields(refs[0], map[string]string{"prefecture": "Rhône (Lyon)", "anef_number": "A1"}); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2 * time.Millisecond)
	if _, err := b.SetCaseFields(refs[0], map[string]string{"prefecture": "Isère (Grenoble)"}); err != nil {
		t.Fatal(err)
	}
	ex, _ = a.ExportCases(refs)
	pre, err := b.PreviewImport(ex)
	if err != nil {
		t.Fatal(err)
	}
	var taken, kept int
	for _, c := range pre[0].Changes {
		if c.Taken {
			taken++
		} else {
			kept++
		}
	}
	if taken != 1 || kept != 1 {
		t.Fatalf("preview changes: %+v", pre[0].Changes)
	}
	if _, err := b.ImportCases(ex); err != nil {
		t.Fatal(err)
	}
	got, _ := b.Case(refs[0])
	if got.Prefecture != "Isère (Grenoble)" || got.ANEFNumber != "A1" {
		t.Fatalf("merge: prefecture %q anef %q", got.Prefecture, got.ANEFNumber)
	}
	mustCheck(t, b)
	// Both changed the prefecture from the same version: b's later value
	// won, a's is kept as a collision to review, on both sides.
	col, err := b.Collisions(refs[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(col) != 1 || col[0].Field != "prefecture" || string(col[0].Lost) != `"Rhône (Lyon)"` || col[0].LostDevice != a.Device() {
		t.Fatalf("collisions: %+v", col)
	}
	// And back: a imports b's copy and both now agree.
	exb, _ := b.ExportCases(refs)
	if _, err := a.ImportCases(exb); err != nil {
		t.Fatal(err)
	}
	mustCheck(t, a)
	if snapshot(t, a, refs) != snapshot(t, b, refs) {
		t.Fatal("the two vaults do not agree after exchanging both ways")
	}
	if col, _ := a.Collisions(refs[0]); len(col) != 1 {
		t.Fatalf("collisions in a: %+v", col)
	}
}

func TestImportRefusesInconsistentCases(t *testing.T) {
	a, b := newVault(t), newVault(t)
	files := fillClinic(t, a, 1, 3)
	tests := []struct {
		name   string
		tamper func(ce *CaseExport)
	}{
		{"value without history", func(ce *CaseExport) {
			for i, r := range ce.Records {
				if r.Kind == KindCase {
					ce.Records[i].Data = json.RawMessage(string(r.Data[:len(r.Data)-1]) + `,"prefecture":"Nord (Lille)"}`)
				}
			}
		}},
		{"foreign record", func(ce *CaseExport) {
			ce.Records = append(ce.Records, ExportRecord{Kind: KindNote, ID: "0193a000-0000-7000-8000-000000000000",
				Data: json.RawMessage(`{"id":"0193a000-0000-7000-8000-000000000000","case_id":"0193a000-0000-7000-8000-000000000001","text":"x"}`)})
		}},
		{"unknown kind", func(ce *CaseExport) { ce.Records[0].Kind = "holiday-policy" }},
		{"invalid value, consistently logged", func(ce *CaseExport) {
			for i, r := range ce.Records {
				if r.Kind != KindCase {
					continue
				}
				var m map[string]json.RawMessage
				json.Unmarshal(r.Data, &m)
				m["status"] = json.RawMessage(`"maybe"`)
				ce.Records[i].Data, _ = json.Marshal(m)
				h := r.Ver["status"]
				for j, ch := range ce.History {
					for k, op := range ch.Ops {
						if ch.HLC == h && op.Entity == KindCase && op.Field == "status" {
							ce.History[j].Ops[k].Value = json.RawMessage(`"maybe"`)
						}
					}
				}
			}
		}},
		{"no case", func(ce *CaseExport) { ce.Records = ce.Records[:1] }},
		{"path in device", func(ce *CaseExport) { ce.History[0].Device = "../x" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex, _ := a.ExportCases(refsOf(files))
			tt.tamper(&ex[0])
			if _, err := b.ImportCases(ex); !errors.Is(err, ErrInconsistentCases) {
				t.Fatalf("got %v", err)
			}
			if l, _ := b.ListCases(); len(l) != 0 {
				t.Fatal("something was written")
			}
		})
	}
}
