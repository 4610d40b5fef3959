package store

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"casefile/model"
)

// A form opened before a colleague's change saves only what the user
// changed: a field changed underneath that the user did not touch keeps
// the colleague's value (the lost update this replaces), and the
// concurrent writer may be another device (sync) or this one (another
// screen).
func TestSaveCaseChangesKeepsWhatChangedUnderneath(t *testing.T) {
	for _, via := range []string{"sync", "another screen"} {
		t.Run(via, func(t *testing.T) {
			a := newVault(t)
			files := fillClinic(t, a, 1, 3)
			ref := files[0].Ref
			form, base, err := a.CaseForEdit(ref) // the form opens
			if err != nil {
				t.Fatal(err)
			}
			concurrent(t, a, via, ref, map[string]string{"prefecture": "Isère (Grenoble)", "person.phone": "0611223344"})

			form.Lawyer = "Me Lise Martin" // the user changes the lawyer only
			form.Person.BirthPlace = "Tunis"
			edits, err := CaseEdits(form, []string{"lawyer", "person.birth_place"})
			if err != nil {
				t.Fatal(err)
			}
			saved, res, err := a.SaveCaseChanges(form.ID, edits, base)
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Collisions) != 0 {
				t.Fatalf("collisions %v on fields nobody else changed", res.Collisions)
			}
			got, _ := a.Case(ref)
			if got.Prefecture != "Isère (Grenoble)" || got.Person.Phone != "0611223344" {
				t.Fatalf("the concurrent change was undone: prefecture %q, phone %q", got.Prefecture, got.Person.Phone)
			}
			if got.Lawyer != "Me Lise Martin" || got.Person.BirthPlace != "Tunis" || saved.Lawyer != got.Lawyer {
				t.Fatalf("the user's edits were not saved: %+v", got)
			}
			if col, _ := a.Collisions(ref); len(col) != 0 {
				t.Fatalf("collisions listed: %+v", col)
			}
			mustCheck(t, a)
		})
	}
}

// The same field changed underneath and by the user, to different values:
// the user's value is in the record (it is later), the other is kept as a
// collision in the vault's queue, as sync keeps concurrent edits; the
// lawyer can take it back. Changed to the same value, nothing collides.
func TestSaveCaseChangesSameFieldCollides(t *testing.T) {
	for _, via := range []string{"sync", "another screen"} {
		t.Run(via, func(t *testing.T) {
			a := newVault(t)
			files := fillClinic(t, a, 1, 4)
			ref := files[0].Ref
			form, base, err := a.CaseForEdit(ref)
			if err != nil {
				t.Fatal(err)
			}
			concurrent(t, a, via, ref, map[string]string{"prefecture": "Isère (Grenoble)", "lawyer": "Me Paul Henry"})

			form.Prefecture = "Rhône (Lyon)"
			form.Lawyer = "Me Paul Henry" // the colleague did the same
			edits, _ := CaseEdits(form, []string{"prefecture", "lawyer"})
			_, res, err := a.SaveCaseChanges(form.ID, edits, base)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(res.Collisions, []string{"prefecture"}) {
				t.Fatalf("collisions = %v, want [prefecture]", res.Collisions)
			}
			got, _ := a.Case(ref)
			if got.Prefecture != "Rhône (Lyon)" || got.Lawyer != "Me Paul Henry" {
				t.Fatalf("record after save: %q %q", got.Prefecture, got.Lawyer)
			}
			col, err := a.Collisions(ref)
			if err != nil || len(col) != 1 || col[0].Field != "prefecture" || string(col[0].Lost) != `"Isère (Grenoble)"` ||
				string(col[0].Value) != `"Rhône (Lyon)"` {
				t.Fatalf("collisions = %+v, %v", col, err)
			}
			queue, err := a.AllCollisions()
			if err != nil || len(queue) != 1 || queue[0].CaseRef != ref {
				t.Fatalf("queue = %+v, %v", queue, err)
			}
			mustCheck(t, a)
			if err := a.ResolveCollision(col[0].Kind, col[0].ID, col[0].Field, col[0].Lost); err != nil {
				t.Fatal(err)
			}
			if got, _ := a.Case(ref); got.Prefecture != "Isère (Grenoble)" {
				t.Fatalf("taking the other value gave %q", got.Prefecture)
			}
			if q, _ := a.AllCollisions(); len(q) != 0 {
				t.Fatalf("still queued after resolving: %+v", q)
			}
			mustCheck(t, a)
		})
	}
}

