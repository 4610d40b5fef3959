package cli

import (
	"regexp"
	"sort"
	"testing"
)

// TestHelpListsEveryCommand: a command registered in commands but missing
// from the help is one nobody finds. Each must start a usage line
// ("  name …") in English and in French.
func TestHelpListsEveryCommand(t *testing.T) {
	names := make([]string, 0, len(commands))
	for name := range commands {
		if name != "help" && name != "version" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	for _, lang := range []string{"en_GB.UTF-8", "fr_FR.UTF-8"} {
		out, _, code := run(t, map[string]string{"LANG": lang, "LC_ALL": lang}, "", "help")
		if code != 0 {
			t.Fatalf("help exited %d", code)
		}
		for _, name := range names {
			if !regexp.MustCompile(`(?m)^  ` + regexp.QuoteMeta(name) + `\b`).MatchString(out) {
				t.Errorf("%s: help has no usage line for %q", lang, name)
			}
		}
	}
}
