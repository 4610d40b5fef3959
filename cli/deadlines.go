package cli

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"casefile/i18n"
	"casefile/model"
	"casefile/model/deadline"
	"casefile/store"
)

// The deadlines of a case, for scripts: `casefile deadlines` lists, adds,
// settles and assigns them, and sets a case's region and holidays.

// deadlineRow is a deadline as `casefile deadlines --json` writes it: the
// record, whether it is overdue, what it is in words, and for computed
// ones why its date is what it is.
type deadlineRow struct {
	model.Deadline
	Overdue      bool     `json:"overdue"`
	What         string   `json:"what"`
	RuleStatus   string   `json:"rule_status,omitempty"`
	Explanation  []string `json:"explanation,omitempty"`
	Caveats      []string `json:"caveats,omitempty"`
	Alternatives []string `json:"alternatives,omitempty"`
	// NeedsSituation: planned without the person's situation (48 hours);
	// Overseas: an appeal here does not suspend the removal.
	NeedsSituation bool `json:"needs_situation,omitempty"`
	Overseas       bool `json:"overseas_non_suspensive,omitempty"`
}

// deadlineRows reads a case's deadlines with their explanations.
func deadlineRows(v *store.Vault, caseID string) ([]deadlineRow, error) {
	views, err := v.DeadlineViews(caseID)
	if err != nil {
		return nil, err
	}
	today := model.DateOf(time.Now())
	rows := make([]deadlineRow, len(views))
	for i, dv := range views {
		t := i18n.DescribeDeadline(dv)
		rows[i] = deadlineRow{Deadline: dv.Deadline, Overdue: dv.Deadline.IsOverdue(today), What: t.What,
			RuleStatus: t.RuleStatus, Explanation: t.Explanation, Caveats: t.Caveats, Alternatives: t.Alternatives,
			NeedsSituation: t.NeedsSituation, Overseas: t.Overseas}
	}
	return rows, nil
}

// deadlines REF | add | done | cancel | reopen | owner | region | holidays
func cmdDeadlines(env *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "add":
			return deadlineAdd(env, args[1:])
		case "done", "cancel", "reopen":
			return deadlineStatus(env, args[0], args[1:])
		case "owner":
			return deadlineOwner(env, args[1:])
		case "region":
			return deadlineRegion(env, args[1:])
		case "holidays":
			return deadlineHolidays(env, args[1:])
		}
	}
	return deadlineList(env, args)
}

