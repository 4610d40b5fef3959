package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// readableTheme is Fyne's theme with one change: the colour of secondary
// text. Fyne draws LowImportance labels (empty lists, hints, done
// deadlines, event details) in its "disabled" colour, #39393a on the dark
// background and #e3e3e3 on the light one: contrast ratios of 1.6 and 1.3,
// which nobody reads on a laptop in a corridor. These greys keep the text
// secondary and readable (about 5:1 on either background, WCAG AA).
type readableTheme struct{ fyne.Theme }

var (
	secondaryOnDark  = color.NRGBA{R: 0x8e, G: 0x8e, B: 0x90, A: 0xff}
	secondaryOnLight = color.NRGBA{R: 0x6e, G: 0x6e, B: 0x70, A: 0xff}
)

// The colours of urgency (docs/review.md, "Urgency"): red for a deadline
// with less than 72 hours left or past, orange under a week. Fyne's own,
// #f44336 and #ff9800, read at 3.7:1 and 2.2:1 on the light background,
// and red at 4.9:1 on the dark one; these read at 5:1 or more as text on
// their background and under the text of a button they colour (white on
// the light variant, the dark background's colour on the dark one).
var (
	urgentOnLight = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	soonOnLight   = color.NRGBA{R: 0xb8, G: 0x50, B: 0x00, A: 0xff}
	urgentOnDark  = color.NRGBA{R: 0xff, G: 0x6b, B: 0x6b, A: 0xff}
)

func (t readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	dark := v == theme.VariantDark
	switch n {
	case theme.ColorNameDisabled:
		if dark {
			return secondaryOnDark
		}
		return secondaryOnLight
	case theme.ColorNameError:
		if dark {
			return urgentOnDark
		}
		return urgentOnLight
	case theme.ColorNameWarning:
		if !dark {
			return soonOnLight
		}
	}
	return t.Theme.Color(n, v)
}