// concurrent changes a case's fields as a colleague would while a form is
// open: through sync (a second vault's change applied here) or through
// this vault (another screen, the CLI).
func concurrent(t *testing.T, a *Vault, via, ref string, set map[string]string) {
	t.Helper()
	if via != "sync" {
		if _, err := a.SetCaseFields(ref, set); err != nil {
			t.Fatal(err)
		}
		return
	}
	b := newVault(t)
	apply(t, b, drain(t, a))
	if _, err := b.SetCaseFields(ref, set); err != nil {
		t.Fatal(err)
	}
	if res := apply(t, a, drain(t, b)); res.Applied == 0 {
		t.Fatal("the colleague's change did not arrive")
	}
}

// A case form's edits are refused on the fields links own, and a field
// the record does not have.
func TestSaveCaseChangesRefusesLinks(t *testing.T) {
	a := newVault(t)
	files := fillClinic(t, a, 1, 5)
	_, base, err := a.CaseForEdit(files[0].Ref)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{"ref", "person_id", "related", "person.merged_into", "no_such_field", "person.id"} {
		_, _, err := a.SaveCaseChanges(files[0].ID, []FieldEdit{{Field: field, Value: json.RawMessage(`"x"`)}}, base)
		if err == nil {
			t.Fatalf("edit of %s accepted", field)
		}
	}
	mustCheck(t, a)
}

// An event correction form and an evidence correction form save only what
// they changed, against the versions they loaded.
func TestSaveEventAndEvidenceChanges(t *testing.T) {
	a := newVault(t)
	files := fillClinic(t, a, 1, 6)
	f := files[0]
	e := model.Event{CaseID: f.ID, Kind: model.EventDecisionNotified, Decision: model.DecisionRemovalOrder,
		Situation: model.SituationFree, Date: model.DateOf(time.Now()).AddDays(-2), Decided: model.DateOf(time.Now()).AddDays(-3)}
	if err := a.AddEvent(&e); err != nil {
		t.Fatal(err)
	}
	form, base, err := a.EventForEdit(e.ID)
	if err != nil {
		t.Fatal(err)
	}
	other := *form
	other.Note = "Notifiée en main propre"
	if err := a.UpdateEvent(&other); err != nil { // another screen, meanwhile
		t.Fatal(err)
	}
	form.Court = "TA de Lyon"
	edits, _ := EditsOf(*form, []string{"court"})
	saved, res, err := a.SaveEventChanges(e.ID, edits, base)
	if err != nil || len(res.Collisions) != 0 {
		t.Fatalf("save: %v %+v", err, res)
	}
	got, _ := a.Event(e.ID)
	if got.Note != "Notifiée en main propre" || got.Court != "TA de Lyon" || saved.Court != "TA de Lyon" {
		t.Fatalf("event after save: %+v", got)
	}
	form.Note = "Remise au guichet"
	edits, _ = EditsOf(*form, []string{"note"})
	if _, res, err = a.SaveEventChanges(e.ID, edits, base); err != nil || !slices.Equal(res.Collisions, []string{"note"}) {
		t.Fatalf("same field: %v %+v", err, res)
	}

	ev := model.Evidence{CaseID: f.ID, At: time.Now().Add(-time.Hour).Truncate(time.Minute), Channel: model.EvidenceAppointment,
		Category: model.MalfNoAppointment, What: "Aucun créneau"}
	if err := a.AddEvidence(&ev, nil); err != nil {
		t.Fatal(err)
	}
	eform, ebase, err := a.EvidenceForEdit(ev.ID)
	if err != nil {
		t.Fatal(err)
	}
	cur := *eform
	cur.What = "Aucun créneau, capture jointe"
	if err := a.UpdateEvidence(&cur, nil); err != nil {
		t.Fatal(err)
	}
	eform.At = eform.At.Add(-time.Hour)
	edits, _ = EditsOf(*eform, []string{"at"})
	if _, res, err = a.SaveEvidenceChanges(ev.ID, edits, ebase, nil); err != nil || len(res.Collisions) != 0 {
		t.Fatalf("evidence save: %v %+v", err, res)
	}
	gotEv, _ := a.EvidenceEntry(ev.ID)
	if gotEv.What != "Aucun créneau, capture jointe" || !gotEv.At.Equal(eform.At) {
		t.Fatalf("evidence after save: %+v", gotEv)
	}
	if _, _, err := a.SaveEvidenceChanges(ev.ID, []FieldEdit{{Field: "withdrawn", Value: json.RawMessage("true")}}, ebase, nil); err == nil {
		t.Fatal("a correction form withdrew the entry")
	}
	mustCheck(t, a)
}
