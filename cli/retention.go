package cli

import (
	"errors"
	"fmt"
	"strconv"
	"text/tabwriter"
	"time"

	"casefile/i18n"
	"casefile/model"
	"casefile/rights"
	"casefile/store"
)

// Retention and the rights of the people in the files (docs/retention.md):
//
//	casefile retention list [--json]
//	casefile retention erase REF --confirm
//	casefile retention years [N]
//	casefile person export PERSON --out FILE.pdf
func init() {
	commands["retention"] = cmdRetention
	helpSections = append(helpSections, "retention.cli.usage")
}

func cmdRetention(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("retention needs list, erase or years")
	}
	switch args[0] {
	case "list":
		return retentionList(env, args[1:])
	case "erase":
		return retentionErase(env, args[1:])
	case "years":
		return retentionYears(env, args[1:])
	}
	return usagef("retention needs list, erase or years, not %q", args[0])
}

func retentionList(env *Env, args []string) error {
	fs := flags(env, "retention list")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("retention list takes no argument (%q)", pos[0])
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	rows, err := v.CasesDue(model.ParisDate(now()))
	if err != nil {
		return err
	}
	if *asJSON {
		if rows == nil {
			rows = []store.RetentionRow{}
		}
		return writeJSON(env.Stdout, rows)
	}
	years, err := v.RetentionYears()
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.T("retention.header", map[string]string{"Years": strconv.Itoa(years), "Count": strconv.Itoa(len(rows))}))
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, r := range rows {
		from := i18n.T("retention.no_date")
		if !r.NoDate {
			from = i18n.Date(r.DeletableFrom)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", r.Ref, r.Name, i18n.Status(r.Status), from)
	}
	return w.Flush()
}

func retentionErase(env *Env, args []string) error {
	fs := flags(env, "retention erase")
	confirm := fs.Bool("confirm", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("retention erase needs one REF")
	}
	if !*confirm {
		return exitError{ExitUsage, nil}.withMessage(env, i18n.T("retention.cli.confirm_needed", map[string]string{"Ref": pos[0]}))
	}
	v, f, err := openCase(env, "retention erase", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	rep, err := v.EraseDue(f.ID, model.ParisDate(now())) // refuses an open or not-yet-due case
	var notDue *store.NotDueError
	if errors.As(err, &notDue) {
		return exitError{ExitInvalid, nil}.withMessage(env, i18n.Error(err))
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.T("retention.erased", map[string]string{
		"Ref": rep.Ref, "People": strconv.Itoa(len(rep.People)), "Kept": strconv.Itoa(len(rep.KeptPeople)),
		"Records": strconv.Itoa(rep.Records)}))
	fmt.Fprintln(env.Stderr, i18n.T("retention.cannot_reach"))
	return nil
}

func retentionYears(env *Env, args []string) error {
	fs := flags(env, "retention years")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 {
		return usagef("retention years takes at most one number")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	if len(pos) == 1 {
		n, err := strconv.Atoi(pos[0])
		if err != nil || n < 1 || n > 100 {
			return exitError{ExitInvalid, nil}.withMessage(env, i18n.T("retention.bad_years", map[string]string{"Value": pos[0]}))
		}
		if err := v.SetRetentionYears(n); err != nil {
			return err
		}
	}
	n, err := v.RetentionYears()
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.T("retention.years", map[string]string{"Years": strconv.Itoa(n)}))
	return nil
}

// personExport writes the right-of-access PDF of a person (a person id,
// or a case reference for its main person).
func personExport(env *Env, args []string) error {
	fs := flags(env, "person export")
	out := fs.String("out", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" {
		return usagef("person export needs PERSON and --out FILE.pdf")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	id, err := personID(v, pos[0])
	if err != nil {
		return err
	}
	d, err := v.PersonData(id)
	if err != nil {
		return err
	}
	return writeExport(env, *out, rights.AccessPDF(d, time.Now()), true)
}
