package sync

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casefile/fakeclinic"
	"casefile/model"
	"casefile/store"
)

// TestErasurePropagates: A erases a case that B holds and that B edited
// (a new note, a changed phone number) without having heard of the
// erasure yet. After the syncs, neither vault holds anything of it — in
// any key or version Badger keeps, before and after reopening —, no
// segment in the shared folder carries it, and C, a member who syncs
// only at the end, never sees it.
func TestErasurePropagates(t *testing.T) {
	folder, vaults, teams := newTeamOf(t, 3)
	a, b, c := vaults[0], vaults[1], vaults[2]
	addCases(t, a, 4, 1)
	g := fakeclinic.New(77)
	today := model.DateOf(time.Now())
	h := g.Household(today)
	h.File.Person.FamilyName = "Erasemarkerzq"
	notes := g.Notes(h.File, 1, today)
	notes[0].Text = "Notemarkerzq: rendez-vous en préfecture"
	nc := []store.NewCase{{File: h.File, Notes: notes}}
	mustOK(t, a.CreateCases(nc))
	ref := nc[0].File.Ref
	syncAll(t, teams[:2], 2)
	onB, err := b.Case(ref)
	mustOK(t, err)

	// B works on the case, and publishes, before hearing of the erasure.
	mustOK(t, b.AddNote(&model.Note{CaseID: onB.ID, Author: "Me Jules Martin", Time: time.Now(), Text: "Latenotemarkerzq: appel du client"}))
	onB.Person.Phone = "+33 6 99 99 99 99"
	mustOK(t, b.SaveCase(onB))
	mustSync(t, teams[1])

	if _, err := a.EraseCase(ref); err != nil {
		t.Fatal(err)
	}
	rep := mustSync(t, teams[0]) // pulls B's edits (dropped or let go), publishes the tombstone
	if rep.Cleaned == 0 {
		t.Fatalf("A rewrote none of its segments: %+v", rep)
	}
	rep = mustSync(t, teams[1])
	if rep.Erased != 1 || rep.Cleaned == 0 {
		t.Fatalf("B's sync after the erasure: %+v", rep)
	}
	syncAll(t, teams, 2)

	// Personal data; ids are random and stay in the tombstone and in
	// the erasure's own bookkeeping.
	marks := []string{"Erasemarkerzq", "Notemarkerzq", "Latenotemarkerzq", "+33 6 99 99 99 99", onB.Person.GivenNames}
	for i, v := range []*store.Vault{a, b, c} {
		if _, err := v.Case(ref); err == nil {
			t.Fatalf("vault %d still holds the case", i)
		}
		if n, err := v.Held(); err != nil || n != 0 {
			t.Fatalf("vault %d holds %d records back (%v)", i, n, err)
		}
		mustCheck(t, v)
		if hits := versionHits(t, v, marks); len(hits) > 0 {
			t.Fatalf("vault %d keeps %v", i, hits)
		}
		list, _ := v.ListCases()
		if len(list) != 4 {
			t.Fatalf("vault %d has %d cases, want the 4 others", i, len(list))
		}
	}
	if hits := folderHits(t, folder, a, marks); len(hits) > 0 {
		t.Fatalf("the shared folder keeps %v", hits)
	}
	// Reopened, B's vault (which erased on a tombstone, without closing
	// Badger) has compacted its value log and still holds nothing.
	dir := b.Dir()
	mustOK(t, b.Close())
	b2, err := store.Open(dir, testPass)
	mustOK(t, err)
	defer b2.Close()
	if hits := versionHits(t, b2, marks); len(hits) > 0 {
		t.Fatalf("B reopened keeps %v", hits)
	}
	mustCheck(t, b2)
}

// versionHits lists the markers found in any key or version of the vault;
// the erasure tombstone (named by the case id, and listing record ids) is
// meant to stay.
func versionHits(t *testing.T, v *store.Vault, marks []string) []string {
	t.Helper()
	var hits []string
	mustOK(t, v.AllVersionsForTests(func(k, val []byte) error {
		key := string(k)
		if strings.HasPrefix(key, "rec/"+store.KindErasure+"/") || strings.HasPrefix(key, "idx/hist/"+store.KindErasure+"/") ||
			strings.HasPrefix(key, "log/") && bytes.Contains(val, []byte(`"e":"`+store.KindErasure+`"`)) {
			val = nil // the tombstone and its log entry: ids only
		}
		for _, m := range marks {
			if strings.Contains(key, m) || bytes.Contains(val, []byte(m)) {
				hits = append(hits, key+": "+m)
			}
		}
		return nil
	}))
	return hits
}

// folderHits decrypts every segment in the folder with the team keys v
// holds and lists the markers found in their content outside tombstones.
func folderHits(t *testing.T, folder string, v *store.Vault, marks []string) []string {
	t.Helper()
	s, err := loadState(v)
	mustOK(t, err)
	_, ids, err := s.ageIdentities()
	mustOK(t, err)
	var hits []string
	logs := filepath.Join(folder, Root, dirLog)
	devs, err := os.ReadDir(logs)
	mustOK(t, err)
	n := 0
	for _, d := range devs {
		files, err := os.ReadDir(filepath.Join(logs, d.Name()))
		mustOK(t, err)
		for _, f := range files {
			data, err := os.ReadFile(filepath.Join(logs, d.Name(), f.Name()))
			mustOK(t, err)
			var sf *sealedFile
			for _, id := range ids {
				if sf, err = open(data, id); err == nil {
					break
				}
			}
			mustOK(t, err)
			var body segmentBody
			mustOK(t, sf.body(&body))
			n++
			for _, ch := range body.Changes {
				for _, op := range ch.Ops {
					if op.Entity == store.KindErasure {
						continue
					}
					b, _ := json.Marshal(op)
					for _, m := range marks {
						if bytes.Contains(b, []byte(m)) {
							hits = append(hits, d.Name()+"/"+f.Name()+": "+m)
						}
					}
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no segment in the folder")
	}
	return hits
}