func deadlineList(env *Env, args []string) error {
	fs := flags(env, "deadlines")
	asJSON := fs.Bool("json", false, "")
	all := fs.Bool("all", false, "")
	why := fs.Bool("why", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	v, f, err := openCase(env, "deadlines", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	rows, err := deadlineRows(v, f.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		if rows == nil {
			rows = []deadlineRow{}
		}
		return writeJSON(env.Stdout, rows)
	}
	if !*all {
		rows = slices.DeleteFunc(rows, func(r deadlineRow) bool { return r.Status != model.DeadlineOpen })
	}
	if len(rows) == 0 {
		fmt.Fprintln(env.Stderr, i18n.T("cli.no_deadlines"))
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	col := func(k string) string { return i18n.T("deadline.col." + k) }
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", col("due"), col("state"), col("what"), col("owner"), "ID")
	for _, r := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", rowDue(r), rowState(r), rowWhat(r), r.Owner, r.ID)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	// Then, under each deadline that has them, its warnings and, with
	// --why, why its date is what it is.
	for _, r := range rows {
		if len(r.Caveats) == 0 && !(*why && len(r.Explanation) > 0) {
			continue
		}
		fmt.Fprintf(env.Stdout, "\n%s — %s (%s)\n", rowDue(r), rowWhat(r), r.ID)
		if *why {
			for _, line := range r.Explanation {
				fmt.Fprintln(env.Stdout, "  "+line)
			}
		}
		for _, c := range r.Caveats {
			fmt.Fprintln(env.Stdout, "  "+i18n.T("cli.caveat", map[string]string{"Text": c}))
		}
		if len(r.Alternatives) > 0 && *why {
			fmt.Fprintln(env.Stdout, "  "+i18n.T("cli.alternatives", map[string]string{"Rules": strings.Join(r.Alternatives, ", ")}))
		}
	}
	return nil
}

func rowDue(r deadlineRow) string {
	due := i18n.Date(r.Due)
	if !r.DueAt.IsZero() {
		due += " " + r.DueAt.Format("15:04")
	}
	return due
}

func rowState(r deadlineRow) string {
	if r.Overdue {
		return i18n.T("deadline.state.overdue")
	}
	return i18n.T("deadline.state." + string(r.Status))
}

// rowWhat names the deadline, marking an unverified rule and a situation
// still to record.
func rowWhat(r deadlineRow) string {
	what := r.What
	if r.RuleStatus == deadline.Unverified.String() {
		what = "⚠ " + what
	}
	if r.NeedsSituation {
		what += " — " + strings.ToUpper(i18n.T("situation.prompt_review"))
	}
	return what
}

func deadlineAdd(env *Env, args []string) error {
	fs := flags(env, "deadlines add")
	label := fs.String("label", "", "")
	due := fs.String("due", "", "")
	owner := fs.String("owner", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *label == "" || *due == "" {
		return usagef("deadlines add needs REF, --label and --due")
	}
	day, err := parseDate(env, *due)
	if err != nil {
		return err
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	f, err := v.Case(pos[0])
	if err != nil {
		return err
	}
	d := model.Deadline{CaseID: f.ID, Label: *label, Due: day, Owner: *owner}
	if err := v.AddManualDeadline(&d); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("cli.deadline_added", map[string]string{"Ref": f.Ref}))
	fmt.Fprintln(env.Stdout, d.ID)
	return nil
}

func deadlineStatus(env *Env, verb string, args []string) error {
	fs := flags(env, "deadlines "+verb)
	reason := fs.String("reason", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("deadlines %s needs one DEADLINE-ID", verb)
	}
	status := map[string]model.DeadlineStatus{"done": model.DeadlineDone, "cancel": model.DeadlineCancelled,
		"reopen": model.DeadlineOpen}[verb]
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	if _, err := v.SetDeadlineStatus(pos[0], status, *reason); err != nil {
		return deadlineRecordError(env, err)
	}
	fmt.Fprintln(env.Stderr, i18n.T("cli.deadline_updated"))
	return nil
}

func deadlineOwner(env *Env, args []string) error {
	fs := flags(env, "deadlines owner")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("deadlines owner needs DEADLINE-ID and NAME")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	if _, err := v.SetDeadlineOwner(pos[0], pos[1]); err != nil {
		return deadlineRecordError(env, err)
	}
	fmt.Fprintln(env.Stderr, i18n.T("cli.deadline_updated"))
	return nil
}

func deadlineRecordError(env *Env, err error) error {
	if errors.Is(err, store.ErrDeadlineNotFound) {
		return fail(env, ExitInvalid, "deadline.err.no_deadline", nil)
	}
	return err
}

// deadlines region REF [REGION]: show, or set, a case's holiday region.
func deadlineRegion(env *Env, args []string) error {
	fs := flags(env, "deadlines region")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 && len(pos) != 2 {
		return usagef("deadlines region needs REF and optionally a REGION")
	}
	var region deadline.Region
	if len(pos) == 2 {
		if region, err = parseRegion(env, pos[1]); err != nil {
			return err
		}
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	f, err := v.Case(pos[0])
	if err != nil {
		return err
	}
	lang := i18n.Lang()
	if len(pos) == 2 {
		if err := v.SetCaseRegion(f.ID, region); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, i18n.T("cli.region_set", map[string]string{"Ref": f.Ref, "Region": region.Label(lang)}))
		return nil
	}
	r, set, err := v.CaseRegion(f.ID)
	if err != nil {
		return err
	}
	if set {
		fmt.Fprintln(env.Stdout, i18n.T("cli.region_is", map[string]string{"Ref": f.Ref, "Region": r.Label(lang)}))
	} else {
		on, err := v.LocalHolidays()
		if err != nil {
			return err
		}
		facts := model.FactsFor(f.Case, nil, model.HolidayPolicy{LocalHolidays: on})
		fmt.Fprintln(env.Stdout, i18n.T("cli.region_default", map[string]string{"Ref": f.Ref, "Region": facts.Region.Label(lang)}))
	}
	if s, ok := store.SuggestedRegion(f.Case); ok {
		fmt.Fprintln(env.Stdout, i18n.T("cli.region_suggested", map[string]string{"Region": s.Label(lang)}))
	}
	return nil
}

// deadlines holidays [on|off]: show, or change, the vault's holiday policy.
func deadlineHolidays(env *Env, args []string) error {
	fs := flags(env, "deadlines holidays")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 1 || len(pos) == 1 && pos[0] != "on" && pos[0] != "off" {
		return usagef("deadlines holidays takes on or off")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	if len(pos) == 1 {
		if err := v.SetLocalHolidays(pos[0] == "on"); err != nil {
			return err
		}
	}
	on, err := v.LocalHolidays()
	if err != nil {
		return err
	}
	if on {
		fmt.Fprintln(env.Stdout, i18n.T("cli.holidays_on"))
	} else {
		fmt.Fprintln(env.Stdout, i18n.T("cli.holidays_off"))
	}
	return nil
}
