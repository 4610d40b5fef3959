package cli

import (
	"fmt"

	"casefile/i18n"
	"casefile/internal/version"
	"casefile/model"
	"casefile/model/deadline"
	"casefile/store"
)

func init() {
	commands["version"] = cmdVersion
	helpSections = append(helpSections, "version.cli.usage")
}

// RulesLawAsOf is the law-as-of date of the deadline rules this build
// carries (tests change it); zero leaves the rules line out.
var RulesLawAsOf = model.Date(deadline.LawAsOf)

// version: what this build is, without opening the vault.
func cmdVersion(env *Env, args []string) error {
	fs := flags(env, "version")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("version takes no argument")
	}
	for _, line := range VersionLines(model.DateOf(now())) {
		fmt.Fprintln(env.Stdout, line)
	}
	return nil
}

// VersionLines are the lines `casefile version` prints, translated; the
// About screen shows the same (i18n.VersionLines).
func VersionLines(today model.Date) []string {
	return i18n.VersionLines(version.Get(), store.FormatVersion, RulesLawAsOf, today)
}
