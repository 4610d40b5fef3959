package app

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/encoding/unicode"

	"casefile/csvio"
	"casefile/fakeclinic"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// importSheet is a clinic's spreadsheet: "Nom usuel" is no name Casefile
// knows, line 3 has an impossible date, line 4 a malformed e-mail.
const importSheet = "Nom usuel;Prénom;Né(e) le;Procédure;Courriel\n" +
	"DIALLO;Awa;03/04/1991;Renouvellement;\n" +
	"MARTIN;Léa;31/02/1990;asile;\n" +
	"NGUYEN;An;02/03/1985;;pas-un-email\n" +
	"BERNARD;Zoé;;OQTF;zoe@example.org\n"

// selectFor is the mapping dialog's select of column header.
func selectFor(t *testing.T, imp *csvImport, header string) *widget.Select {
	t.Helper()
	for i, h := range imp.tab.Header {
		if h == header {
			return imp.selects[i]
		}
	}
	t.Fatalf("no column %q", header)
	return nil
}

// pick chooses label in a column's drop-down as a user does. The select is
// set with its callback detached, then the callback runs: Fyne's test
// driver runs a background job's fyne.Do at once on the job's goroutine,
// and a job as short as these (a few rows) raced with the select still
// refreshing itself inside SetSelected. In the app both run on the UI
// goroutine, one after the other, as here.
func pick(sel *widget.Select, label string) {
	changed := sel.OnChanged
	sel.OnChanged = nil
	sel.SetSelected(label)
	sel.OnChanged = changed
	changed(label)
}

// The spreadsheet is chosen in the file dialog; the dialog says what was
// detected; with no column for the family name nothing can be imported;
// mapped, the preview shows each row ready or refused with its reason;
// the import creates the ready ones and lists the refused; the mapping is
// remembered for this header set.
func TestCSVImportMappingAndErrors(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	folder := clientHome(t)
	file := filepath.Join(folder, "dossiers.csv")
	if err := os.WriteFile(file, []byte(importSheet), 0o600); err != nil {
		t.Fatal(err)
	}
	wait := waiter(t)
	a, _ := unlockedApp(t, 0)
	w := a.Window()
	a.showCSVImport()
	openIn(t, w, clientFolder, "dossiers.csv")
	wait() // read
	wait() // rows turned into cases
	labelIn(t, w, "dossiers.csv: read as UTF-8, columns separated by semicolons (;), 4 rows")
	var imp *csvImport
	// The dialog is the import's: find it through its run button.
	run := buttonIn(t, w, "Import 0 cases")
	if !run.Disabled() {
		t.Fatal("import possible without a family name")
	}
	labelIn(t, w, "No column goes into “Family name”")
	imp = importOf(t, a)

	sel := selectFor(t, imp, "Nom usuel")
	pick(sel, i18n.Field("person.family_name"))
	wait()
	labelIn(t, w, "Line 2 ready: DIALLO Awa (Permit renewal)")
	if l := labelIn(t, w, "Line 3 refused: "); l.Importance != widget.DangerImportance || !strings.Contains(l.Text, "“31/02/1990” is not a date that exists") {
		t.Fatalf("line 3: %q", l.Text)
	}
	labelIn(t, w, "Line 4 refused: ")
	labelIn(t, w, "2 cases will be created, 2 lines refused")

	// A field feeds one column: choosing it for another clears the first.
	pick(selectFor(t, imp, "Prénom"), i18n.Field("person.family_name"))
	wait()
	if sel.Selected != i18n.T("csv.ignored") {
		t.Fatalf("Nom usuel still maps to %q", sel.Selected)
	}
	pick(sel, i18n.Field("person.family_name"))
	wait()
	pick(selectFor(t, imp, "Prénom"), i18n.Field("person.given_names"))
	wait()

	var created int
	var refused []csvio.Rejected
	imp.done = func(n int, r []csvio.Rejected, err error) {
		if err != nil {
			t.Error(err)
		}
		created, refused = n, r
	}
	test.Tap(buttonIn(t, w, "Import 2 cases"))
	wait()
	if created != 2 || len(refused) != 2 || refused[0].Line != 3 || refused[1].Line != 4 {
		t.Fatalf("created %d, refused %+v", created, refused)
	}
	labelIn(t, w, "2 cases created.")
	labelIn(t, w, "2 lines refused.")
	labelIn(t, w, "Line 3 refused: Date of birth: “31/02/1990” is not a date that exists")
	list, err := a.Vault().ListCases()
	if err != nil || len(list) != 2 {
		t.Fatalf("%d cases in the vault (%v)", len(list), err)
	}

	// The same columns again: the mapping comes back from the vault.
	b, ok, err := a.Vault().Setting(csvio.MappingSetting(imp.tab.Header))
	if err != nil || !ok || !strings.Contains(string(b), `"Nom usuel": "person.family_name"`) {
		t.Fatalf("mapping not remembered: %s %v", b, err)
	}
	again := a.openCSVImport(file)
	wait()
	wait()
	if got := selectFor(t, again, "Nom usuel").Selected; got != i18n.Field("person.family_name") {
		t.Fatalf("remembered mapping not proposed: %q", got)
	}
	for _, c := range []string{"DIALLO", "BERNARD", "Awa", "03/04/1991"} {
		if strings.Contains(string(b), c) {
			t.Fatalf("a cell (%s) is in the remembered mapping", c)
		}
	}
}

// importOf finds the import whose dialog is shown.
func importOf(t *testing.T, a *App) *csvImport {
	t.Helper()
	if a.csv == nil || a.csv.dlg == nil {
		t.Fatal("no import shown")
	}
	return a.csv
}

