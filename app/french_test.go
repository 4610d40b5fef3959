package app

import (
	"bytes"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
)

// chooseFile makes the save dialog choose path, as a user would.
func chooseFile(t *testing.T, path string) {
	old := pickSaveFile
	pickSaveFile = func(_ *App, _, _ string, got func(fyne.URIWriteCloser, error)) {
		w, err := storage.Writer(storage.NewFileURI(path))
		got(w, err)
	}
	t.Cleanup(func() { pickSaveFile = old })
}

// With no viewer on the computer, opening a document says so in words
// (not `exec: "xdg-open": executable file not found in $PATH`) and offers
// to save a copy, which is written where the user chooses, named with its
// folder.
func TestOpenWithoutViewerOffersACopy(t *testing.T) {
	wait := waiter(t)
	oldOpen := openURL
	var tried string
	openURL = func(_ fyne.App, u *url.URL) error {
		tried = u.Path
		return &exec.Error{Name: "xdg-open", Err: exec.ErrNotFound}
	}
	t.Cleanup(func() { openURL = oldOpen })
	a, v, f := caseApp(t, (*App).documentsTab)
	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
	w := a.Window()
	content := []byte("%PDF-1.4 décision de la préfecture")
	a.addDocument(f.ID, "decision.pdf", nopCloser{bytes.NewReader(content)}, func() { w.SetContent(a.documentsTab(f.ID)) })
	wait()
	test.Tap(button(t, w, i18n.T("app.documents.open")))
	test.Tap(overlayButton(t, w, "Oui"))
	wait()
	msg := inDialog(t, w, "Aucun programme de cet ordinateur")
	if strings.Contains(msg.Text, "xdg-open") || strings.Contains(msg.Text, "$PATH") {
		t.Fatalf("raw system error in the message: %q", msg.Text)
	}
	if _, err := os.Stat(tried); !os.IsNotExist(err) {
		t.Fatalf("the clear copy for the missing viewer stays on disk: %v", err)
	}
	out := filepath.Join(t.TempDir(), "copie.pdf")
	chooseFile(t, out)
	test.Tap(overlayButton(t, w, "Enregistrer une copie…"))
	wait()
	if b, err := os.ReadFile(out); err != nil || !bytes.Equal(b, content) {
		t.Fatalf("copy: %q, %v", b, err)
	}
	inDialog(t, w, "copie.pdf, dans le dossier "+filepath.Dir(out))
	_ = v
}

type nopCloser struct{ *bytes.Reader }

func (nopCloser) Close() error { return nil }

// The weekly review's export says the folder as well as the file.
func TestExportNamesTheFolder(t *testing.T) {
	a, _ := unlockedApp(t, 2)
	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
	out := filepath.Join(t.TempDir(), "agenda.ics")
	chooseFile(t, out)
	(&reviewScreen{app: a}).save("x.ics", ".ics", []byte("BEGIN:VCALENDAR"))
	inDialog(t, a.Window(), "agenda.ics, dans le dossier "+filepath.Dir(out)+". Ce fichier n’est pas chiffré.")
}

// A vault just created, with no case, is not asked for a backup; one with
// a case is.
func TestNoBackupReminderOnAnEmptyVault(t *testing.T) {
	a, _ := unlockedApp(t, 0)
	if a.remindBackup() {
		t.Fatal("backup reminder on a vault with no case")
	}
	b, _ := unlockedApp(t, 1)
	if !b.remindBackup() {
		t.Fatal("no backup reminder on a vault with a case never backed up")
	}
}

// "Creating the vault…" is progress, not an error: not in the error colour.
func TestCreatingTheVaultIsNotShownAsAnError(t *testing.T) {
	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
	wait := waiter(t)
	fa := test.NewTempApp(t)
	a := New(fa, filepath.Join(t.TempDir(), "vault"))
	a.showSetup()
	w := a.Window()
	es := allOf[*widget.Entry](t, w)
	test.Type(es[0], "un autre mot de passe")
	test.Type(es[1], "un autre")
	test.Tap(button(t, w, i18n.T("app.setup.create")))
	l := label(t, w, i18n.T("app.setup.differ"))
	if l.Importance != widget.DangerImportance {
		t.Fatalf("a mistake not in the error colour: %v", l.Importance)
	}
	test.Type(es[1], " mot de passe")
	// The same label says "Creating…"; read it without walking the window,
	// which the vault's creation, running, will change.
	test.Tap(button(t, w, i18n.T("app.setup.create")))
	if l.Text != i18n.T("app.setup.creating") || l.Importance == widget.DangerImportance {
		t.Fatalf("%q shown in the error colour (%v)", l.Text, l.Importance)
	}
	wait()
	t.Cleanup(a.Lock)
}
