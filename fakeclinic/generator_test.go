package fakeclinic

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"casefile/model"
)

func mustDate(t testing.TB, s string) model.Date {
	t.Helper()
	d, err := model.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestSameSeedSameClinic(t *testing.T) {
	today := mustDate(t, "2026-03-16")
	draw := func(seed int64) ([]Household, [][]model.Note) {
		g := New(seed)
		var hs []Household
		var ns [][]model.Note
		for range 300 {
			h := g.Household(today)
			hs = append(hs, h)
			ns = append(ns, g.Notes(h.File, 5, today))
		}
		return hs, ns
	}
	h1, n1 := draw(42)
	h2, n2 := draw(42)
	if !reflect.DeepEqual(h1, h2) || !reflect.DeepEqual(n1, n2) {
		t.Fatal("seed 42 drew two different clinics")
	}
	h3, _ := draw(43)
	if reflect.DeepEqual(h1, h3) {
		t.Fatal("seeds 42 and 43 drew the same clinic")
	}
}

// TestCaseFilesAreValid draws 10,000 cases for each of several days,
// including a leap day and days far from now, and checks what Validate checks
// and what it cannot: dates in order, fields consistent with the procedure.
func TestCaseFilesAreValid(t *testing.T) {
	tests := []struct {
		name, today string
		bornFrom    int // earliest birth year expected
	}{
		{"ordinary day", "2026-03-16", 1950},
		{"leap day", "2028-02-29", 1950},
		{"new year holiday", "2025-01-01", 1950},
		{"far future", "2090-06-15", 2090 - 3 - 75 - 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			today := mustDate(t, tt.today)
			now := dayOf(today)
			g := New(7)
			for i := range 10_000 {
				f := g.CaseFile(today)
				if err := f.Validate(today); err != nil {
					t.Fatalf("draw %d: %v\n%+v", i, err, f)
				}
				checkCase(t, f, now, tt.bornFrom)
			}
		})
	}
}

func checkCase(t *testing.T, f model.CaseFile, now day, bornFrom int) {
	t.Helper()
	opened := dayOf(f.Opened)
	switch {
	case f.ID != "" || f.Ref != "" || f.PersonID != "" || f.Person.ID != "" || f.Related != nil:
		t.Fatalf("identifiers set: %+v", f)
	case opened > now || opened < now-3*365-7:
		t.Fatalf("opened %v not within 3 years of %v", f.Opened, now.date())
	case !opened.working() && opened != now-3*365-7:
		t.Fatalf("opened on a day off: %v", f.Opened)
	case (f.Status == model.StatusOpen) != f.Closed.IsZero(),
		(f.Status == model.StatusOpen) != f.EndOfMission.IsZero(),
		(f.Status == model.StatusOpen) != (f.Outcome == ""):
		t.Fatalf("status %s with closed %v, end %v, outcome %q", f.Status, f.Closed, f.EndOfMission, f.Outcome)
	case !f.Closed.IsZero() && (dayOf(f.Closed) > now || dayOf(f.EndOfMission) > now || f.EndOfMission.Before(f.Closed)):
		t.Fatalf("closed %v, end of mission %v, today %v", f.Closed, f.EndOfMission, now.date())
	case f.Status == model.StatusArchived && dayOf(f.Closed) > now-90:
		t.Fatalf("archived %v, closed only on %v", now.date(), f.Closed)
	case f.Lawyer == "" || !slices.Contains(Lawyers, f.Lawyer):
		t.Fatalf("lawyer %q", f.Lawyer)
	case f.ANEFNumber != "" && (!slices.Contains(anefProcedures, f.Procedure) || len(f.ANEFNumber) != 16 || !digitsOnly(f.ANEFNumber[5:])):
		t.Fatalf("ANEF number %q on a %s case", f.ANEFNumber, f.Procedure)
	case f.Person.AGDREF != "" && (len(f.Person.AGDREF) != 10 || !digitsOnly(f.Person.AGDREF)):
		t.Fatalf("AGDREF %q", f.Person.AGDREF)
	case f.Person.BirthDate.Year < bornFrom || f.Person.BirthDate.Year > max(2008, now.date().Year-18):
		t.Fatalf("born %v", f.Person.BirthDate)
	case f.Procedure == model.ProcNaturalise && dayOf(f.Person.BirthDate) > opened.yearsBefore(23):
		t.Fatalf("naturalisation applicant born %v, case opened %v", f.Person.BirthDate, f.Opened)
	case (f.Prefecture == "") != (f.Procedure == model.ProcVisa):
		t.Fatalf("prefecture %q on a %s case", f.Prefecture, f.Procedure)
	case f.Person.Phone != "" && !strings.Contains(f.Person.Phone, "6 39 98 "):
		t.Fatalf("phone %q outside the fiction range", f.Person.Phone)
	case f.Person.Email != "" && !slices.Contains(emailDomains, f.Person.Email[strings.IndexByte(f.Person.Email, '@')+1:]):
		t.Fatalf("e-mail %q outside reserved domains", f.Person.Email)
	case len(f.Person.Languages) == 0:
		t.Fatal("no language")
	}
	if f.Prefecture != "" && !addressInPrefecture(f.Person.Address, f.Prefecture) {
		t.Fatalf("address %q is not under %q", f.Person.Address, f.Prefecture)
	}
}

