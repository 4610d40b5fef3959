package app

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Driving Fyne's own file dialog as a user does: it is the top overlay of
// the window; its files and folders are tappable widgets labelled with
// their names (without extension in its grid view); one button confirms.

// topOverlay is the overlay shown last (a file dialog over a form).
func topOverlay(t *testing.T, w fyne.Window) fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog shown")
	}
	return top
}

// fileItems are the tappable entries of a file dialog, by the name shown.
func fileItems(t *testing.T, o fyne.CanvasObject) map[string]fyne.Tappable {
	items := map[string]fyne.Tappable{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
			return
		}
		wd, ok := o.(fyne.Widget)
		if !ok {
			return
		}
		children := test.TempWidgetRenderer(t, wd).Objects()
		if tp, ok := o.(fyne.Tappable); ok {
			if _, isButton := o.(*widget.Button); !isButton {
				for _, ch := range children {
					if l, ok := ch.(*widget.Label); ok && l.Text != "" {
						items[l.Text] = tp
					}
				}
			}
		}
		for _, ch := range children {
			walk(ch)
		}
	}
	walk(o)
	return items
}

// tapFile taps the file or folder name in the file dialog on top (a
// folder opens; a file is selected).
func tapFile(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	items := fileItems(t, topOverlay(t, w))
	for _, n := range []string{name, strings.TrimSuffix(name, filepath.Ext(name))} {
		if it, ok := items[n]; ok {
			test.Tap(it)
			return
		}
	}
	var names []string
	for n := range items {
		names = append(names, n)
	}
	t.Fatalf("no %q in the file dialog; it shows %q", name, names)
}

// confirmFileDialog taps the file dialog's confirming button (Open, Save,
// or the text the app gave it), the last enabled button of its bar.
func confirmFileDialog(t *testing.T, w fyne.Window) {
	t.Helper()
	buttons := objectsIn[*widget.Button](t, topOverlay(t, w))
	for i := len(buttons) - 1; i >= 0; i-- {
		if b := buttons[i]; b.Text != "" && !b.Disabled() {
			test.Tap(b)
			return
		}
	}
	t.Fatal("no button to confirm the file dialog")
}

// cancelFileDialog taps the file dialog's Cancel.
func cancelFileDialog(t *testing.T, w fyne.Window) {
	t.Helper()
	for _, b := range objectsIn[*widget.Button](t, topOverlay(t, w)) {
		if b.Text == "Cancel" || b.Text == "Annuler" {
			test.Tap(b)
			return
		}
	}
	t.Fatal("no Cancel in the file dialog")
}

// saveAs types name in the save dialog on top and saves.
func saveAs(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	entries := objectsIn[*widget.Entry](t, topOverlay(t, w))
	if len(entries) == 0 {
		t.Fatal("no file name entry: not a save dialog")
	}
	entries[0].SetText(name)
	confirmFileDialog(t, w)
}

// openIn enters folder (a child of the folder the dialog shows), then
// taps file in it, if any, and confirms.
func openIn(t *testing.T, w fyne.Window, folder, file string) {
	t.Helper()
	tapFile(t, w, folder)
	// The dialog reuses the tapped widget for the folder's first entry:
	// a second tap within the double-tap delay would open it at once.
	time.Sleep(fyne.CurrentApp().Driver().DoubleTapDelay() + 50*time.Millisecond)
	if file != "" {
		tapFile(t, w, file)
	}
	confirmFileDialog(t, w)
}

// buttonIn is the button labelled text in the window or its dialogs.
func buttonIn(t *testing.T, w fyne.Window, text string) *widget.Button {
	t.Helper()
	var all []*widget.Button
	all = append(all, allOf[*widget.Button](t, w)...)
	all = append(all, inOverlays[*widget.Button](t, w)...)
	for _, b := range all {
		if b.Text == text {
			return b
		}
	}
	var texts []string
	for _, b := range all {
		texts = append(texts, b.Text)
	}
	t.Fatalf("no button %q; buttons: %q", text, texts)
	return nil
}

// labelIn is the first label of the window or its dialogs holding part.
func labelIn(t *testing.T, w fyne.Window, part string) *widget.Label {
	t.Helper()
	var all []*widget.Label
	all = append(all, allOf[*widget.Label](t, w)...)
	all = append(all, inOverlays[*widget.Label](t, w)...)
	for _, l := range all {
		if strings.Contains(l.Text, part) {
			return l
		}
	}
	var texts []string
	for _, l := range all {
		texts = append(texts, l.Text)
	}
	t.Fatalf("no label with %q; labels: %q", part, texts)
	return nil
}
