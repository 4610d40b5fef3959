// Command casefile is the case manager of clinics that defend foreign
// nationals in France. With no command it opens the desktop app; with one it
// runs the CLI (see docs/cli.md).
package main

import (
	"os"
	_ "time/tzdata" // Europe/Paris and the overseas zones on any machine

	"casefile/app"
	"casefile/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], func(vault string) error {
		releaseOwnConsole()
		return app.Run(vault)
	}))
}
