package csvio

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"
)

// FuzzMapping: a mapping file (from a colleague, another clinic, or the
// one remembered from the last import) and a CSV file, both hostile, as
// the import reads them: ReadMapping, ReadTable, Guess on top of the
// mapping, Cases. Whatever they hold,
//   - nothing panics;
//   - an accepted mapping is of this version or older, names only fields
//     a column can feed, and reads back the same once written;
//   - the guessed mapping keeps every column the mapping names, and feeds
//     only importable fields;
//   - each row becomes a case or a refusal, never both, and every case
//     taken is valid as of today and has a family name.
func FuzzMapping(f *testing.F) {
	f.Add([]byte(`{"version":1,"columns":{"Nom":"person.family_name"}}`), []byte("Nom;Prénom\nA;B\n"))
	f.Fuzz(func(t *testing.T, mapping, table []byte) {
		m, err := ReadMapping(bytes.NewReader(mapping))
		if err != nil {
			m = nil // the import goes on with the columns' names alone
		} else {
			if m.Version > MappingVersion {
				t.Fatalf("mapping of version %d taken", m.Version)
			}
			for col, field := range m.Columns {
				if field != "" && !Importable(field) {
					t.Fatalf("column %q feeds %q", col, field)
				}
			}
			b, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			back, err := ParseMapping(b)
			if err != nil || !reflect.DeepEqual(back, m) {
				t.Fatalf("written and read again: %+v, %v; was %+v", back, err, m)
			}
		}
		tab, err := ReadTable(bytes.NewReader(table))
		if err != nil {
			return // FuzzReadTable
		}
		g := Guess(tab.Header, m)
		for _, col := range tab.Header {
			field, ok := g.Columns[col]
			if m != nil {
				if want, named := m.Columns[col]; named && (!ok || field != want) {
					t.Fatalf("column %q: the mapping says %q, the guess %q", col, want, field)
				}
			}
			if field != "" && !Importable(field) {
				t.Fatalf("guessed column %q feeds %q", col, field)
			}
		}
		res, err := Cases(tab, g, today)
		if err != nil {
			if !errors.Is(err, ErrNoNameColumn) {
				t.Fatal(err)
			}
			return
		}
		if len(res.Cases)+len(res.Rejected) != len(tab.Rows) || len(res.Lines) != len(res.Cases) {
			t.Fatalf("%d rows became %d cases and %d refusals", len(tab.Rows), len(res.Cases), len(res.Rejected))
		}
		for i, c := range res.Cases {
			if err := c.Validate(today); err != nil {
				t.Fatalf("line %d: a case taken is invalid: %v", res.Lines[i], err)
			}
			if c.Person.FamilyName == "" {
				t.Fatalf("line %d: a case without a family name", res.Lines[i])
			}
		}
	})
}

// TestWriteMappingFuzzSeeds rewrites testdata/fuzz/FuzzMapping when
// CASEFILE_WRITE_SEEDS=1: mappings a clinic writes, hostile ones, each
// with the CSV seeds of FuzzReadTable.
func TestWriteMappingFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite testdata/fuzz/FuzzMapping")
	}
	mappings := map[string]string{
		"clinic":         `{"version":1,"columns":{"Nom":"person.family_name","Prénom":"person.given_names","Date de naissance":"person.birth_date","N° AGDREF":"person.agdref","Procédure":"procedure","Statut":"status","Ouvert le":"opened","Juriste":"lawyer"}}`,
		"ignored-column": `{"version":1,"columns":{"Nom":"person.family_name","Remarques":""}}`,
		"two-for-one":    `{"version":1,"columns":{"Nom":"person.family_name","Prénom":"person.family_name"}}`,
		"unknown-field":  `{"version":1,"columns":{"Nom":"person.id"}}`,
		"newer":          `{"version":2,"columns":{"Nom":"person.family_name"}}`,
		"not-json":       `version=1`,
		"no-version":     `{"columns":{"Nom":"person.family_name","\u001b[2J":"prefecture"}}`,
	}
	csvs := map[string]string{
		"semicolons": "Nom;Prénom;Date de naissance;N° AGDREF;Procédure;Statut;Ouvert le;Juriste;Remarques\n" +
			"Okafor;Chidi;12/03/1990;7501234567;renouvellement;en cours;02/01/2026;Me Samuel Okoye;=HYPERLINK(\"http://evil.example\")\n" +
			"Nguyen;Thi;31/02/1990;;asile;clos;;;\n" +
			"'=Dupont;Jean;;;;;;;\n",
		"commas": "\ufeffNom,Prénom,Statut\nMartin,Léa,archivé\n,Sans nom,ouvert\n",
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzMapping")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for mn, m := range mappings {
		for cn, c := range csvs {
			seed := "go test fuzz v1\n[]byte(" + strconv.Quote(m) + ")\n[]byte(" + strconv.Quote(c) + ")\n"
			if err := os.WriteFile(filepath.Join(dir, mn+"-"+cn), []byte(seed), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}
