package store

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"

	"casefile/fakeclinic"
	"casefile/model"
	"casefile/store/internal/engine"
	"casefile/store/internal/erasure"
	"casefile/store/internal/layout"
)

// eraseMarkers appear only in the records of the cases the test erases.
var eraseMarkers = []string{
	"Xqerasefamily", "Vjerasegiven", "erasebirthplace-Qw", "Relerasemarker", "eraseNote-Kp",
	"eraseCourt-Zt", "eraseDeadline-Lm", "eraseDocBytes-Hy", "Renamederasemarker", "Mergederasemarker",
}

// allVersionHits iterates every key and every version Badger still holds
// (deleted and superseded ones included) and returns the markers found in
// a key or a value.
func allVersionHits(t *testing.T, v *Vault, marks []string) []string {
	t.Helper()
	var hits []string
	err := v.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		opts.AllVersions = true
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			val, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			for _, m := range marks {
				if bytes.Contains(item.Key(), []byte(m)) || bytes.Contains(val, []byte(m)) {
					hits = append(hits, string(item.Key())+": "+m)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hits
}

type erasureFixture struct {
	a, b, c  model.CaseFile // a and b hold markers; c is ordinary
	shared   string         // a relative of a merged into c's main person
	docBytes int
}

// buildErasureFixture writes 30 ordinary cases, then case a (main person,
// a relative only in a, notes, an event, a manual deadline, a document in
// the value log, a renamed person), case b whose main person is merged
// into a's, and case c whose main person absorbs another relative of a.
func buildErasureFixture(t *testing.T, v *Vault) erasureFixture {
	t.Helper()
	g := fakeclinic.New(11)
	today := v.today()
	var bg []NewCase
	for i := 0; i < 30; i++ {
		h := g.Household(today)
		nc := NewCase{File: h.File}
		for _, r := range h.Relatives {
			nc.Relatives = append(nc.Relatives, Relative{Person: r.Person, Role: r.Role})
		}
		bg = append(bg, nc)
	}
	if err := v.CreateCases(bg); err != nil {
		t.Fatal(err)
	}
	var fx erasureFixture
	fx.c = g.CaseFile(today)
	fx.c.Status = model.StatusOpen
	if err := v.SaveCase(&fx.c); err != nil {
		t.Fatal(err)
	}
	a := []NewCase{{
		File: model.CaseFile{
			Case: model.Case{Procedure: model.ProcRenewal, Prefecture: "Rhône (Lyon)", Lawyer: "Me Test",
				Status: model.StatusClosed, Opened: model.Date{Year: 2019, Month: 3, Day: 4},
				Closed: model.Date{Year: 2020, Month: 5, Day: 6}, EndOfMission: model.Date{Year: 2020, Month: 5, Day: 6}},
			Person: model.Person{FamilyName: eraseMarkers[8], GivenNames: eraseMarkers[1], BirthPlace: eraseMarkers[2]},
		},
		Relatives: []Relative{
			{Person: model.Person{FamilyName: eraseMarkers[3]}, Role: model.RoleSpouse},
			{Person: model.Person{FamilyName: "Partage", GivenNames: "Ordinaire"}, Role: model.RoleChild},
		},
		Notes: []model.Note{{Text: eraseMarkers[4] + " premier entretien"}},
	}}
	if err := v.CreateCases(a); err != nil {
		t.Fatal(err)
	}
	fx.a = a[0].File
	fx.shared = fx.a.Related[1].PersonID
	// A rename leaves the old name in an older log entry and version.
	fx.a.Person.FamilyName = eraseMarkers[0]
	if err := v.SaveCase(&fx.a); err != nil {
		t.Fatal(err)
	}
	if err := v.AddNote(&model.Note{CaseID: fx.a.ID, Text: "second " + eraseMarkers[4]}); err != nil {
		t.Fatal(err)
	}
	if err := v.AddEvent(&model.Event{CaseID: fx.a.ID, Kind: model.EventCourtSeized,
		Date: model.Date{Year: 2020, Month: 1, Day: 6}, Court: eraseMarkers[5], Number: "2000123"}); err != nil {
		t.Fatal(err)
	}
	if err := v.AddManualDeadline(&model.Deadline{CaseID: fx.a.ID, Label: eraseMarkers[6],
		Due: model.Date{Year: 2030, Month: 1, Day: 7}}); err != nil {
		t.Fatal(err)
	}
	doc := bytes.Repeat([]byte(eraseMarkers[7]+" "), 300<<10/16) // ~300 KiB: two chunks, in the value log
	fx.docBytes = len(doc)
	if _, err := v.AddDocument(fx.a.ID, "scan.pdf", bytes.NewReader(doc)); err != nil {
		t.Fatal(err)
	}
	fx.b = model.CaseFile{
		Case:   model.Case{Procedure: model.ProcAsylum, Status: model.StatusClosed, Closed: model.Date{Year: 2020, Month: 1, Day: 2}, Opened: model.Date{Year: 2019, Month: 1, Day: 2}},
		Person: model.Person{FamilyName: eraseMarkers[9]},
	}
	if err := v.SaveCase(&fx.b); err != nil {
		t.Fatal(err)
	}
	if _, err := v.MergePersons(fx.a.PersonID, fx.b.PersonID); err != nil {
		t.Fatal(err)
	}
	if _, err := v.MergePersons(fx.c.PersonID, fx.shared); err != nil {
		t.Fatal(err)
	}
	return fx
}

// TestEraseLeavesNoTrace is the erasure proof (issue 7): in a Badger store
// without encryption or compression, so that a scan of its files can see
// data, the markers are found before (proving both scans), and after the
// two cases are erased no marker is left in any version of any key Badger
// holds, nor in any byte of its files, open or closed; the rest of the
// vault is intact and Check finds nothing wrong.
func TestEraseLeavesNoTrace(t *testing.T) {
	old := engine.Compression
	engine.Compression = options.None
	defer func() { engine.Compression = old }()
	dir := t.TempDir()
	v := openPlain(t, dir)
	fx := buildErasureFixture(t, v)

	if hits := allVersionHits(t, v, eraseMarkers); len(hits) == 0 {
		t.Fatal("the version scan finds no marker before erasure: it proves nothing")
	}
	if hits := ScanForMarkers(t, dir, eraseMarkers); len(hits) < 3 {
		t.Fatalf("the file scan finds too few markers before erasure: %v", hits)
	}
	before, err := v.ListCases()
	if err != nil {
		t.Fatal(err)
	}

	// b first: its person was merged into a's, who is still in a.
	rep, err := v.EraseCase(fx.b.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.People) != 0 || len(rep.KeptPeople) != 1 {
		t.Errorf("erasing b: people erased %v, kept %v; want none erased, a's person kept", rep.People, rep.KeptPeople)
	}
	rep, err = v.EraseCase(fx.a.ID)
	if err != nil {
		t.Fatal(err)
	}
	// a's person, b's merged tombstone, a's own relative; the relative
	// merged into c's person stays with c.
	if len(rep.People) != 3 || len(rep.KeptPeople) != 1 || rep.KeptPeople[0] != fx.c.PersonID {
		t.Errorf("erasing a: erased %v, kept %v", rep.People, rep.KeptPeople)
	}

	if hits := allVersionHits(t, v, eraseMarkers); len(hits) > 0 {
		t.Fatalf("markers still held by Badger after erasure:\n%s", strings.Join(hits, "\n"))
	}
	if hits := ScanForMarkers(t, dir, eraseMarkers); len(hits) > 0 {
		t.Fatalf("markers in the files of the open store after erasure:\n%s", strings.Join(hits, "\n"))
	}
	r, err := v.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("check after erasure:\n%s", strings.Join(r.Problems, "\n"))
	}
	after, err := v.ListCases()
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before)-2 {
		t.Errorf("%d cases after erasing 2 of %d", len(after), len(before))
	}
	for _, ref := range []string{fx.a.Ref, fx.b.Ref} {
		if _, err := v.Case(ref); err == nil {
			t.Errorf("case %s still readable", ref)
		}
	}
	c, err := v.Case(fx.c.Ref)
	if err != nil || c.Person.FamilyName != fx.c.Person.FamilyName {
		t.Fatalf("the untouched case changed: %v", err)
	}
	tombs, err := v.Erasures()
	if err != nil || len(tombs) != 2 {
		t.Fatalf("tombstones: %v, %v", tombs, err)
	}
	for _, tomb := range tombs {
		if tomb.By != v.Author() || time.Since(tomb.ErasedAt) > time.Hour {
			t.Errorf("tombstone %+v", tomb)
		}
	}
	v.Close()
	if hits := ScanForMarkers(t, dir, eraseMarkers); len(hits) > 0 {
		t.Fatalf("markers in the files of the closed store after erasure:\n%s", strings.Join(hits, "\n"))
	}
}

