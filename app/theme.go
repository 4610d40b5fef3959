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

func (t readableTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if n == theme.ColorNameDisabled {
		if v == theme.VariantDark {
			return secondaryOnDark
		}
		return secondaryOnLight
	}
	return t.Theme.Color(n, v)
}
