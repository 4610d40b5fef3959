// Command gen draws Casefile's app icon (icons/casefile.png): a case folder
// with a padlock on a deep blue tile. Run `go generate ./icons` after
// changing it; the PNG is committed so builds need no generator.
package main

import (
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

const size = 512

func main() {
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	blue := color.NRGBA{0x1d, 0x3f, 0x72, 0xff}
	paper := color.NRGBA{0xf5, 0xc8, 0x4c, 0xff}
	tab := color.NRGBA{0xe0, 0xa9, 0x2a, 0xff}
	white := color.NRGBA{0xff, 0xff, 0xff, 0xff}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			if inRounded(x, y, 8, 8, size-8, size-8, 96) {
				img.Set(x, y, blue)
			}
			// folder tab and body
			if inRounded(x, y, 96, 130, 250, 190, 18) {
				img.Set(x, y, tab)
			}
			if inRounded(x, y, 96, 165, 416, 400, 24) {
				img.Set(x, y, paper)
			}
			// padlock: shackle then body
			dx, dy := float64(x-256), float64(y-270)
			r := math.Hypot(dx, dy)
			if y <= 270 && r >= 38 && r <= 56 {
				img.Set(x, y, blue)
			}
			if (x >= 200 && x <= 218 || x >= 294 && x <= 312) && y >= 270 && y <= 290 {
				img.Set(x, y, blue)
			}
			if inRounded(x, y, 186, 285, 326, 375, 14) {
				img.Set(x, y, blue)
			}
			if math.Hypot(float64(x-256), float64(y-318)) <= 12 || x >= 251 && x <= 261 && y >= 318 && y <= 350 {
				img.Set(x, y, white)
			}
		}
	}
	f, err := os.Create("casefile.png")
	if err != nil {
		panic(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		panic(err)
	}
}

func inRounded(x, y, x0, y0, x1, y1, r int) bool {
	if x < x0 || x > x1 || y < y0 || y > y1 {
		return false
	}
	cx, cy := x, y
	switch {
	case x < x0+r:
		cx = x0 + r
	case x > x1-r:
		cx = x1 - r
	}
	switch {
	case y < y0+r:
		cy = y0 + r
	case y > y1-r:
		cy = y1 - r
	}
	return math.Hypot(float64(x-cx), float64(y-cy)) <= float64(r)
}
