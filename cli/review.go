package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"casefile/i18n"
	"casefile/internal/atomicfile"
	"casefile/model"
	"casefile/review"
	"casefile/store"
)

// The weekly review and the case summary (docs/review.md):
//
//	casefile review [--week 2026-W49] [--lawyer NAME] [--format text|json|ics|pdf] [--out FILE] [--with-names]
//	casefile review signoff [--week 2026-W49] [--lawyer NAME]
//	casefile summary REF --out FILE
func init() {
	commands["review"] = cmdReview
	commands["summary"] = cmdSummary
	helpSections = append(helpSections, "review.cli.usage")
}

// now is the clock of the CLI's "current week"; tests replace it.
var now = time.Now

// reviewWeek reads --week, or the current week when it is empty.
func reviewWeek(env *Env, s string) (model.ISOWeek, error) {
	if strings.TrimSpace(s) == "" {
		return model.WeekOf(model.ParisDate(now())), nil
	}
	w, err := model.ParseISOWeek(s)
	if err != nil {
		return w, exitError{ExitInvalid, nil}.withMessage(env, i18n.T("review.cli.bad_week", map[string]string{"Week": s}))
	}
	return w, nil
}

func cmdReview(env *Env, args []string) error {
	if len(args) > 0 && args[0] == "signoff" {
		return reviewSignOff(env, args[1:])
	}
	fs := flags(env, "review")
	week := fs.String("week", "", "")
	lawyer := fs.String("lawyer", "", "")
	format := fs.String("format", "text", "")
	out := fs.String("out", "", "")
	withNames := fs.Bool("with-names", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("review takes no argument besides its options (%q)", pos[0])
	}
	switch *format {
	case "text", "json", "ics", "pdf":
	default:
		return exitError{ExitUsage, nil}.withMessage(env, i18n.T("review.cli.bad_format", map[string]string{"Format": *format}))
	}
	if *format == "pdf" && *out == "" {
		return exitError{ExitUsage, nil}.withMessage(env, i18n.T("review.cli.pdf_needs_out"))
	}
	if *withNames && *format != "ics" {
		return exitError{ExitUsage, nil}.withMessage(env, i18n.T("review.cli.names_ics_only"))
	}
	w, err := reviewWeek(env, *week)
	if err != nil {
		return err
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	r, err := v.Review(w, *lawyer)
	if err != nil {
		return err
	}
	var data []byte
	personal := true // the file names people
	switch *format {
	case "json":
		var b strings.Builder
		if err := writeJSON(&b, r); err != nil {
			return err
		}
		data = []byte(b.String())
	case "ics":
		if *withNames {
			fmt.Fprintln(env.Stderr, i18n.T("review.cli.names_warning"))
		}
		personal = *withNames
		data = review.ICS(r, review.ICSOptions{WithNames: *withNames, Stamp: now()})
	case "pdf":
		data = review.AgendaPDF(r)
	default:
		var b strings.Builder
		writeReviewText(&b, r)
		data = []byte(b.String())
	}
	return writeExport(env, *out, data, personal)
}

// writeExport writes data to the file out (atomically, owner-only), with a
// warning when it holds personal data in clear, or to stdout when out is
// empty.
func writeExport(env *Env, out string, data []byte, personal bool) error {
	if out == "" {
		_, err := env.Stdout.Write(data)
		return err
	}
	if err := atomicfile.Write(out, data, 0o600); err != nil {
		return exitError{ExitError, nil}.withMessage(env, i18n.T("review.cli.write_failed",
			map[string]string{"File": out, "Detail": err.Error()}))
	}
	warnNoFont(env, out, data)
	if personal {
		fmt.Fprintln(env.Stderr, i18n.T("review.cli.unencrypted", map[string]string{"File": out}))
	}
	return nil
}

// writeReviewText writes the review for a terminal: a header, then each
// section as aligned columns (due, case, person, deadline, owner, id).
func writeReviewText(out io.Writer, r *store.Review) {
	fmt.Fprintln(out, review.WeekTitle(r.Week))
	if r.Lawyer != "" {
		fmt.Fprintln(out, i18n.T("review.lawyer_line", map[string]string{"Lawyer": r.Lawyer}))
	}
	fmt.Fprintln(out, review.SignedLine(r.SignOff))
	if r.Lawyer != "" {
		fmt.Fprintln(out, review.LawyerSignedLine(r.Lawyer, r.LawyerSignOff))
	}
	section := func(title string, rows []store.ReviewRow) {
		fmt.Fprintf(out, "\n%s\n", title)
		if len(rows) == 0 {
			fmt.Fprintln(out, "  "+i18n.T("review.none"))
			return
		}
		w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
		for _, row := range rows {
			what := review.Marked(row, "⚠")
			fmt.Fprintf(w, "  %s\t%s\t%s\t%s\t%s\t%s\n", review.Due(row), row.CaseRef, row.Person, what, review.Owner(row), row.DeadlineID)
		}
		w.Flush()
	}
	section(strings.ToUpper(i18n.T("review.overdue"))+review.Count(len(r.Overdue), r.More.Overdue), r.Overdue)
	for i, rows := range r.Days {
		section(review.Weekday(i)+" "+i18n.Date(r.Week.Day(i)), rows)
	}
	section(i18n.T("review.next_week")+" — "+review.WeekTitle(r.Week.Next()), r.NextWeek)
	fmt.Fprintf(out, "\n%s%s\n", i18n.T("review.idle"), review.Count(len(r.Idle), r.More.Idle))
	if len(r.Idle) == 0 {
		fmt.Fprintln(out, "  "+i18n.T("review.none"))
	}
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	for _, c := range r.Idle {
		fmt.Fprintf(w, "  %s\t%s\t%s\n", c.CaseRef, c.Person, c.Lawyer)
	}
	w.Flush()
	section(i18n.T("review.unowned")+review.Count(len(r.Unowned), r.More.Unowned), r.Unowned)
	if len(r.Stale) > 0 {
		section(i18n.T("urgency.stale")+review.Count(len(r.Stale), r.More.Stale), r.Stale)
	}
}

func reviewSignOff(env *Env, args []string) error {
	fs := flags(env, "review signoff")
	week := fs.String("week", "", "")
	lawyer := fs.String("lawyer", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("review signoff takes no argument besides --week and --lawyer (%q)", pos[0])
	}
	w, err := reviewWeek(env, *week)
	if err != nil {
		return err
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	so, err := v.SignOffWeek(w, *lawyer)
	if err != nil {
		return err
	}
	line := review.SignedLine(so)
	if so.Lawyer != "" {
		line = review.LawyerSignedLine(so.Lawyer, so)
	}
	fmt.Fprintln(env.Stdout, w.String()+": "+line)
	return nil
}

// cmdSummary writes a case's summary as a PDF: casefile summary REF --out FILE.
func cmdSummary(env *Env, args []string) error {
	fs := flags(env, "summary")
	out := fs.String("out", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if *out == "" {
		return exitError{ExitUsage, nil}.withMessage(env, i18n.T("review.cli.pdf_needs_out"))
	}
	v, f, err := openCase(env, "summary", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	s, err := review.LoadCaseSummary(v, f, now())
	if err != nil {
		return err
	}
	return writeExport(env, *out, review.CaseSummaryPDF(s), true)
}
