package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"casefile/model"
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

func dateOf(t time.Time) model.Date { return model.DateOf(t.Local()) }

var nowFunc = time.Now
