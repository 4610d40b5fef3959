package app

import (
	"image/color"
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
)

// lockWarning is the countdown before auto-lock: a layer over the whole
// window that any mouse movement, click, wheel or key dismisses (counting
// as activity), so that a lawyer reading a long file is not locked out
// mid-sentence, and one who walked away is.
type lockWarning struct {
	widget.BaseWidget
	app   *App
	count *widget.Label
	prev  fyne.Focusable // what had the keyboard before
}

func (a *App) showLockWarning(left time.Duration) {
	secs := int(math.Ceil(left.Seconds()))
	if a.warning == nil {
		w := &lockWarning{app: a, count: widget.NewLabel("")}
		w.count.TextStyle = fyne.TextStyle{Bold: true}
		w.count.Alignment = fyne.TextAlignCenter
		w.count.Wrapping = fyne.TextWrapWord
		w.ExtendBaseWidget(w)
		c := a.win.Canvas()
		w.prev = c.Focused()
		w.Resize(c.Size())
		c.Overlays().Add(w)
		c.Focus(w)
		a.warning = w
		a.warned.Store(true)
	}
	a.warning.count.SetText(i18n.T("edits.lock_in", map[string]int{"N": max(secs, 0)}))
}

func (a *App) hideLockWarning() {
	w := a.warning
	if w == nil {
		return
	}
	a.warning = nil
	a.warned.Store(false)
	c := a.win.Canvas()
	c.Overlays().Remove(w)
	if w.prev != nil {
		c.Focus(w.prev)
	}
}

func (w *lockWarning) dismiss() {
	w.app.touch()
	if w.app.warning == w {
		w.app.hideLockWarning()
	}
}

func (w *lockWarning) CreateRenderer() fyne.WidgetRenderer {
	dim := canvas.NewRectangle(color.NRGBA{A: 0xcc})
	head := widget.NewLabelWithStyle(i18n.T("edits.lock_title"), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	w.count.SizeName = theme.SizeNameHeadingText
	hint := widget.NewLabel(i18n.T("edits.lock_hint"))
	hint.Wrapping = fyne.TextWrapWord
	hint.Alignment = fyne.TextAlignCenter
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	bg.StrokeColor = theme.Color(theme.ColorNameWarning)
	bg.StrokeWidth = 2
	icon := widget.NewIcon(theme.WarningIcon())
	box := container.NewStack(bg, container.NewPadded(container.NewPadded(
		container.NewVBox(container.NewCenter(icon), head, w.count, hint))))
	return widget.NewSimpleRenderer(container.NewStack(dim, container.NewCenter(container.New(&maxWidth{width: 480}, box))))
}

// Anything the user does dismisses it.
func (w *lockWarning) MouseIn(*desktop.MouseEvent)    { w.dismiss() }
func (w *lockWarning) MouseMoved(*desktop.MouseEvent) { w.dismiss() }
func (w *lockWarning) MouseOut()                      {}
func (w *lockWarning) Tapped(*fyne.PointEvent)        { w.dismiss() }
func (w *lockWarning) Scrolled(*fyne.ScrollEvent)     { w.dismiss() }
func (w *lockWarning) FocusGained()                   {}
func (w *lockWarning) FocusLost()                     {}
func (w *lockWarning) TypedRune(rune)                 { w.dismiss() }
func (w *lockWarning) TypedKey(*fyne.KeyEvent)        { w.dismiss() }
func (w *lockWarning) TypedShortcut(fyne.Shortcut)    { w.dismiss() }
