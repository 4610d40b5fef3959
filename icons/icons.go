// Package icons embeds Casefile's app icon. The PNG is drawn by
// internal/gen; regenerate it with `go generate ./icons`.
package icons

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:generate go run ./internal/gen

//go:embed casefile.png
var appIconPNG []byte

// App is the application icon (512×512 PNG), used for the window, the
// desktop entry and FyneApp.toml.
var App = fyne.NewStaticResource("casefile.png", appIconPNG)
