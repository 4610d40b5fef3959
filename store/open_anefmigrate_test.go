package store

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
)

// writeOldShape puts malfunctions on a case the way vaults did before the
// one-log change: in the case record's "malfunctions" field, through an
// ordinary change (so the change log and the history hold them), and
// removes the migration marker.
func writeOldShape(t *testing.T, v *Vault, caseID string, ms ...model.Malfunction) {
	t.Helper()
	if err := v.update(func(c *change) error {
		env, cs, err := getRecord[model.Case](c.txn, KindCase, caseID)
		if err != nil {
			return err
		}
		cs.Malfunctions = append(slices.Clone(cs.Malfunctions), ms...)
		return c.putRecord(KindCase, caseID, *cs, env)
	}); err != nil {
		t.Fatal(err)
	}
	if err := v.db.Update(func(txn *badger.Txn) error { return txn.Delete(keyMalfunctionsMigrated) }); err != nil {
		t.Fatal(err)
	}
}

func reopen(t *testing.T, v *Vault) *Vault {
	t.Helper()
	dir := v.Dir()
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	nv, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nv.Close() })
	return nv
}

func logCount(t *testing.T, v *Vault) int {
	t.Helper()
	n := 0
	if err := v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, "log/", func([]byte) error { n++; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

var (
	oldNoSlot = model.Malfunction{ID: "20261003T091500123456789", Category: model.MalfNoAppointment,
		Date: model.Date{Year: 2026, Month: 10, Day: 3}, Text: "Aucun créneau sur le site de la préfecture"}
	oldAccess = model.Malfunction{ID: "20261012T180000000000000", Category: model.MalfAccess,
		Date: model.Date{Year: 2026, Month: 10, Day: 12}}
	oldSupport = model.Malfunction{ID: "20261020T101010000000000", Category: model.MalfSupportFailure,
		Date: model.Date{Year: 2026, Month: 10, Day: 20}, Text: "Le centre de contact ne répond pas"}
)

// A vault written in the old shape opens with its malfunctions in the
// evidence log: one entry each, with who recorded it and when, the day
// without a time, the channel the category implies; the case's field is
// empty, its history still shows the malfunctions, and check agrees.
// Opening again changes nothing.
func TestOpenMigratesMalfunctionsToEvidence(t *testing.T) {
	v := newVault(t)
	if err := v.SetAuthor("Alice Martin"); err != nil {
		t.Fatal(err)
	}
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	attempt := model.Evidence{CaseID: f.ID, At: time.Date(2026, 10, 5, 8, 30, 0, 0, time.UTC),
		Channel: model.EvidencePhone, What: "ligne saturée"}
	if err := v.AddEvidence(&attempt, nil); err != nil {
		t.Fatal(err)
	}
	writeOldShape(t, v, f.ID, oldNoSlot, oldAccess, oldSupport)
	if err := v.SetAuthor("Bruno Petit"); err != nil { // whoever opens the vault next
		t.Fatal(err)
	}

	v = reopen(t, v)
	got, err := v.Case(f.ID)
	if err != nil || len(got.Malfunctions) != 0 {
		t.Fatalf("case still holds %+v (%v)", got.Malfunctions, err)
	}
	log, err := v.EvidenceLog(f.ID)
	if err != nil || len(log) != 4 {
		t.Fatalf("log %d entries, %v: %+v", len(log), err, log)
	}
	byCat := map[model.MalfunctionCategory]model.Evidence{}
	for _, e := range log {
		byCat[e.Category] = e
	}
	noSlot := byCat[model.MalfNoAppointment]
	paris, _ := time.LoadLocation("Europe/Paris")
	if noSlot.ID != legacyEvidenceID(f.ID, oldNoSlot.ID) || noSlot.What != oldNoSlot.Text || !noSlot.DateOnly ||
		!noSlot.At.Equal(time.Date(2026, 10, 3, 0, 0, 0, 0, paris)) || noSlot.Channel != model.EvidenceAppointment ||
		noSlot.AddedBy != "Alice Martin" || !noSlot.AddedAt.Equal(time.Date(2026, 10, 3, 9, 15, 0, 0, time.UTC)) ||
		noSlot.KindOrAttempt() != model.EvidenceAttempt {
		t.Errorf("no-slot entry = %+v", noSlot)
	}
	if byCat[model.MalfAccess].Channel != model.EvidenceANEF || byCat[model.MalfAccess].What != "" {
		t.Errorf("access entry = %+v", byCat[model.MalfAccess])
	}
	if byCat[model.MalfSupportFailure].Channel != model.EvidenceContactCentre {
		t.Errorf("support entry = %+v", byCat[model.MalfSupportFailure])
	}

	// The history keeps the malfunctions as they were.
	hist, err := v.CaseHistory(f.ID)
	if err != nil {
		t.Fatal(err)
	}
	var emptied bool
	for _, fc := range hist {
		if fc.Entity == KindCase && fc.Field == "malfunctions" && string(fc.New) == "null" {
			var old []model.Malfunction
			emptied = json.Unmarshal(fc.Old, &old) == nil && len(old) == 3 && old[0].Text == oldNoSlot.Text
		}
	}
	if !emptied {
		t.Errorf("history lost the malfunctions: %+v", hist)
	}
	mustCheck(t, v)

	n := logCount(t, v)
	v = reopen(t, v)
	if logCount(t, v) != n {
		t.Fatal("a second open changed the vault again")
	}
	if log2, _ := v.EvidenceLog(f.ID); len(log2) != 4 {
		t.Fatalf("second open: %d entries", len(log2))
	}
}

// A migration cut by a crash (some cases moved, the marker not written)
// finishes at the next open without writing anything twice.
func TestMigrationResumesAfterCrash(t *testing.T) {
	v := newVault(t)
	var ids []string
	for i := 0; i < 3; i++ {
		f := sampleFile()
		if err := v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
		writeOldShape(t, v, f.ID, oldNoSlot, oldAccess)
		ids = append(ids, f.ID)
	}
	// The first case moved, then the process died.
	if err := v.update(func(c *change) error { return c.absorbCase(ids[0]) }); err != nil {
		t.Fatal(err)
	}
	first, _ := v.EvidenceLog(ids[0])
	v = reopen(t, v)
	for _, id := range ids {
		log, err := v.EvidenceLog(id)
		if err != nil || len(log) != 2 {
			t.Fatalf("case %s: %d entries, %v", id, len(log), err)
		}
		if f, _ := v.Case(id); len(f.Malfunctions) != 0 {
			t.Fatalf("case %s not moved", id)
		}
	}
	again, _ := v.EvidenceLog(ids[0])
	if len(again) != len(first) || again[0].AddedAt != first[0].AddedAt {
		t.Fatalf("moved case rewritten: %+v vs %+v", again, first)
	}
	mustCheck(t, v)
}

// Two devices migrating the same case write the same records: the entry
// depends on the malfunction and the history only, not on who opens the
// vault or when, so team sync merges them as one.
func TestMigrationIsTheSameOnEveryDevice(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	writeOldShape(t, v, f.ID, oldNoSlot, oldAccess)
	dir := v.Dir()
	if err := v.Close(); err != nil {
		t.Fatal(err)
	}
	copyDir := t.TempDir()
	if err := os.CopyFS(copyDir, os.DirFS(dir)); err != nil {
		t.Fatal(err)
	}
	records := func(dir, author string, at time.Time) map[string]string {
		now = func() time.Time { return at }
		defer func() { now = time.Now }()
		v, err := Open(dir, testPass)
		if err != nil {
			t.Fatal(err)
		}
		defer v.Close()
		if err := v.SetAuthor(author); err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		if err := v.db.View(func(txn *badger.Txn) error {
			return scan(txn, "rec/"+KindEvidence+"/", func(k, b []byte) error {
				var env changelog.Envelope
				if err := json.Unmarshal(b, &env); err != nil {
					return err
				}
				out[string(k)] = string(env.Data)
				return nil
			})
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	a := records(dir, "Alice", time.Now())
	b := records(filepath.Clean(copyDir), "Bruno", time.Now().Add(48*time.Hour))
	if len(a) != 2 || !maps2Equal(a, b) {
		t.Fatalf("devices disagree:\n%v\n%v", a, b)
	}
}

func maps2Equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// A malfunction that arrives in the old shape after the migration (from a
// device not yet updated) is read as its entry, once; correcting it moves
// it; saving the case from a copy that predates it does not drop it; the
// figures count each malfunction once.
func TestLateOldShapeMalfunctions(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	f.Prefecture = "Rhône (Lyon)"
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	writeOldShape(t, v, f.ID, oldNoSlot)
	v = reopen(t, v) // migrated
	stale, _ := v.Case(f.ID)
	writeOldShape(t, v, f.ID, oldNoSlot, oldAccess) // the old device's whole list, again
	log, err := v.EvidenceLog(f.ID)
	if err != nil || len(log) != 2 {
		t.Fatalf("log %d entries (want the moved one and the late one), %v", len(log), err)
	}
	count := 0
	if err := v.EachCaseForStats(func(c *model.Case, _ []model.Event) error {
		count += len(c.Malfunctions)
		return nil
	}); err != nil || count != 2 {
		t.Fatalf("figures see %d malfunctions, %v", count, err)
	}

	// Saving from a copy read before the late malfunction keeps it.
	stale.Outcome = "en cours"
	if err := v.SaveCase(stale); err != nil {
		t.Fatal(err)
	}
	if got, _ := v.Case(f.ID); len(got.Malfunctions) != 0 {
		t.Fatalf("save left %+v on the case", got.Malfunctions)
	}
	log, _ = v.EvidenceLog(f.ID)
	if len(log) != 2 {
		t.Fatalf("after save: %d entries", len(log))
	}

	// Withdrawing an entry still in the old shape moves it first.
	writeOldShape(t, v, f.ID, oldSupport)
	late := legacyEvidenceID(f.ID, oldSupport.ID)
	if err := v.WithdrawEvidence(late, "saisie en double"); err != nil {
		t.Fatal(err)
	}
	e, err := v.EvidenceEntry(late)
	if err != nil || !e.Withdrawn {
		t.Fatalf("withdrawn entry %+v, %v", e, err)
	}
	mustCheck(t, v)
}

// AddMalfunction writes an evidence entry, not the case's field.
func TestAddMalfunctionWritesTheLog(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	m := model.Malfunction{Category: model.MalfNoAttestation, Date: v.today(), Text: "API non renouvelée"}
	if err := v.AddMalfunction(f.Ref, &m); err != nil {
		t.Fatal(err)
	}
	e, err := v.EvidenceEntry(m.ID)
	if err != nil || e.Category != model.MalfNoAttestation || !e.DateOnly || e.What != "API non renouvelée" || e.CaseID != f.ID {
		t.Fatalf("entry %+v, %v", e, err)
	}
	if got, _ := v.Case(f.ID); len(got.Malfunctions) != 0 {
		t.Fatal("malfunction written on the case")
	}
}

// An editor's correction (SaveEvidenceChanges) may change the new fields
// (kind, urgency, the request's date, the day alone), and reaches a
// malfunction still in the old shape by moving it first.
func TestEvidenceChangesOnNewFieldsAndOldShape(t *testing.T) {
	v := newVault(t)
	f := sampleFile()
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	e := model.Evidence{CaseID: f.ID, At: time.Date(2026, 10, 5, 8, 30, 0, 0, time.UTC), Channel: model.EvidenceEmail, What: "courrier de l'employeur"}
	if err := v.AddEvidence(&e, nil); err != nil {
		t.Fatal(err)
	}
	loaded, base, err := v.EvidenceForEdit(e.ID)
	if err != nil {
		t.Fatal(err)
	}
	edited := *loaded
	edited.Kind, edited.Urgency, edited.DateOnly = model.EvidenceUrgency, model.UrgencyEmployer, true
	edits, err := Changes(*loaded, edited)
	if err != nil {
		t.Fatal(err)
	}
	got, _, err := v.SaveEvidenceChanges(e.ID, edits, base, nil)
	if err != nil || got.Kind != model.EvidenceUrgency || got.Urgency != model.UrgencyEmployer || !got.DateOnly {
		t.Fatalf("corrected %+v, %v", got, err)
	}

	writeOldShape(t, v, f.ID, oldNoSlot)
	id := legacyEvidenceID(f.ID, oldNoSlot.ID)
	old, err := v.EvidenceEntry(id) // read as the entry it will become
	if err != nil {
		t.Fatal(err)
	}
	fixed := *old
	fixed.What = "Aucun créneau (corrigé)"
	edits, _ = Changes(*old, fixed)
	if got, _, err := v.SaveEvidenceChanges(id, edits, nil, nil); err != nil || got.What != fixed.What {
		t.Fatalf("old shape corrected: %+v, %v", got, err)
	}
	if c, _ := v.Case(f.ID); len(c.Malfunctions) != 0 {
		t.Fatal("not moved")
	}
	mustCheck(t, v)
}
