package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/demo"
	"casefile/i18n"
	"casefile/model"
	"casefile/stats/render"
	"casefile/store"
)

// The Figures screen reads the cases off the UI goroutine, draws one chart
// per figure, and redraws them for a procedure; a bad date computes
// nothing.
func TestFiguresScreen(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	dir := filepath.Join(t.TempDir(), "vault")
	c, err := store.Create(dir, pass)
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Fill(c.Vault, 80, 3, nil); err != nil {
		t.Fatal(err)
	}
	a := New(test.NewTempApp(t), dir)
	a.unlocked(c.Vault)
	t.Cleanup(a.Lock)
	wait := waiter(t)
	a.showFigures()
	wait() // load
	wait() // compute and draw
	charts := chartsIn(t, a)
	if len(charts) != 6 {
		t.Fatalf("%d charts, want 6", len(charts))
	}
	for _, key := range []string{"stats.app.export_csv", "stats.app.export_png", "stats.app.export_pdf"} {
		if button(t, a.win, i18n.T(key)).Disabled() {
			t.Fatalf("%s disabled after the figures are drawn", key)
		}
	}
	label(t, a.win, "Pseudonymised")

	entries := allEntries(t, a.win)
	entries[0].SetText("31/02/2025")
	test.Tap(button(t, a.win, i18n.T("stats.app.apply")))
	// No job was started: the error dialog is up instead.
	if !strings.Contains(label(t, a.win, "Period").Text, "all dates") {
		t.Fatal("a bad date changed the figures")
	}

	entries[0].SetText("")
	for _, sel := range allOf[*widget.Select](t, a.win) {
		if len(sel.Options) == len(model.Procedures)+1 {
			sel.SetSelectedIndex(2) // renewal
		}
	}
	test.Tap(button(t, a.win, i18n.T("stats.app.apply")))
	wait()
	if l := label(t, a.win, "Period"); !strings.Contains(l.Text, i18n.Procedure(model.ProcRenewal)) {
		t.Fatalf("status %q does not name the procedure", l.Text)
	}
	if n := len(chartsIn(t, a)); n != 6 {
		t.Fatalf("%d charts after filtering", n)
	}
}

// chartsIn lists the images drawn from memory (the charts), not icons.
func chartsIn(t *testing.T, a *App) []*canvas.Image {
	var out []*canvas.Image
	seen := map[*canvas.Image]bool{} // the walker may reach one twice
	for _, img := range allOf[*canvas.Image](t, a.win) {
		if img.Image != nil && img.Image.Bounds().Dx() == render.Width && !seen[img] {
			seen[img] = true
			out = append(out, img)
		}
	}
	return out
}
