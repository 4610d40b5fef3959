package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// title is a screen's heading.
func title(s string) fyne.CanvasObject {
	l := widget.NewLabel(s)
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.SizeName = "headingText"
	return l
}

// centered shows a form-like screen in a column of readable width.
func centered(content fyne.CanvasObject) fyne.CanvasObject {
	col := container.New(&maxWidth{width: 620}, content)
	return container.NewVScroll(container.NewCenter(col))
}

func layoutSpacer() fyne.CanvasObject { return layout.NewSpacer() }

// maxWidth lays its objects out at a fixed width (or the container's, if
// narrower), at their minimum height.
type maxWidth struct{ width float32 }

func (m *maxWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		// A wrapped text measures its height at the width it is given:
		// lay it out at the column's width first, or its first lines
		// overlap what follows.
		if o.Size().Width < m.width {
			o.Resize(fyne.NewSize(m.width, o.MinSize().Height))
		}
		if s := o.MinSize(); s.Height > h {
			h = s.Height
		}
	}
	return fyne.NewSize(m.width, h)
}

func (m *maxWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(size)
		o.Move(fyne.NewPos(0, 0))
	}
}

var nowFunc = time.Now

// column is one column of a table laid out by shareLayout: the width it
// never goes below, and its weight in sharing what is left.
type column struct{ min, weight float32 }

// shareLayout lays cells out side by side: each column at its minimum
// width plus a share, by weight, of the width left over. Its minimum is the
// sum of the minimums: in a narrow window the table (inside a horizontal
// scroll) scrolls instead of widening the window, and no choice of the
// user (an order, a filter) changes it.
type shareLayout struct{ cols []column }

func (s shareLayout) widths(total float32) []float32 {
	var min, weight float32
	for _, c := range s.cols {
		min, weight = min+c.min, weight+c.weight
	}
	extra := max(total-min, 0)
	out := make([]float32, len(s.cols))
	for i, c := range s.cols {
		out[i] = c.min
		if weight > 0 {
			out[i] += extra * c.weight / weight
		}
	}
	return out
}

func (s shareLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i, o := range objs {
		if i < len(s.cols) {
			w += s.cols[i].min
		}
		if o.Visible() {
			h = max(h, o.MinSize().Height)
		}
	}
	return fyne.NewSize(w, h)
}

func (s shareLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, w := range s.widths(size.Width) {
		if i >= len(objs) {
			break
		}
		objs[i].Move(fyne.NewPos(x, 0))
		objs[i].Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// tipLayer shows, above a screen, the whole text of a cell cut short
// (tipLabel), near the pointer. Nothing in it is tappable or hoverable:
// taps and the wheel reach what lies under it, as with a tooltip.
type tipLayer struct {
	box  *fyne.Container
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newTipLayer() *tipLayer {
	t := &tipLayer{bg: canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground)),
		text: canvas.NewText("", theme.Color(theme.ColorNameForeground))}
	t.bg.StrokeColor, t.bg.StrokeWidth = theme.Color(theme.ColorNameShadow), 1
	t.bg.CornerRadius = theme.InputRadiusSize()
	t.box = container.NewWithoutLayout(t.bg, t.text)
	t.hide()
	return t
}

// show writes s near the absolute position at, kept within the layer.
func (t *tipLayer) show(s string, at fyne.Position) {
	t.text.Text = s
	t.text.Color = theme.Color(theme.ColorNameForeground)
	t.bg.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	pad := theme.InnerPadding()
	size := t.text.MinSize().AddWidthHeight(2*pad, pad)
	origin := fyne.NewPos(0, 0)
	if d := fyne.CurrentApp().Driver(); d != nil {
		origin = d.AbsolutePositionForObject(t.box)
	}
	area := t.box.Size()
	pos := at.Subtract(origin).AddXY(12, 20)
	if area.Width > 0 {
		pos.X = max(0, min(pos.X, area.Width-size.Width))
	}
	if area.Height > 0 && pos.Y+size.Height > area.Height {
		pos.Y = max(0, pos.Y-size.Height-28)
	}
	t.bg.Move(pos)
	t.bg.Resize(size)
	t.text.Move(pos.AddXY(pad, pad/2))
	t.text.Resize(t.text.MinSize())
	t.bg.Show()
	t.text.Show()
	t.box.Refresh()
}

func (t *tipLayer) hide() {
	t.bg.Hide()
	t.text.Hide()
}

// tipLabel is a label cut with an ellipsis that shows its whole text in a
// tipLayer while the pointer is over it. The label is its only child.
type tipLabel struct {
	widget.BaseWidget
	label *widget.Label
	tips  *tipLayer
}

func newTipLabel(tips *tipLayer) *tipLabel {
	t := &tipLabel{label: widget.NewLabel(""), tips: tips}
	t.label.Truncation = fyne.TextTruncateEllipsis
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer draws the label.
func (t *tipLabel) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(t.label) }

// set changes the text and its importance, redrawing only on a change.
func (t *tipLabel) set(text string, imp widget.Importance) {
	if t.label.Text != text || t.label.Importance != imp {
		t.label.Text, t.label.Importance = text, imp
		t.label.Refresh()
	}
}

// cut says whether the text is wider than the label shows.
func (t *tipLabel) cut() bool {
	full := fyne.MeasureText(t.label.Text, theme.TextSize(), t.label.TextStyle).Width + 2*theme.InnerPadding()
	return full > t.Size().Width
}

// MouseIn shows the whole text when it is cut.
func (t *tipLabel) MouseIn(e *desktop.MouseEvent) { t.MouseMoved(e) }

// MouseMoved follows the pointer.
func (t *tipLabel) MouseMoved(e *desktop.MouseEvent) {
	if t.tips == nil {
		return
	}
	if t.Visible() && t.cut() {
		t.tips.show(t.label.Text, e.AbsolutePosition)
	} else {
		t.tips.hide()
	}
}

// MouseOut hides the text.
func (t *tipLabel) MouseOut() {
	if t.tips != nil {
		t.tips.hide()
	}
}
