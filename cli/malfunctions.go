package cli

import (
	"fmt"
	"strings"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// casefile malfunction add|list: the ANEF malfunctions a case met
// (docs/evidence.md, "One log"). A malfunction is an entry of the case's
// evidence log (an attempt with a category, the day without a time): the
// same record the evidence log, the figures, the référé readiness and the
// letters read. `case set` does not take them.

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
	fmt.Fprintln(env.Stdout, m.ID)
	return nil
}

// malfunctionsOf lists a case's malfunctions, oldest first: the entries
// of its evidence log that count as one (model.Evidence.IsMalfunction),
// with the entry's id, its day in Paris and its text.
func malfunctionsOf(v *store.Vault, caseID string) ([]model.Malfunction, error) {
	log, err := v.EvidenceLog(caseID)
	if err != nil {
		return nil, err
	}
	out := []model.Malfunction{}
	for i := len(log) - 1; i >= 0; i-- { // the log is newest first
		e := log[i]
		if e.IsMalfunction() {
			out = append(out, model.Malfunction{ID: e.ID, Category: e.Category, Date: model.ParisDate(e.At), Text: e.What})
		}
	}
	return out, nil
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
	list, err := malfunctionsOf(v, f.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(env.Stderr, i18n.T("app.malfunctions.none"))
		return nil
	}
	for _, m := range list {
		fmt.Fprintf(env.Stdout, "- %s %s (%s)\n  %s\n", i18n.Date(m.Date), i18n.T("malfunction."+string(m.Category)),
			m.Category, strings.ReplaceAll(m.Text, "\n", "\n  "))
	}
	return nil
}

// printMalfunctions is the malfunctions part of `case show`.
func printMalfunctions(env *Env, v *store.Vault, caseID string) error {
	list, err := malfunctionsOf(v, caseID)
	if err != nil || len(list) == 0 {
		return err
	}
	fmt.Fprintf(env.Stdout, "\n%s\n", i18n.T("field.malfunctions"))
	for _, m := range list {
		fmt.Fprintf(env.Stdout, "- %s %s\n  %s\n", i18n.Date(m.Date), i18n.T("malfunction."+string(m.Category)),
			strings.ReplaceAll(m.Text, "\n", "\n  "))
	}
	return nil
}
