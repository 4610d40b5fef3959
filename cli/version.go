package cli

import (
	"fmt"
	"strings"

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

// VersionLines are the lines `casefile version` prints, translated: the
// version, the build date (and commit), the vault format this build writes,
// the age of its rules on today, and the Go toolchain.
func VersionLines(today model.Date) []string {
	info := version.Get()
	lines := []string{i18n.T("version.name", map[string]string{"Version": info.Version})}
	built := i18n.T("version.unknown_date")
	if !info.Built.IsZero() {
		built = i18n.Date(model.DateOf(info.Built))
	}
	if info.Commit != "" {
		commit := info.Commit
		if info.Modified {
			commit += "+"
		}
		lines = append(lines, i18n.T("version.built_commit", map[string]string{"Date": built, "Commit": commit}))
	} else {
		lines = append(lines, i18n.T("version.built", map[string]string{"Date": built}))
	}
	lines = append(lines, i18n.T("version.vault_format", map[string]int{"N": store.FormatVersion}))
	if r := i18n.RulesAge(RulesLawAsOf, today); r != "" {
		lines = append(lines, r)
	}
	if info.Go != "" {
		lines = append(lines, i18n.T("version.go", map[string]string{"Go": strings.TrimPrefix(info.Go, "go")}))
	}
	return lines
}
