package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
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
	if code != 0 || !strings.Contains(out, "windows-1252") || !strings.Contains(out, "Line 3 refused") || !strings.Contains(stderr, "2 case(s) would be created") {
		t.Fatalf("dry run: %d\n%s\n%s", code, out, stderr)
	}
	if list, _, _ := run(t, passEnv(), "", "--vault", vault, "case", "list", "--json"); strings.Contains(list, "FAUR") {
		t.Fatal("the dry run wrote cases")
	}
	_, stderr, code = run(t, passEnv(), "", "--vault", vault, "import-csv", file)
	if code != ExitInvalid || !strings.Contains(stderr, "2 case(s) created, 1 line(s) refused") {
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
	if _, stderr, code := run(t, passEnv(), "", "--vault", other, "import-csv", csvOut); code != 0 || !strings.Contains(stderr, "2 case(s) created") {
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
