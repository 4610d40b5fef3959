package app

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/fakeclinic"
	"casefile/i18n"
	"casefile/internal/privtemp"
	"casefile/model"
	"casefile/store"
)

// caseApp is an app unlocked on a fresh vault with one fictional case, its
// window showing what show builds for that case.
func caseApp(t *testing.T, show func(a *App, caseID string) fyne.CanvasObject) (*App, *store.Vault, model.CaseFile) {
	t.Helper()
	t.Setenv("LANG", "en_US.UTF-8")
	t.Setenv("XDG_RUNTIME_DIR", t.TempDir())
	i18n.Reload()
	c, err := store.Create(filepath.Join(t.TempDir(), "vault"), pass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	f := fakeclinic.New(7).CaseFile(model.Today(nowFunc(), nowFunc().Location()))
	f.Procedure = model.ProcRenewal
	f.Checklist, f.Malfunctions = nil, nil
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	fa := test.NewTempApp(t)
	a := &App{fa: fa, win: fa.NewWindow("test"), dir: v.Dir(), vault: v}
	a.win.Resize(fyne.NewSize(1000, 800))
	a.win.SetContent(show(a, f.ID))
	t.Cleanup(a.Lock)
	return a, v, f
}

func pngBytes(t *testing.T) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 4, 3))
	img.Set(1, 1, color.RGBA{200, 30, 30, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestDocumentsTabAddPreviewOpenDelete(t *testing.T) {
	wait := waiter(t)
	var opened *url.URL
	oldOpen := openURL
	openURL = func(_ fyne.App, u *url.URL) error { opened = u; return nil }
	t.Cleanup(func() { openURL = oldOpen })

	a, v, f := caseApp(t, (*App).documentsTab)
	w := a.Window()
	label(t, w, "No document yet")

	// Adding goes through the same path as the file dialog's callback.
	refresh := func() { w.SetContent(a.documentsTab(f.ID)) }
	a.addDocument(f.ID, "photo.png", io.NopCloser(bytes.NewReader(pngBytes(t))), refresh)
	wait()
	label(t, w, "photo.png")
	docs, _ := v.Documents(f.ID)
	if len(docs) != 1 || docs[0].MIME != "image/png" {
		t.Fatalf("stored %+v", docs)
	}

	// Preview: decoded in memory, shown in a dialog, nothing on disk.
	test.Tap(button(t, w, "Preview"))
	wait()
	if inOverlay(t, w, func(*canvas.Image) bool { return true }) == nil {
		t.Fatal("no preview image")
	}
	dir, _ := privtemp.Dir()
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Fatalf("preview wrote to the temp dir: %v", err)
	}

	// Open: warning, then a private clear copy handed to the viewer.
	test.Tap(button(t, w, "Open"))
	if opened != nil {
		t.Fatal("opened before the warning was accepted")
	}
	inOverlay(t, w, func(l *widget.Label) bool { return strings.Contains(l.Text, "clear copy") })
	test.Tap(inOverlay(t, w, func(b *widget.Button) bool { return b.Text == "Yes" }))
	wait()
	if opened == nil || opened.Scheme != "file" {
		t.Fatalf("opened %v", opened)
	}
	b, err := os.ReadFile(opened.Path)
	if err != nil || !bytes.Equal(b, pngBytes(t)) || !strings.HasPrefix(opened.Path, dir) {
		t.Fatalf("copy at %s: %v", opened.Path, err)
	}

	// Lock wipes the copy.
	a.Lock()
	if _, err := os.Stat(opened.Path); !os.IsNotExist(err) {
		t.Fatalf("copy survives lock: %v", err)
	}
}

func TestDocumentsTabDeleteAndChecklist(t *testing.T) {
	a, v, f := caseApp(t, func(a *App, caseID string) fyne.CanvasObject { return widget.NewLabel("") })
	if _, err := v.AddDocument(f.ID, "bail.pdf", strings.NewReader("%PDF-1.4")); err != nil {
		t.Fatal(err)
	}
	w := a.Window()
	w.SetContent(a.documentsTab(f.ID))
	label(t, w, "bail.pdf")

	// Ticking an item stores it with the case.
	passport := find(t, w, func(c *widget.Check) bool { return strings.HasPrefix(c.Text, "Passport") })
	test.Tap(passport)
	got, _ := v.Case(f.ID)
	if !got.Ticked("passport") {
		t.Fatalf("tick not stored: %v", got.Checklist)
	}
	if n := len(allOf[*widget.Check](t, w)); n != len(model.Checklist(model.ProcRenewal)) {
		t.Fatalf("%d checklist items shown", n)
	}

	// Delete asks first.
	test.Tap(button(t, w, "Delete"))
	test.Tap(inOverlay(t, w, func(b *widget.Button) bool { return b.Text == "Yes" }))
	if docs, _ := v.Documents(f.ID); len(docs) != 0 {
		t.Fatalf("not deleted: %+v", docs)
	}
	label(t, w, "No document yet")
}

func TestHistoryTabListsChanges(t *testing.T) {
	a, v, f := caseApp(t, func(a *App, caseID string) fyne.CanvasObject { return widget.NewLabel("") })
	v.SetAuthor("Me Alpha")
	if _, err := v.SetCaseFields(f.ID, map[string]string{"prefecture": "Nord (Lille)"}); err != nil {
		t.Fatal(err)
	}
	w := a.Window()
	w.SetContent(a.historyTab(f.ID))
	label(t, w, "changes, newest first")
	// The newest change is on the first row.
	label(t, w, "Case › Prefecture")
	label(t, w, "→ Nord (Lille)")
	label(t, w, "Me Alpha")
}

func TestMalfunctionsCardAdds(t *testing.T) {
	a, v, f := caseApp(t, (*App).malfunctionsCard)
	w := a.Window()
	label(t, w, "No ANEF malfunction")
	test.Tap(button(t, w, "Add a malfunction…"))
	// Saving without a category keeps the form open with the reason.
	save := inOverlay(t, w, func(b *widget.Button) bool { return b.Text == "Save" })
	test.Tap(save)
	inOverlay(t, w, func(l *widget.Label) bool { return strings.Contains(l.Text, "Malfunction category") })
	sel := inOverlay(t, w, func(s *widget.Select) bool { return len(s.Options) == len(model.MalfunctionCategories) })
	sel.SetSelected(sel.Options[8]) // no appointment
	text := inOverlay(t, w, func(e *widget.Entry) bool { return e.MultiLine })
	test.Type(text, "Aucun créneau depuis trois semaines.")
	test.Tap(save)
	// One record: an entry of the evidence log, which the figures, the
	// readiness and the letters read too.
	log, _ := v.EvidenceLog(f.ID)
	if len(log) != 1 || log[0].Category != model.MalfNoAppointment || log[0].What != "Aucun créneau depuis trois semaines." ||
		!log[0].DateOnly || log[0].Channel != model.EvidenceAppointment {
		t.Fatalf("stored %+v", log)
	}
	if got, _ := v.Case(f.ID); len(got.Malfunctions) != 0 {
		t.Fatalf("also on the case: %+v", got.Malfunctions)
	}
	label(t, w, "No prefecture appointment")
}

// inOverlay finds an object of type T in the window's dialogs (overlays),
// which allOf does not walk.
func inOverlay[T fyne.CanvasObject](t *testing.T, w fyne.Window, ok func(T) bool) T {
	t.Helper()
	var found T
	var done bool
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if done || o == nil {
			return
		}
		if x, is := o.(T); is && ok(x) {
			found, done = x, true
			return
		}
		if c, is := o.(*fyne.Container); is {
			for _, ch := range c.Objects {
				walk(ch)
			}
		}
		if wd, is := o.(fyne.Widget); is {
			for _, ch := range test.TempWidgetRenderer(t, wd).Objects() {
				walk(ch)
			}
		}
	}
	for _, o := range w.Canvas().Overlays().List() {
		walk(o)
	}
	if !done {
		t.Fatalf("no %T in the dialogs", found)
	}
	return found
}

// A case form opened before a tick or a malfunction was added must not
// undo them when it saves.
func TestFormSaveKeepsTicksAndMalfunctions(t *testing.T) {
	_, v, f := caseApp(t, func(a *App, caseID string) fyne.CanvasObject { return widget.NewLabel("") })
	stale, _ := v.Case(f.ID)
	if err := v.TickChecklist(f.ID, "photos", true); err != nil {
		t.Fatal(err)
	}
	m := model.Malfunction{Category: model.MalfNoProgress, Date: f.Opened, Text: "Rien depuis le dépôt."}
	if err := v.AddMalfunction(f.ID, &m); err != nil {
		t.Fatal(err)
	}
	stale.Prefecture = "Gironde (Bordeaux)"
	keepTabEdits(v, stale)
	if err := v.SaveCase(stale); err != nil {
		t.Fatal(err)
	}
	got, _ := v.Case(f.ID)
	log, _ := v.EvidenceLog(f.ID)
	if !got.Ticked("photos") || len(log) != 1 || log[0].ID != m.ID || got.Prefecture != "Gironde (Bordeaux)" {
		t.Fatalf("after save: %v %+v %s", got.Checklist, log, got.Prefecture)
	}
}
