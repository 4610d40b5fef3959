package store

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"casefile/model"
)

// withField is a record's data with one field set to v.
func withField(t *testing.T, data json.RawMessage, field string, v json.RawMessage) json.RawMessage {
	t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(data, &fields); err != nil {
		t.Fatal(err)
	}
	fields[field] = v
	b, _ := json.Marshal(fields)
	return b
}

// withFutureValue is ce with its case's prefecture set to value by an
// operation dated at, as a bundle re-signed by whoever altered it would
// carry it: the record, its field version and a history entry agree, so
// the case is consistent on its own.
func withFutureValue(t *testing.T, ce CaseExport, value string, at time.Time) CaseExport {
	t.Helper()
	h := model.HLCAt(at)
	v, _ := json.Marshal(value)
	ce.Records = append([]ExportRecord(nil), ce.Records...)
	for i, r := range ce.Records {
		if r.Kind != KindCase {
			continue
		}
		r.Data = withField(t, r.Data, "prefecture", v)
		ver := map[string]model.HLC{}
		for f, x := range r.Ver {
			ver[f] = x
		}
		ver["prefecture"] = h
		r.Ver = ver
		ce.Records[i] = r
		ce.History = append(append([]ExportChange(nil), ce.History...), ExportChange{HLC: h, Device: "d-mallory", Author: "Mallory",
			Ops: []Op{{Entity: KindCase, ID: r.ID, Field: "prefecture", Value: v}}})
	}
	return ce
}

// TestImportFutureClockRefused: a bundle whose operation is dated 2100 was
// taken as newer; after a reopen (the clock ignores far-future values) the
// user's correction of the field got an older clock than the log's 2100
// operation, and `casefile check` found the field differing from the log.
// The import is now refused (ErrFutureClock, the sync horizon of
// MaxClockSkew), and the vault stays consistent whatever the bundle held.
func TestImportFutureClockRefused(t *testing.T) {
	a := newVault(t)
	files := fillClinic(t, a, 1, 21)
	ex, err := a.ExportCases(refsOf(files))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	c, err := Create(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	b := c.Vault
	if _, err := b.ImportCases(ex); err != nil {
		t.Fatal(err)
	}

	year2100 := time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)
	future := withFutureValue(t, ex[0], "Préfecture de l'an 2100", year2100)
	if err := CheckExport(&future); !errors.Is(err, ErrFutureClock) {
		t.Errorf("CheckExport: %v, want ErrFutureClock", err)
	}
	if _, err := b.ImportCases([]CaseExport{future}); !errors.Is(err, ErrFutureClock) {
		t.Errorf("import of a 2100 clock: %v, want ErrFutureClock", err)
	}
	// A day ahead is a clock set slightly wrong: accepted, as sync does.
	soon := withFutureValue(t, ex[0], "Préfecture de demain", time.Now().Add(MaxClockSkew-time.Hour))
	if err := CheckExport(&soon); err != nil {
		t.Fatalf("a clock 23 hours ahead: %v", err)
	}

	// The user corrects the field in a later session.
	b.Close()
	b, err = Open(dir, testPass)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	f, err := b.Case(files[0].Ref)
	if err != nil {
		t.Fatal(err)
	}
	f.Prefecture = "Préfecture de police"
	if err := b.SaveCase(f); err != nil {
		t.Fatal(err)
	}
	if f, _ = b.Case(files[0].Ref); f.Prefecture != "Préfecture de police" {
		t.Errorf("prefecture %q after the correction", f.Prefecture)
	}
	rep, err := b.Check()
	if err != nil {
		t.Fatal(err)
	}
	if !rep.OK() {
		t.Fatalf("check after the attack: %v", rep.Problems)
	}
}

// withDocumentName is ce with the name of its first document replaced by
// name, in the record and in every history operation that set it.
func withDocumentName(t *testing.T, ce CaseExport, name string) CaseExport {
	t.Helper()
	v, _ := json.Marshal(name)
	ce.Records = append([]ExportRecord(nil), ce.Records...)
	docID := ""
	for i, r := range ce.Records {
		if r.Kind != KindDocument {
			continue
		}
		r.Data = withField(t, r.Data, "name", v)
		ce.Records[i], docID = r, r.ID
		break
	}
	history := make([]ExportChange, len(ce.History))
	for i, ch := range ce.History {
		ch.Ops = append([]Op(nil), ch.Ops...)
		for j, op := range ch.Ops {
			if op.Entity == KindDocument && op.ID == docID && op.Field == "name" {
				ch.Ops[j].Value = v
			}
		}
		history[i] = ch
	}
	ce.History = history
	return ce
}

// TestDocumentNamesCleaned: a document named "../../../../tmp/x.pdf" was
// stored and listed as it came, from a bundle, from sync or from the
// command line. Every way in now cleans it with model.CleanDocumentName,
// and the vault stays consistent.
func TestDocumentNamesCleaned(t *testing.T) {
	const hostile, clean = "../../../../tmp/x.pdf", "x.pdf"
	a, b := newVault(t), newVault(t)
	files := fillClinic(t, a, 1, 23)
	// Added on this device (the app's dialog and `doc add` call this).
	for _, name := range []string{hostile, `..\..\Users\x.pdf`, "x\x1b]0;pwned\x07.pdf"} {
		d, err := a.AddDocument(files[0].ID, name, strings.NewReader("%PDF-1.4"))
		if err != nil {
			t.Fatal(err)
		}
		if d.Name != clean && d.Name != "x]0;pwned.pdf" {
			t.Errorf("added as %q: %q", name, d.Name)
		}
	}
	ex, err := a.ExportCases(refsOf(files))
	if err != nil {
		t.Fatal(err)
	}

	// From a bundle whose sender stored (or forged) a path as a name.
	in := withDocumentName(t, ex[0], hostile)
	if _, err := b.ImportBundle([]CaseExport{in}, ImportOptions{Documents: feedFrom(a, ex, nil)}); err != nil {
		t.Fatal(err)
	}
	docs, err := b.Documents(files[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		if d.Name != model.CleanDocumentName(d.Name) || strings.Contains(d.Name, "/") {
			t.Errorf("imported document listed as %q", d.Name)
		}
	}
	mustCheck(t, b)

	// From the shared folder: a change renaming a document.
	rename, _ := json.Marshal(hostile)
	ch := ExportChange{HLC: model.HLCAt(time.Now()), Device: "0191d3c4-5e6f-7a8b-9c0d-1e2f3a4b5c6d", Author: "Mallory",
		Ops: []Op{{Entity: KindDocument, ID: docs[0].ID, Field: "name", Value: rename}}}
	apply(t, b, []ExportChange{ch})
	d, err := b.Document(docs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != clean {
		t.Errorf("renamed by sync to %q", d.Name)
	}
	mustCheck(t, b)
}
