package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"casefile/fakeclinic"
	"casefile/model"
)

func TestImportCSVFromFrenchExcel(t *testing.T) {
	vault := emptyVault(t)
	dir := t.TempDir()
	sheet, _ := charmap.Windows1252.NewEncoder().String("Nom;Prénom;Né(e) le;Procédure;Juriste;Remarque\r\n" +
		"FAURÉ;Élodie;03/04/1991;Renouvellement;Me Lambert;x\r\n" +
		"BERTIN;Noé;31/02/1990;asile;;\r\n" +
		"KONÉ;Awa;12/12/2001;OQTF;Me Lambert;\r\n")
	file := filepath.Join(dir, "dossiers.csv")
	os.WriteFile(file, []byte(sheet), 0o600)

	out, stderr, code := run(t, passEnv(), "", "--vault", vault, "import-csv", file, "--dry-run")
	if code != 0 || !strings.Contains(out, "windows-1252") || !strings.Contains(out, "Line 3 refused") || !strings.Contains(stderr, "2 cases would be created") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, stderr)
	}
	if list, _, _ := run(t, passEnv(), "", "--vault", vault, "case", "list", "--json"); strings.Contains(list, "FAUR") {
		t.Fatal("the dry run wrote cases")
	}
	_, stderr, code = run(t, passEnv(), "", "--vault", vault, "import-csv", file)
	if code != ExitInvalid || !strings.Contains(stderr, "2 cases created, 1 line refused") {
		t.Fatalf("import: %d %s", code, stderr)
	}
	list, _, _ := run(t, passEnv(), "", "--vault", vault, "case", "list", "--json")
	if !strings.Contains(list, "FAURÉ") || !strings.Contains(list, "removal-order") {
		t.Fatalf("list: %s", list)
	}

	// The export warns, and without a terminal wants --yes.
	csvOut := filepath.Join(dir, "liste.csv")
	_, stderr, code = run(t, passEnv(), "", "--vault", vault, "export-csv", "--out", csvOut)
	if code == 0 || !strings.Contains(stderr, "NOT be encrypted") {
		t.Fatalf("export without --yes: %d %s", code, stderr)
	}
	if _, err := os.Stat(csvOut); err == nil {
		t.Fatal("written without confirmation")
	}
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "export-csv", "--out", csvOut, "--yes", "--encoding", "windows-1252"); code != 0 {
		t.Fatal(stderr)
	}
	b, _ := os.ReadFile(csvOut)
	text, _ := charmap.Windows1252.NewDecoder().String(string(b))
	if !strings.Contains(text, "FAURÉ;Élodie;03/04/1991") {
		t.Fatalf("export: %s", text)
	}
	// What was exported imports into another vault as it is.
	other := emptyVault(t)
	if _, stderr, code := run(t, passEnv(), "", "--vault", other, "import-csv", csvOut); code != 0 || !strings.Contains(stderr, "2 cases created") {
		t.Fatalf("re-import of an export: %d %s", code, stderr)
	}
}

func emptyVault(t *testing.T) string {
	t.Helper()
	vault := filepath.Join(t.TempDir(), "vault")
	if _, stderr, code := run(t, passEnv(), "", "--vault", vault, "init"); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	return vault
}

// Excel's "Texte Unicode" export (UTF-16 LE with its mark, tabs) imports
// through the command as it does in the app: read as UTF-16, names in
// every script intact, an impossible date refused with its field and
// cell. Read as Windows-1252, as before, it gave NULs and no error. The
// mapping is remembered in the vault for this set of headers, and the
// same headers in another order find it again; a file with other headers
// does not.
func TestImportCSVUnicodeText(t *testing.T) {
	vault := emptyVault(t)
	dir := t.TempDir()
	g := fakeclinic.New(3)
	today := model.DateOf(time.Now())
	var rows []string
	var names []string
	for range 3 {
		p := g.CaseFile(today).Person
		names = append(names, p.FamilyName)
		rows = append(rows, p.FamilyName+"\t"+p.GivenNames+"\t"+p.BirthDate.String()+"\tOQTF")
	}
	rows = append(rows, "ПЕТРЕНКО\tОлена\t12/11/1988\tasile", "بن علي\tKarim\t31/02/1988\tvisa")
	sheet := "Nom usuel\tPrénom(s)\tNé(e) le\tDémarche\r\n" + strings.Join(rows, "\r\n") + "\r\n"
	u16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(sheet))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "suivi.txt")
	os.WriteFile(file, u16, 0o600)
	mapFile := filepath.Join(dir, "map.json")
	os.WriteFile(mapFile, []byte(`{"version":1,"columns":{"Nom usuel":"person.family_name"}}`), 0o600)

	out, stderr, code := run(t, passEnv(), "", "--vault", vault, "import-csv", file, "--map", mapFile)
	if code != ExitInvalid || !strings.Contains(out, "utf-16le") || !strings.Contains(out, `“\t”`) ||
		!strings.Contains(out, "Line 6 refused: Date of birth: “31/02/1988” is not a date that exists") ||
		!strings.Contains(stderr, "4 cases created, 1 line refused") || strings.Contains(out, "\x00") {
		t.Fatalf("import: %d\n%s\n%s", code, out, stderr)
	}
	list, _, _ := run(t, passEnv(), "", "--vault", vault, "case", "list", "--json")
	for _, n := range append(names, "ПЕТРЕНКО") {
		if !strings.Contains(list, n) {
			t.Errorf("%s not imported: %s", n, list)
		}
	}

	// The same headers in another order, without --map: "Nom usuel" is
	// remembered (Casefile does not guess it).
	again := filepath.Join(dir, "encore.csv")
	os.WriteFile(again, []byte("Démarche;Né(e) le;Prénom(s);Nom usuel\nvisa;;Ali;SOW\n"), 0o600)
	out, stderr, code = run(t, passEnv(), "", "--vault", vault, "import-csv", again, "--dry-run")
	if code != 0 || !strings.Contains(out, "Nom usuel → Family name") || !strings.Contains(stderr, "1 case would be created") {
		t.Fatalf("remembered mapping: %d\n%s\n%s", code, out, stderr)
	}
	// Other headers: that mapping is not theirs.
	other := filepath.Join(dir, "autre.csv")
	os.WriteFile(other, []byte("Nom usuel;Ville\nSOW;Lyon\n"), 0o600)
	if out, _, code := run(t, passEnv(), "", "--vault", vault, "import-csv", other, "--dry-run"); code == 0 || strings.Contains(out, "Nom usuel → Family name") {
		t.Fatalf("another header set took the mapping: %d\n%s", code, out)
	}
}
