package store

import (
	"errors"
	"testing"

	"casefile/fakeclinic"
	"casefile/model"
)

func TestEachCaseForStats(t *testing.T) {
	v := newVault(t)
	g := fakeclinic.New(3)
	today := model.Date{Year: 2026, Month: 3, Day: 2}
	var batch []NewCase
	for i := 0; i < 12; i++ {
		f := g.CaseFile(today)
		var evs []model.Event
		for j := 0; j < i%3; j++ {
			evs = append(evs, model.Event{Kind: model.EventApplicationComplete, Date: model.Date{Year: 2025, Month: 1, Day: 1 + j}})
		}
		batch = append(batch, NewCase{File: f, Events: evs})
	}
	if err := v.CreateCases(batch); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	var lastID string
	err := v.EachCaseForStats(func(c *model.Case, evs []model.Event) error {
		if c.ID <= lastID {
			t.Errorf("cases out of key order: %s after %s", c.ID, lastID)
		}
		lastID = c.ID
		if c.PersonID == "" || c.Procedure == "" {
			t.Errorf("case %s read without its fields: %+v", c.ID, c)
		}
		for _, e := range evs {
			if e.CaseID != c.ID || e.Kind != model.EventApplicationComplete {
				t.Errorf("event %+v given with case %s", e, c.ID)
			}
		}
		seen[c.ID] = len(evs)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 12 {
		t.Fatalf("saw %d cases, want 12", len(seen))
	}
	for _, nc := range batch {
		want := len(nc.Events)
		if got, ok := seen[nc.File.ID]; !ok || got != want {
			t.Errorf("case %s: %d events, want %d", nc.File.Ref, got, want)
		}
	}
	stop := errors.New("stop")
	n := 0
	if err := v.EachCaseForStats(func(*model.Case, []model.Event) error { n++; return stop }); err != stop || n != 1 {
		t.Fatalf("an error from fn should stop the scan: %v after %d", err, n)
	}
}

// The figures never get a case's reference, numbers or texts.
func TestEachCaseForStatsReadsNoText(t *testing.T) {
	v := newVault(t)
	f := model.CaseFile{Case: model.Case{Procedure: model.ProcRenewal, ANEFNumber: "ANEF-12345678901",
		Outcome: "Titre accordé à M. Dupont", Prefecture: "Lyon", Lawyer: "Me Claire Fontaine",
		Malfunctions: []model.Malfunction{{ID: "m1", Category: model.MalfAccess, Date: model.Date{Year: 2025, Month: 2, Day: 1}, Text: "M. Dupont n'a pas pu se connecter"}}},
		Person: model.Person{FamilyName: "Dupont"}}
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	err := v.EachCaseForStats(func(c *model.Case, _ []model.Event) error {
		if c.Ref != "" || c.ANEFNumber != "" || c.Outcome != "" || c.Lawyer != "" || c.Malfunctions[0].Text != "" || c.Malfunctions[0].ID != "" {
			t.Errorf("read more than the figures need: %+v", c)
		}
		if c.PersonID != f.PersonID || c.Prefecture != "Lyon" || c.Malfunctions[0].Category != model.MalfAccess || c.Opened != f.Opened {
			t.Errorf("fields missing: %+v", c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
