package cli

import (
	"fmt"
	"strings"

	"casefile/i18n"
	"casefile/model"
)

// casefile malfunction add|list: the ANEF malfunctions a case met
// (docs/documents.md). `case set` does not take them: they are added one at
// a time, each with its category, date and text.

func init() {
	commands["malfunction"] = cmdMalfunction
	helpSections = append(helpSections, "documents.usage_malfunction")
}

func cmdMalfunction(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("malfunction needs add or list")
	}
	switch args[0] {
	case "add":
		return malfunctionAdd(env, args[1:])
	case "list":
		return malfunctionList(env, args[1:])
	}
	return usagef("unknown malfunction subcommand %q", args[0])
}

func malfunctionAdd(env *Env, args []string) error {
	fs := flags(env, "malfunction add")
	category := fs.String("category", "", "")
	date := fs.String("date", "", "")
	text := fs.String("text", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *category == "" || *date == "" {
		return usagef("malfunction add needs REF, --category and --date")
	}
	day, err := i18n.ParseDate(*date)
	if err != nil {
		return err
	}
	v, f, err := openCase(env, "malfunction add", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	m := model.Malfunction{Category: model.MalfunctionCategory(*category), Date: day, Text: *text}
	if err := v.AddMalfunction(f.ID, &m); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("documents.malfunction_added", map[string]string{"Ref": f.Ref}))
	return nil
}

func malfunctionList(env *Env, args []string) error {
	fs := flags(env, "malfunction list")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	v, f, err := openCase(env, "malfunction list", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	if *asJSON {
		list := f.Malfunctions
		if list == nil {
			list = []model.Malfunction{}
		}
		return writeJSON(env.Stdout, list)
	}
	if len(f.Malfunctions) == 0 {
		fmt.Fprintln(env.Stderr, i18n.T("app.malfunctions.none"))
		return nil
	}
	for _, m := range f.Malfunctions {
		fmt.Fprintf(env.Stdout, "- %s %s (%s)\n  %s\n", i18n.Date(m.Date), i18n.T("malfunction."+string(m.Category)),
			m.Category, strings.ReplaceAll(m.Text, "\n", "\n  "))
	}
	return nil
}
