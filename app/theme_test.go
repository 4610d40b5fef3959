package app

import (
	"image/color"
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// luminance and contrast as WCAG 2 defines them.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// TestSecondaryTextIsReadable: LowImportance labels meet WCAG AA (4.5:1)
// on the background of both variants; Fyne's own colour did not.
func TestSecondaryTextIsReadable(t *testing.T) {
	th := readableTheme{theme.DefaultTheme()}
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		bg := th.Color(theme.ColorNameBackground, v)
		if c := contrast(th.Color(theme.ColorNameDisabled, v), bg); c < 4.5 {
			t.Errorf("variant %d: secondary text contrast %.1f:1, want ≥ 4.5", v, c)
		}
		if c := contrast(theme.DefaultTheme().Color(theme.ColorNameDisabled, v), bg); c >= 4.5 {
			t.Logf("variant %d: Fyne's own colour is readable now (%.1f:1): the override may go", v, c)
		}
	}
}

// TestUrgencyColoursAreReadable: the red and orange of deadlines (error
// and warning) meet WCAG AA (4.5:1) as text on the background of both
// variants, and as the background of a button's text; red and orange stay
// apart.
func TestUrgencyColoursAreReadable(t *testing.T) {
	th := readableTheme{theme.DefaultTheme()}
	for _, v := range []fyne.ThemeVariant{theme.VariantDark, theme.VariantLight} {
		bg := th.Color(theme.ColorNameBackground, v)
		for _, c := range []struct {
			name, on fyne.ThemeColorName
		}{{theme.ColorNameError, theme.ColorNameForegroundOnError}, {theme.ColorNameWarning, theme.ColorNameForegroundOnWarning}} {
			if got := contrast(th.Color(c.name, v), bg); got < 4.5 {
				t.Errorf("variant %d: %s text contrast %.1f:1, want ≥ 4.5", v, c.name, got)
			}
			if got := contrast(th.Color(c.on, v), th.Color(c.name, v)); got < 4.5 {
				t.Errorf("variant %d: text on %s, contrast %.1f:1, want ≥ 4.5", v, c.name, got)
			}
		}
		if contrast(th.Color(theme.ColorNameError, v), th.Color(theme.ColorNameWarning, v)) < 1.1 {
			t.Errorf("variant %d: red and orange alike", v)
		}
	}
}
