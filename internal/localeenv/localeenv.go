// Package localeenv reads the C and POSIX locales as English before any
// other package looks at the environment. Fyne's lang package picks the
// language in its own init and logs a parse error for "C"; importing this
// package first (its path sorts before fyne.io, and Go initialises ready
// packages in import-path order) keeps LANG=C quiet and working.
package localeenv

import (
	"os"
	"strings"
)

func init() { Normalize() }

// Normalize replaces C/POSIX locale variables with en_US.UTF-8, for this
// process only.
func Normalize() {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"} {
		switch val := os.Getenv(v); {
		case val == "C", val == "POSIX", strings.HasPrefix(val, "C."):
			os.Setenv(v, "en_US.UTF-8")
		}
	}
}
