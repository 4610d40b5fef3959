package app

import (
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/store"
)

// How urgent a deadline looks (docs/review.md, "Urgency"): red once less
// than 72 hours are left (or none), orange under a week; the theme's error
// and warning colours are chosen to be read on both backgrounds (theme.go).
const (
	urgentWithin = 72 * time.Hour
	soonWithin   = 7 * 24 * time.Hour
)

// urgency is the importance a deadline with left to run is drawn with.
func urgency(left time.Duration) widget.Importance {
	switch {
	case left < urgentWithin:
		return widget.DangerImportance
	case left < soonWithin:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

// dueText is a deadline's day, with its time when it has one:
// "30/11/2026 15:00".
func dueText(d store.Due) string {
	s := i18n.Date(d.Day)
	if d.Timed {
		s += " " + d.At.Format("15:04")
	}
	return s
}

// leftText says how long is left: "reste 30 h 12 min" under 72 hours,
// "reste 12 minutes" under one, "reste 3 jours" beyond, "dépassé" once
// past.
func leftText(left time.Duration) string {
	switch {
	case left <= 0:
		return i18n.T("urgency.left.passed")
	case left < time.Hour:
		return i18n.TPlural("urgency.left.minutes", int(left/time.Minute))
	case left < urgentWithin:
		m := int(left / time.Minute)
		return i18n.T("urgency.left.hours", map[string]string{"H": strconv.Itoa(m / 60), "M": strconv.Itoa(m % 60)})
	}
	return i18n.TPlural("urgency.left.days", int(left/(24*time.Hour)))
}

// caseHeading is the case screen's title and, under it, the case's next
// open deadline (what, when, how long is left, in its urgency's colour)
// and how many are overdue. For a deadline with a time the countdown runs
// while the screen is shown. The case form puts it in its header.
func (a *App) caseHeading(heading string, caseID string) fyne.CanvasObject {
	t := title(heading)
	v := a.Vault()
	if caseID == "" || v == nil {
		return t
	}
	ds, err := v.Deadlines(caseID)
	if err != nil {
		return t
	}
	line := widget.NewLabel("")
	line.TextStyle = fyne.TextStyle{Bold: true}
	line.Truncation = fyne.TextTruncateEllipsis
	late := widget.NewLabel("")
	late.Importance = widget.DangerImportance
	update := func() bool {
		now := nowFunc()
		d, due, ok, overdue := store.NextOpen(ds, now)
		text, imp := i18n.T("urgency.header.none"), widget.LowImportance
		if ok {
			what := i18n.DescribeDeadline(store.DeadlineView{Deadline: d}).What
			text = i18n.T("urgency.header.next", map[string]string{"What": what, "When": dueText(due), "Left": leftText(due.Left(now))})
			imp = urgency(due.Left(now))
		}
		if line.Text != text || line.Importance != imp {
			line.Text, line.Importance = text, imp
			line.Refresh()
		}
		if overdue > 0 {
			late.SetText(i18n.TPlural("urgency.header.overdue", overdue))
			late.Show()
		} else {
			late.Hide()
		}
		return ok && due.Timed
	}
	live := update()
	box := container.NewVBox(t, container.NewBorder(nil, nil, nil, late, line))
	if live {
		a.tickWhileShown(box, time.Second, func() { update() })
	}
	return box
}

// tickWhileShown calls fn every period, on the UI thread, for as long as
// o is in the window's content (a tree of containers) and the vault open.
// The ticker starts before the screen holding o is set: it is set by the
// first tick.
func (a *App) tickWhileShown(o fyne.CanvasObject, period time.Duration, fn func()) {
	startTicker(a, o, period, fn)
}

// startTicker runs tickWhileShown's goroutine. Tests replace it and call
// the ticks themselves: Fyne's test driver runs fyne.DoAndWait on the
// calling goroutine, where a tick would race with the test's own reads.
var startTicker = func(a *App, o fyne.CanvasObject, period time.Duration, fn func()) {
	go func() {
		t := time.NewTicker(period)
		defer t.Stop()
		for range t.C {
			stop := false
			fyne.DoAndWait(func() {
				if a.Vault() == nil || !within(a.win.Content(), o) {
					stop = true
					return
				}
				fn()
			})
			if stop {
				return
			}
		}
	}()
}

// within says whether o is in the tree of containers under root.
func within(root, o fyne.CanvasObject) bool {
	if root == o {
		return true
	}
	if c, ok := root.(*fyne.Container); ok {
		for _, ch := range c.Objects {
			if within(ch, o) {
				return true
			}
		}
	}
	return false
}
