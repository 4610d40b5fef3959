package store

import (
	"encoding/json"
	"testing"
	"time"

	"casefile/model"
	"casefile/store/internal/exchange"
)

// year2100 is a laptop clock set some seventy years ahead.
var year2100 = time.Date(2100, 3, 1, 9, 0, 0, 0, time.UTC)

// prefectureOf reads a case's prefecture and its field version.
func prefectureOf(t testing.TB, v *Vault, ref string) (string, model.HLC) {
	t.Helper()
	f, base, err := v.CaseForEdit(ref)
	if err != nil {
		t.Fatal(err)
	}
	return f.Case.Prefecture, base.Case["prefecture"]
}

// farFutureEdit has a set its clock to year 2100 and edit a field of
// ref; it returns the entries a publishes.
func farFutureEdit(t testing.TB, a *Vault, ref, field, value string) []ExportChange {
	t.Helper()
	a.SetClockForTests(func() time.Time { return year2100 })
	if _, err := a.SetCaseFields(ref, map[string]string{field: value}); err != nil {
		t.Fatal(err)
	}
	resetClock(t, a)
	return drain(t, a)
}

// resetClock gives v the clock it has once reopened with its system
// clock set right: the highest value of its log within the horizon.
func resetClock(t testing.TB, v *Vault) {
	t.Helper()
	last, err := v.lastHLC()
	if err != nil {
		t.Fatal(err)
	}
	v.clock = model.NewClock(last)
}

// TestApplyRemoteRefusesFarFuture: a received entry stamped in 2100 was
// applied (only flagged): its value then outranked every later edit. It
// is refused now, the other entries received with it are applied, the
// marks are not written (so that sync reads it again), and once this
// device's clock reaches it (its own clock was behind) it is applied.
func TestApplyRemoteRefusesFarFuture(t *testing.T) {
	a, b := newVault(t), newVault(t)
	files := fillClinic(t, a, 2, 41)
	apply(t, b, drain(t, a))
	ref := files[0].Ref
	before, _ := prefectureOf(t, b, ref)

	// One batch: a normal edit of the second case, then one from 2100.
	if _, err := a.SetCaseFields(files[1].Ref, map[string]string{"prefecture": "Isère (Grenoble)"}); err != nil {
		t.Fatal(err)
	}
	chs := drain(t, a)
	chs = append(chs, farFutureEdit(t, a, ref, "prefecture", "Rhône (Lyon)")...)
	marks := map[string][]byte{"applied/test": []byte("1")}
	res, err := b.ApplyRemote(chs, marks)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Refused) != 1 || !res.Refused[0].Time().Equal(year2100) {
		t.Fatalf("refused %v, want the one entry of 2100", res.Refused)
	}
	if got, _ := prefectureOf(t, b, ref); got != before {
		t.Fatalf("the 2100 edit was applied: %q", got)
	}
	if got, _ := prefectureOf(t, b, files[1].Ref); got != "Isère (Grenoble)" {
		t.Fatalf("the normal entry received with it was lost: %q", got)
	}
	if _, ok, _ := b.SyncState("applied/test"); ok {
		t.Fatal("marks written although an entry was refused")
	}
	if b.clock.Last().Time().After(time.Now().Add(time.Hour)) {
		t.Fatal("the refused entry moved b's clock")
	}
	mustCheck(t, b)

	// b's clock was the wrong one: once it reads 2100, the entry applies.
	now = func() time.Time { return year2100 }
	defer func() { now = time.Now }()
	res, err = b.ApplyRemote(chs, marks)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Refused) != 0 || res.Applied != 1 {
		t.Fatalf("with b's clock in 2100: refused %d, applied %d", len(res.Refused), res.Applied)
	}
	if _, ok, _ := b.SyncState("applied/test"); !ok {
		t.Fatal("marks not written once everything applied")
	}
	mustCheck(t, b)
}