// The export warns that the file is not encrypted before asking where to
// write; the file then reads back as an import.
func TestCSVExportWarnsThenWrites(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	folder := clientHome(t)
	wait := waiter(t)
	a, _ := unlockedApp(t, 5)
	w := a.Window()
	before := len(w.Canvas().Overlays().List())
	a.showCSVExport()
	if l := labelIn(t, w, "will NOT be encrypted"); l.Importance != widget.DangerImportance {
		t.Fatal("the warning does not stand out")
	}
	if len(w.Canvas().Overlays().List()) != before+1 {
		t.Fatal("a file dialog before the warning was read")
	}
	test.Tap(buttonIn(t, w, "Choose where to write it…"))
	tapFile(t, w, clientFolder)
	saveAs(t, w, "liste.csv")
	wait()
	labelIn(t, w, "5 cases written to "+filepath.Join(folder, "liste.csv"))
	labelIn(t, w, "(not encrypted)")
	f, err := os.Open(filepath.Join(folder, "liste.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tab, err := csvio.ReadTable(f)
	if err != nil || len(tab.Rows) != 5 || tab.Header[1] != i18n.Field("person.family_name") {
		t.Fatalf("%v: %d rows, header %q", err, len(tab.Rows), tab.Header)
	}
	if fi, _ := f.Stat(); fi.Mode().Perm() != 0o600 {
		t.Errorf("written with mode %v", fi.Mode().Perm())
	}
}

// Excel's "Unicode text" export is read as what it is: the dialog says
// UTF-16 and tabs, and the names come through in their script.
func TestCSVImportReadsUnicodeText(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	folder := clientHome(t)
	sheet := "Nom\tPrénom\tNationalité\r\nبن علي\tKarim\tTunisienne\r\nПЕТРЕНКО\tОлена\tUkrainienne\r\n"
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(sheet))
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(folder, "export-excel.txt")
	os.WriteFile(file, b, 0o600)
	wait := waiter(t)
	a, _ := unlockedApp(t, 0)
	w := a.Window()
	a.openCSVImport(file)
	wait()
	wait()
	labelIn(t, w, "read as UTF-16 LE (Unicode text), columns separated by tabs, 2 rows")
	labelIn(t, w, "Line 2 ready: بن علي Karim")
	labelIn(t, w, "Line 3 ready: ПЕТРЕНКО Олена")
	test.Tap(buttonIn(t, w, "Import 2 cases"))
	wait()
	list, _ := a.Vault().ListCases()
	if len(list) != 2 {
		t.Fatalf("%d cases", len(list))
	}
}

// Section 2 for the spreadsheet import: once a sheet is imported, no cell
// of it is anywhere outside the vault and the folder the sheet lies in —
// not in the preferences, nor in any file under the home or the temporary
// folder (configuration, caches, the test app's storage); the mapping
// remembered in the vault holds header texts and field names only.
func TestCSVImportLeavesNoCellOutsideVault(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	folder := clientHome(t)
	home, _ := os.UserHomeDir()
	vaults := t.TempDir() // made before TMPDIR moves: not scanned
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	g := fakeclinic.New(11)
	today := model.DateOf(time.Now())
	var sheet strings.Builder
	sheet.WriteString("Nom usuel;Prénom;Téléphone;Remarque\n")
	var cells [][]byte
	for i := range 5 {
		p := g.CaseFile(today).Person
		remark := fmt.Sprintf("rappel-%d-%s", i, p.Phone)
		fmt.Fprintf(&sheet, "%s;%s;%s;%s\n", p.FamilyName, p.GivenNames, p.Phone, remark)
		cells = append(cells, []byte(remark))
		if len(p.FamilyName) >= 5 {
			cells = append(cells, []byte(p.FamilyName))
		}
		if p.Phone != "" {
			cells = append(cells, []byte(p.Phone))
		}
	}
	if err := os.WriteFile(filepath.Join(folder, "suivi.csv"), []byte(sheet.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(vaults, "vault")
	c, err := store.Create(dir, pass)
	if err != nil {
		t.Fatal(err)
	}
	fa := test.NewTempApp(t) // its storage under the temporary folder
	a := New(fa, dir)
	a.unlocked(c.Vault)
	t.Cleanup(a.Lock)
	w := a.Window()
	wait := waiter(t)
	a.showCSVImport()
	openIn(t, w, clientFolder, "suivi.csv")
	wait()
	wait()
	imp := importOf(t, a)
	pick(selectFor(t, imp, "Nom usuel"), i18n.Field("person.family_name"))
	wait()
	test.Tap(buttonIn(t, w, "Import 5 cases"))
	wait()
	list, err := a.Vault().ListCases()
	if err != nil || len(list) != 5 {
		t.Fatalf("%d cases imported (%v)", len(list), err)
	}
	mapping, ok, err := a.Vault().Setting(csvio.MappingSetting(imp.tab.Header))
	if err != nil || !ok {
		t.Fatalf("mapping not remembered (%v)", err)
	}
	for _, cell := range cells {
		if bytes.Contains(mapping, cell) {
			t.Errorf("the remembered mapping holds the cell %q: %s", cell, mapping)
		}
	}
	a.Lock()
	if leaks := leftBehind(fa, []string{home, tmp}, []string{folder, vaults}, cells); len(leaks) > 0 {
		t.Fatalf("cells of the sheet left outside the vault, in:\n%s", strings.Join(leaks, "\n"))
	}
	// The scan sees a cell where one is.
	fa.Preferences().SetString("probe", string(cells[0]))
	if leaks := leftBehind(fa, []string{home, tmp}, []string{folder, vaults}, cells); len(leaks) == 0 {
		t.Fatal("the scan does not see a cell in the preferences")
	}
}
