// Command casefile is the case manager of clinics that defend foreign
// nationals in France. With no command it opens the desktop app; with one it
// runs the CLI (see docs/cli.md). Given only bundles (casefile
// FILE.casefile.age, what a file manager runs on a double-click), it opens
// the app and previews their import once the vault is unlocked.
package main

import (
	"os"
	"strings"
	_ "time/tzdata" // Europe/Paris and the overseas zones on any machine

	"casefile/app"
	"casefile/cli"
)

func main() {
	args, bundles := splitBundles(os.Args[1:])
	os.Exit(cli.Main(args, func(vault string) error {
		releaseOwnConsole()
		return app.Run(vault, bundles...)
	}))
}

// splitBundles takes the *.casefile.age paths out of args when they are its
// only operands (besides the global options --vault and --passphrase-file),
// so that the CLI sees no command and opens the app. A command's own
// arguments ("import X.casefile.age") are left alone.
func splitBundles(args []string) (rest, bundles []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--vault" || a == "-vault" || a == "--passphrase-file" || a == "-passphrase-file":
			rest = append(rest, a)
			if i+1 < len(args) {
				i++
				rest = append(rest, args[i])
			}
		case strings.HasPrefix(a, "-"):
			rest = append(rest, a)
		case strings.HasSuffix(strings.ToLower(a), ".casefile.age"):
			bundles = append(bundles, a)
		default:
			return args, nil // a command
		}
	}
	return rest, bundles
}