// TestEditWinsOverFarFutureBase: a vault holds a value stamped in 2100
// (accepted by an older version, which had no horizon). An edit of that
// field was stamped by the clock, below the value's version: the record
// showed the edit, the log replayed the 2100 value (`casefile check`
// failed), and every other device kept the 2100 value. The edit is now
// stamped just past its base: it wins here and wherever it is applied,
// including on a device that never accepted the 2100 value, while the
// clock, and so the next edits of other fields, keep the real time.
func TestEditWinsOverFarFutureBase(t *testing.T) {
	a, b, c := newVault(t), newVault(t), newVault(t)
	files := fillClinic(t, a, 2, 43)
	base := drain(t, a)
	apply(t, b, base)
	apply(t, c, base)
	ref := files[0].Ref
	future := farFutureEdit(t, a, ref, "prefecture", "Rhône (Lyon)")

	// b is an older version: it applies the 2100 entry, and its clock
	// stays at the real time (as it does across a reopen: lastHLC).
	now = func() time.Time { return year2100 }
	apply(t, b, future)
	now = time.Now
	resetClock(t, b)
	mustCheck(t, a)
	mustCheck(t, b)

	// The user corrects the field on b, through the editor (update).
	if _, err := b.SetCaseFields(ref, map[string]string{"prefecture": "Isère (Grenoble)"}); err != nil {
		t.Fatal(err)
	}
	got, ver := prefectureOf(t, b, ref)
	if got != "Isère (Grenoble)" || !ver.Time().Equal(year2100) {
		t.Fatalf("after the edit: %q at %s, want the edit just past 2100", got, ver.Time())
	}
	mustCheck(t, b)
	// A whole-record save of the same case (SaveCase, no editor bases).
	f, err := b.Case(ref)
	if err != nil {
		t.Fatal(err)
	}
	f.Case.Prefecture = "Savoie (Chambéry)"
	if err := b.SaveCase(f); err != nil {
		t.Fatal(err)
	}
	if got, _ := prefectureOf(t, b, ref); got != "Savoie (Chambéry)" {
		t.Fatalf("whole save lost: %q", got)
	}
	mustCheck(t, b)
	// Another field's edit keeps the real time: b's clock did not move.
	if _, err := b.SetCaseFields(files[1].Ref, map[string]string{"prefecture": "Drôme (Valence)"}); err != nil {
		t.Fatal(err)
	}
	if _, v := prefectureOf(t, b, files[1].Ref); v.Time().After(time.Now().Add(time.Hour)) {
		t.Fatalf("an unrelated edit was stamped %s", v.Time())
	}
	fromB := drain(t, b)

	// a (which wrote the 2100 value) and c (which never took it) both
	// apply b's edits with the horizon on, and end with b's value.
	for name, v := range map[string]*Vault{"a": a, "c": c} {
		apply(t, v, future) // refused by c, known to a
		res := apply(t, v, fromB)
		if len(res.Refused) != 0 {
			t.Fatalf("%s refused the edit that follows the 2100 value: %v", name, res.Refused)
		}
		if got, _ := prefectureOf(t, v, ref); got != "Savoie (Chambéry)" {
			t.Fatalf("%s kept %q, not b's edit", name, got)
		}
		mustCheck(t, v)
	}
}

// TestBatchedEditPastFarFutureBase: a change built in a batch (bulk
// edits, imports) is stamped past a far-future base the same way.
func TestBatchedEditPastFarFutureBase(t *testing.T) {
	a := newVault(t)
	files := fillClinic(t, a, 2, 47)
	drain(t, a)
	farFutureEdit(t, a, files[0].Ref, "outcome", "Titre de séjour délivré")
	set := func(i int, c *change) error {
		env, cs, err := c.caseForEdit(files[i].ID)
		if err != nil {
			return err
		}
		cs.Outcome = "Recours gracieux rejeté"
		return c.putRecord(KindCase, cs.ID, cs, env)
	}
	if err := a.batch(2, set); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		got, _, err := a.CaseForEdit(f.Ref)
		if err != nil {
			t.Fatal(err)
		}
		if got.Case.Outcome != "Recours gracieux rejeté" {
			t.Fatalf("%s: %q after the batch", f.Ref, got.Case.Outcome)
		}
	}
	mustCheck(t, a)
}

// caseForEdit reads a case's envelope and record in c's transaction.
func (c *change) caseForEdit(id string) (*envelope, *model.Case, error) {
	env, err := exchange.ReadEnvelope(c.txn, KindCase, id)
	if err != nil {
		return nil, nil, err
	}
	var cs model.Case
	err = json.Unmarshal(env.Data, &cs)
	return env, &cs, err
}
