package fakeclinic

import (
	"reflect"
	"testing"

	"casefile/model"
)

// The ANEF side is plausible: a channel of ANEF exactly when there is an
// ANEF number, a state only then, malfunctions dated within the case,
// interpreters and vulnerabilities on a minority, ticks from the case's own
// checklist; and every case stays valid.
func TestANEFSideIsPlausible(t *testing.T) {
	today := mustDate(t, "2026-03-16")
	g := New(2026)
	const n = 3000
	interp, vuln, malf, ticked := 0, 0, 0, 0
	cats := map[model.MalfunctionCategory]bool{}
	for range n {
		f := g.CaseFile(today)
		if err := f.Validate(today); err != nil {
			t.Fatalf("invalid case: %v", err)
		}
		if (f.Channel == model.ChannelANEF) != (f.ANEFNumber != "") || (f.ANEFState != "") != (f.ANEFNumber != "") {
			t.Fatalf("channel %q, state %q, number %q", f.Channel, f.ANEFState, f.ANEFNumber)
		}
		for _, m := range f.Malfunctions {
			if m.Date.Before(f.Opened) || today.Before(m.Date) || m.Text == "" {
				t.Fatalf("malfunction %+v in a case opened %v", m, f.Opened)
			}
			cats[m.Category] = true
		}
		if f.Person.Interpreter {
			interp++
		}
		if len(f.Person.Vulnerabilities) > 0 {
			vuln++
		}
		if len(f.Malfunctions) > 0 {
			malf++
		}
		for _, id := range f.Checklist {
			found := false
			for _, it := range model.Checklist(f.Procedure) {
				found = found || it.ID == id
			}
			if !found {
				t.Fatalf("%s ticks %s", f.Procedure, id)
			}
			ticked++
		}
	}
	for name, c := range map[string]int{"interpreter": interp, "vulnerable": vuln, "with malfunctions": malf} {
		if c < n/20 || c > n*3/4 {
			t.Errorf("%d of %d cases %s", c, n, name)
		}
	}
	if len(cats) != len(model.MalfunctionCategories) || ticked == 0 {
		t.Errorf("%d categories met, %d ticks", len(cats), ticked)
	}
}

// The same seed gives the same ANEF side.
func TestANEFSideIsDeterministic(t *testing.T) {
	today := mustDate(t, "2026-03-16")
	a, b := New(9), New(9)
	for range 200 {
		if x, y := a.CaseFile(today), b.CaseFile(today); !reflect.DeepEqual(x, y) {
			t.Fatalf("differ:\n%+v\n%+v", x, y)
		}
	}
}