func addressInPrefecture(address, prefecture string) bool {
	for _, c := range cities {
		for _, pc := range c.postcodes {
			if strings.HasSuffix(address, ", "+pc+" "+c.name) && c.prefecture == prefecture {
				return true
			}
		}
	}
	return false
}

func digitsOnly(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

func TestHouseholdsAreValid(t *testing.T) {
	today := mustDate(t, "2026-03-16")
	g := New(11)
	withRelatives, roles := 0, map[model.Role]int{}
	const n = 10_000
	for i := range n {
		h := g.Household(today)
		if err := h.File.Validate(today); err != nil {
			t.Fatalf("draw %d: %v", i, err)
		}
		if len(h.Relatives) > 0 {
			withRelatives++
		}
		spouses := 0
		for _, r := range h.Relatives {
			roles[r.Role]++
			if err := r.Person.Validate("", today); err != nil {
				t.Fatalf("draw %d, %s: %v\n%+v", i, r.Role, err, r.Person)
			}
			if !slices.Contains(model.Roles, r.Role) || r.Person.ID != "" {
				t.Fatalf("relative %+v", r)
			}
			born := dayOf(r.Person.BirthDate)
			switch r.Role {
			case model.RoleSpouse:
				spouses++
				if born > dayOf(today).yearsBefore(18) {
					t.Fatalf("spouse born %v", r.Person.BirthDate)
				}
			case model.RoleChild:
				if born < dayOf(h.File.Person.BirthDate).yearsBefore(-18) {
					t.Fatalf("child born %v to a parent born %v", r.Person.BirthDate, h.File.Person.BirthDate)
				}
			}
		}
		if spouses > 1 {
			t.Fatalf("draw %d: %d spouses", i, spouses)
		}
	}
	if share := float64(withRelatives) / n; share < 0.18 || share > 0.35 {
		t.Errorf("%.0f%% of households have relatives, want about 25%%", 100*share)
	}
	for _, r := range []model.Role{model.RoleSpouse, model.RoleChild, model.RoleParent} {
		if roles[r] == 0 {
			t.Errorf("no %s drawn", r)
		}
	}
}

func TestNotesAreValid(t *testing.T) {
	today := mustDate(t, "2026-03-16")
	g := New(3)
	for i := range 2_000 {
		f := g.CaseFile(today)
		n := i % 13
		notes := g.Notes(f, n, today)
		if len(notes) != n {
			t.Fatalf("asked %d notes, got %d", n, len(notes))
		}
		end := today
		if !f.Closed.IsZero() {
			end = f.Closed
		}
		for j, note := range notes {
			if note.ID != "" || note.CaseID != "" {
				t.Fatalf("identifiers set: %+v", note)
			}
			note.CaseID = "case"
			if err := note.Validate(); err != nil {
				t.Fatalf("note %d: %v", j, err)
			}
			d := model.DateOf(note.Time)
			switch {
			case note.Author != f.Lawyer:
				t.Fatalf("author %q on a case of %q", note.Author, f.Lawyer)
			case d.Before(f.Opened) || end.Before(d):
				t.Fatalf("note on %v, case from %v to %v", d, f.Opened, end)
			case !dayOf(d).working():
				t.Fatalf("note on a day off: %v", d)
			case note.Time.Hour() < 9 || note.Time.Hour() > 18 || note.Time.Location() != time.UTC:
				t.Fatalf("note at %v", note.Time)
			case j > 0 && note.Time.Before(notes[j-1].Time):
				t.Fatalf("notes out of order: %v after %v", note.Time, notes[j-1].Time)
			case strings.ContainsAny(note.Text, "{}"):
				t.Fatalf("placeholder left in %q", note.Text)
			}
		}
		if n > 1 && f.Status != model.StatusOpen && !strings.Contains(notes[n-1].Text, f.Outcome) {
			t.Fatalf("last note of a closed case is %q, outcome %q", notes[n-1].Text, f.Outcome)
		}
	}
}

func TestNotesOnHandwrittenCase(t *testing.T) {
	today := mustDate(t, "2026-03-14") // a Saturday
	tests := []struct {
		name string
		c    model.CaseFile
	}{
		{"empty case", model.CaseFile{}},
		{"opened on a Saturday", model.CaseFile{Case: model.Case{Opened: today, Lawyer: "Me X"}}},
		{"closed before opened", model.CaseFile{Case: model.Case{Opened: mustDate(t, "2026-03-02"), Closed: mustDate(t, "2026-01-01")}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, n := range New(1).Notes(tt.c, 4, today) {
				n.CaseID = "case"
				if err := n.Validate(); err != nil || n.Author == "" {
					t.Fatalf("%+v: %v", n, err)
				}
				if d := model.DateOf(n.Time); today.Before(d) {
					t.Fatalf("note in the future: %v", d)
				}
			}
		})
	}
}
