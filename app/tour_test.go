package app

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"casefile/i18n"
	"casefile/store"
)

// TestScreenshotTour writes a picture of every screen walkEveryScreen
// shows, at 1024×700 and 1400×900, in French and English, into the folder
// CASEFILE_TOUR_DIR (scripts/screenshot-tour.sh); skipped without it. The
// pictures are drawn by Fyne's software painter (the test driver), from
// the same widgets and theme as the real window.
func TestScreenshotTour(t *testing.T) {
	out := os.Getenv("CASEFILE_TOUR_DIR")
	if out == "" {
		t.Skip("CASEFILE_TOUR_DIR not set")
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"fr", "en"} {
		for _, size := range []fyne.Size{{Width: 1024, Height: 700}, {Width: 1400, Height: 900}} {
			t.Run(fmt.Sprintf("%s-%d", lang, int(size.Width)), func(t *testing.T) {
				homeUnder(t)
				locale := map[string]string{"fr": "fr_FR.UTF-8", "en": "en_US.UTF-8"}[lang]
				t.Setenv("LANG", locale)
				i18n.Reload()
				a := New(test.NewTempApp(t), filepath.Join(t.TempDir(), "vault"))
				w := a.Window()
				w.Resize(size)
				look := func(name string) {
					for i := 0; running.Load() > 0 && i < 12000; i++ {
						time.Sleep(10 * time.Millisecond)
					}
					w.Resize(size)
					img := w.Canvas().Capture()
					f, err := os.Create(filepath.Join(out, fmt.Sprintf("tour-%s-%s-%d.png", name, lang, int(size.Width))))
					if err != nil {
						t.Fatal(err)
					}
					if err := (&png.Encoder{CompressionLevel: png.BestCompression}).Encode(f, img); err != nil {
						t.Fatal(err)
					}
					f.Close()
					c := w.Canvas()
					for o := c.Overlays().Top(); o != nil; o = c.Overlays().Top() {
						c.Overlays().Remove(o)
					}
				}
				walkEveryScreen(t, a, false, look, func(*store.Vault, []string) {})
			})
		}
	}
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
}
