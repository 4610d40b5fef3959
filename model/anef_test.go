package model

import (
	"errors"
	"slices"
	"testing"
)

func TestSetFieldNewFields(t *testing.T) {
	tests := []struct {
		field, value string
		check        func(f CaseFile) bool
		wantErr      error
	}{
		{"person.interpreter", "oui", func(f CaseFile) bool { return f.Person.Interpreter }, nil},
		{"person.interpreter", "no", func(f CaseFile) bool { return !f.Person.Interpreter }, nil},
		{"person.interpreter", "perhaps", nil, ErrNotSettable},
		{"person.interpreter_language", " tigrinya ", func(f CaseFile) bool { return f.Person.InterpreterLanguage == "tigrinya" }, nil},
		{"person.vulnerabilities", "pregnancy, homeless", func(f CaseFile) bool {
			return slices.Equal(f.Person.Vulnerabilities, []Vulnerability{VulnPregnancy, VulnHomeless})
		}, nil},
		{"channel", "anef", func(f CaseFile) bool { return f.Channel == ChannelANEF }, nil},
		{"anef_state", "api_issued", func(f CaseFile) bool { return f.ANEFState == ANEFAPIIssued }, nil},
		{"checklist", "photos,passport", func(f CaseFile) bool { return slices.Equal(f.Checklist, []string{"photos", "passport"}) }, nil},
		{"malfunctions", "[]", nil, ErrNotSettable},
	}
	for _, tt := range tests {
		t.Run(tt.field+"="+tt.value, func(t *testing.T) {
			var f CaseFile
			err := SetField(&f, tt.field, tt.value)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil || !tt.check(f) {
				t.Fatalf("err %v, file %+v", err, f)
			}
		})
	}
}

func TestValidateNewFields(t *testing.T) {
	today := Date{Year: 2026, Month: 11, Day: 28}
	f := CaseFile{Case: Case{Procedure: ProcRenewal, Status: StatusOpen, Opened: today,
		Channel: "fax", ANEFState: "lost", Checklist: []string{"passport", "nonsense"},
		Malfunctions: []Malfunction{{Category: "weird", Date: Date{Year: 2027, Month: 1, Day: 1}}, {Date: today}}},
		Person: Person{FamilyName: "Diallo", Vulnerabilities: []Vulnerability{"tall"}}}
	var ve *ValidationError
	if err := f.Validate(today); !errors.As(err, &ve) {
		t.Fatalf("no validation error: %v", err)
	}
	for field, code := range map[string]string{
		"channel": ProblemUnknown, "anef_state": ProblemUnknown, "checklist": ProblemUnknown,
		"malfunctions.category": ProblemUnknown, "malfunctions.date": ProblemFuture,
		"person.vulnerabilities": ProblemUnknown,
	} {
		if ve.For(field) != code {
			t.Errorf("%s: %q, want %q (all: %v)", field, ve.For(field), code, ve)
		}
	}
}

func TestChecklists(t *testing.T) {
	for _, p := range Procedures {
		items := Checklist(p)
		if len(items) == 0 {
			t.Errorf("%s has no checklist", p)
		}
		seen := map[string]bool{}
		for _, it := range items {
			if seen[it.ID] {
				t.Errorf("%s lists %s twice", p, it.ID)
			}
			seen[it.ID] = true
			if !KnownChecklistItem(it.ID) {
				t.Errorf("%s unknown", it.ID)
			}
		}
	}
	var c Case
	c.Tick("photos", true)
	c.Tick("birth_certificate", true)
	c.Tick("photos", true)
	if !slices.Equal(c.Checklist, []string{"birth_certificate", "photos"}) {
		t.Fatalf("ticks %v", c.Checklist)
	}
	c.Tick("photos", false)
	c.Tick("birth_certificate", false)
	if c.Checklist != nil {
		t.Fatalf("empty checklist is %#v, want nil (not logged as a change from unset)", c.Checklist)
	}
}