// TestEraseEncryptedVaultStaysConsistent erases in an ordinary (encrypted)
// vault, reopens it, and checks it.
func TestEraseEncryptedVaultStaysConsistent(t *testing.T) {
	dir := t.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	fx := buildErasureFixture(t, v)
	if _, err := v.EraseCase(fx.a.Ref); err != nil {
		t.Fatal(err)
	}
	// a's person stays: b names them.
	if hits := allVersionHits(t, v, eraseMarkers[3:8]); len(hits) > 0 {
		t.Fatalf("markers of a still held:\n%s", strings.Join(hits, "\n"))
	}
	v.Close()
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	r, err := v.Check()
	if err != nil || !r.OK() {
		t.Fatalf("check: %v %v", err, r.Problems)
	}
	if _, err := v.Case(fx.b.Ref); err != nil {
		t.Fatalf("case b should remain: %v", err)
	}
}

// TestEraseResumesAfterCrash: a plan left behind (as a crash after the
// tombstone would leave it) is carried out when the vault, reopened, lists
// the cases due.
func TestEraseResumesAfterCrash(t *testing.T) {
	dir := t.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	fx := buildErasureFixture(t, v)
	// What EraseCase does before carrying the plan out.
	var plan *erasePlan
	a, err := v.Case(fx.a.Ref)
	if err != nil {
		t.Fatal(err)
	}
	if err := v.db.View(func(txn *badger.Txn) (err error) {
		plan, _, err = erasure.PlanCase(txn, &a.Case)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if err := v.update(func(ch *change) error {
		b, _ := json.Marshal(plan)
		ch.set(layout.ErasingKey(fx.a.ID), b)
		return ch.putRecord(KindErasure, fx.a.ID, Erasure{ErasedAt: time.Now().UTC(), By: "x"}, nil)
	}); err != nil {
		t.Fatal(err)
	}
	r, _ := v.Check()
	if r.OK() {
		t.Fatal("check should report the interrupted erasure")
	}
	v.Close()
	v, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if _, err := v.CasesDue(v.today()); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Case(fx.a.Ref); err == nil {
		t.Fatal("case a survived the resumed erasure")
	}
	if r, err := v.Check(); err != nil || !r.OK() {
		t.Fatalf("check after resume: %v %v", err, r.Problems)
	}
}

func TestCasesDue(t *testing.T) {
	v := newVault(t)
	mk := func(status model.Status, closed, end model.Date) model.CaseFile {
		f := model.CaseFile{Case: model.Case{Procedure: model.ProcOther, Status: status, Opened: model.Date{Year: 2015, Month: 1, Day: 1},
			Closed: closed, EndOfMission: end}, Person: model.Person{FamilyName: "Due"}}
		if err := v.SaveCase(&f); err != nil {
			t.Fatal(err)
		}
		return f
	}
	d := func(y, m, day int) model.Date { return model.Date{Year: y, Month: time.Month(m), Day: day} }
	today := v.today()
	old := mk(model.StatusClosed, d(2016, 2, 1), d(2016, 3, 1))     // due since 2021-03-01
	undated := mk(model.StatusArchived, model.Date{}, model.Date{}) // listed without a date
	mk(model.StatusOpen, model.Date{}, model.Date{})                // never listed
	recent := mk(model.StatusClosed, today, today)                  // not yet
	rows, err := v.CasesDue(today)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Ref != old.Ref || rows[0].DeletableFrom != d(2021, 3, 1) || rows[1].Ref != undated.Ref || !rows[1].NoDate {
		t.Fatalf("rows: %+v", rows)
	}
	_ = recent
	if err := v.SetRetentionYears(12); err != nil {
		t.Fatal(err)
	}
	if rows, _ := v.CasesDue(today); len(rows) != 1 || !rows[0].NoDate {
		t.Fatalf("with 12 years: %+v", rows)
	}
	if err := v.SetRetentionYears(0); err == nil {
		t.Fatal("0 years accepted")
	}
}
