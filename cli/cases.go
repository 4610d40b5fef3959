package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

func cmdCase(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("case needs add, show, list or set")
	}
	switch args[0] {
	case "add":
		return caseAdd(env, args[1:])
	case "show":
		return caseShow(env, args[1:])
	case "list":
		return caseList(env, args[1:])
	case "set":
		return caseSet(env, args[1:])
	}
	return usagef("unknown case subcommand %q", args[0])
}

// caseJSON is a case as the CLI reads and writes it: the case's fields, its
// main person under "person", and its notes when shown.
type caseJSON struct {
	model.CaseFile
	Notes []model.Note `json:"notes,omitempty"`
}

func caseAdd(env *Env, args []string) error {
	fs := flags(env, "case add")
	file := fs.String("json", "", "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *file == "" {
		return usagef("case add needs --json FILE or --json -")
	}
	var r io.Reader = env.Stdin
	if *file != "-" {
		f, err := os.Open(*file)
		if err != nil {
			return err
		}
		defer f.Close()
		r = f
	}
	var in caseJSON
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil {
		fmt.Fprintln(env.Stderr, i18n.T("cli.bad_json", map[string]string{"Detail": err.Error()}))
		return exitError{ExitInvalid, nil}
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	f := in.CaseFile
	f.ID, f.Ref = "", ""
	if err := warnLikelyMatches(env, v, f.Person); err != nil {
		return err
	}
	if err := v.SaveCase(&f); err != nil {
		return err
	}
	for _, n := range in.Notes {
		n.CaseID = f.ID
		if err := v.AddNote(&n); err != nil {
			return err
		}
	}
	fmt.Fprintln(env.Stderr, i18n.T("cli.case_added", map[string]string{"Ref": f.Ref}))
	fmt.Fprintln(env.Stdout, f.Ref)
	return nil
}

func caseShow(env *Env, args []string) error {
	fs := flags(env, "case show")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	v, f, err := openCase(env, "case show", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	notes, err := v.Notes(f.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, caseJSON{CaseFile: *f, Notes: notes})
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	row := func(field, val string) {
		if val != "" {
			fmt.Fprintf(w, "%s\t%s\n", i18n.Field(field), val)
		}
	}
	p := f.Person
	row("ref", f.Ref)
	for _, name := range model.PersonFields {
		row(name, i18n.PersonValue(p, name))
	}
	row("procedure", i18n.Procedure(f.Procedure))
	row("prefecture", f.Prefecture)
	row("anef_number", f.ANEFNumber)
	if f.Channel != "" {
		row("channel", i18n.T("channel."+string(f.Channel)))
	}
	if f.ANEFState != "" {
		row("anef_state", i18n.T("anef_state."+string(f.ANEFState)))
	}
	row("checklist", i18n.ChecklistProgress(f.Case))
	row("status", i18n.Status(f.Status))
	row("lawyer", f.Lawyer)
	row("opened", i18n.Date(f.Opened))
	row("closed", i18n.Date(f.Closed))
	row("outcome", f.Outcome)
	row("end_of_mission", i18n.Date(f.EndOfMission))
	w.Flush()
	if err := printMalfunctions(env, v, f.ID); err != nil { // malfunctions.go
		return err
	}
	if len(notes) > 0 {
		fmt.Fprintf(env.Stdout, "\n%s\n", i18n.T("cli.notes"))
		for _, n := range notes {
			fmt.Fprintf(env.Stdout, "- %s %s (%s)\n  %s\n", i18n.Date(model.DateOf(n.Time)),
				n.Time.Local().Format("15:04"), n.Author, strings.ReplaceAll(n.Text, "\n", "\n  "))
		}
	}
	return nil
}

func caseList(env *Env, args []string) error {
	fs := flags(env, "case list")
	asJSON := fs.Bool("json", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("case list takes no argument")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	list, err := v.ListCases()
	if err != nil {
		return err
	}
	if *asJSON {
		if list == nil {
			list = []store.CaseSummary{}
		}
		return writeJSON(env.Stdout, list)
	}
	if len(list) == 0 {
		fmt.Fprintln(env.Stderr, i18n.T("cli.no_cases"))
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", i18n.T("app.list.col.ref"), i18n.T("app.list.col.name"),
		i18n.T("app.list.col.procedure"), i18n.T("app.list.col.status"))
	for _, c := range list {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", c.Ref, c.Name, i18n.Procedure(c.Procedure), i18n.Status(c.Status))
	}
	return w.Flush()
}

func caseSet(env *Env, args []string) error {
	fs := flags(env, "case set")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("case set needs REF and at least one FIELD=VALUE")
	}
	assign := map[string]string{}
	for _, a := range pos[1:] {
		k, val, ok := strings.Cut(a, "=")
		if !ok || k == "" {
			fmt.Fprintln(env.Stderr, i18n.T("cli.bad_assignment", map[string]string{"Arg": a}))
			return exitError{ExitUsage, nil}
		}
		assign[k] = val
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	f, err := v.SetCaseFields(pos[0], assign)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("cli.case_updated", map[string]string{"Ref": f.Ref}))
	return nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
