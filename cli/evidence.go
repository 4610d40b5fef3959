package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"casefile/evidence"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// casefile evidence add|list|correct|withdraw|history|export: the evidence
// log of ANEF and prefecture failures, the référé readiness, and the
// Télérecours export (docs/evidence.md).

func init() {
	commands["evidence"] = cmdEvidence
	helpSections = append(helpSections, "evidence.usage")
}

func cmdEvidence(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("evidence needs add, list, correct, withdraw, history or export")
	}
	switch args[0] {
	case "add":
		return evidenceAdd(env, args[1:])
	case "list":
		return evidenceList(env, args[1:])
	case "correct":
		return evidenceCorrect(env, args[1:])
	case "withdraw":
		return evidenceWithdraw(env, args[1:])
	case "history":
		return evidenceHistory(env, args[1:])
	case "export":
		return evidenceExport(env, args[1:])
	}
	return usagef("unknown evidence subcommand %q", args[0])
}

// fileList collects repeated --file flags.
type fileList []string

func (f *fileList) String() string     { return strings.Join(*f, ",") }
func (f *fileList) Set(s string) error { *f = append(*f, s); return nil }

// parseEvidenceTime reads "YYYY-MM-DD HH:MM" (or with a T, or with
// seconds, or RFC 3339 with its own offset); without an offset the time is
// Paris time.
func parseEvidenceTime(env *Env, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, model.Paris()); err == nil {
			return t, nil
		}
	}
	fmt.Fprintln(env.Stderr, i18n.T("evidence.bad_time", map[string]string{"Value": s}))
	return time.Time{}, exitError{ExitInvalid, nil}
}

// openProofs opens every file before anything is stored, so a wrong path
// stops the command with nothing written.
func openProofs(paths []string) ([]store.ProofFile, func(), error) {
	var files []*os.File
	closeAll := func() {
		for _, f := range files {
			f.Close()
		}
	}
	var proofs []store.ProofFile
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		files = append(files, f)
		proofs = append(proofs, store.ProofFile{Name: filepath.Base(p), R: f})
	}
	return proofs, closeAll, nil
}

// entryFlags are the flags add and correct share.
type entryFlags struct {
	channel, at, date, what, category, kind, urgency, respondBy *string
	files                                                       fileList
}

func newEntryFlags(fs *flag.FlagSet) *entryFlags {
	f := &entryFlags{
		channel: fs.String("channel", "", ""), at: fs.String("at", "", ""), date: fs.String("date", "", ""),
		what: fs.String("what", "", ""), category: fs.String("category", "", ""), kind: fs.String("kind", "", ""),
		urgency: fs.String("urgency", "", ""), respondBy: fs.String("respond-by", "", ""),
	}
	fs.Var(&f.files, "file", "")
	return f
}

// when reads --at or --date (a day alone: midnight in Paris, DateOnly);
// ok is false when neither was given.
func (f *entryFlags) when(env *Env) (at time.Time, dateOnly, ok bool, err error) {
	switch {
	case *f.at != "" && *f.date != "":
		fmt.Fprintln(env.Stderr, i18n.T("evidence.cli.at_or_date"))
		return time.Time{}, false, false, exitError{ExitUsage, nil}
	case *f.at != "":
		at, err = parseEvidenceTime(env, *f.at)
		return at, false, err == nil, err
	case *f.date != "":
		d, err := parseEvidenceDate(env, *f.date)
		return d.Time(model.Paris()), true, err == nil, err
	}
	return time.Time{}, false, false, nil
}

func parseEvidenceDate(env *Env, s string) (model.Date, error) {
	d, err := model.ParseLocalDate(strings.TrimSpace(s))
	if err != nil || d.IsZero() {
		fmt.Fprintln(env.Stderr, i18n.T("evidence.bad_date", map[string]string{"Value": s}))
		return model.Date{}, exitError{ExitInvalid, nil}
	}
	return d, nil
}

// apply sets on e what the flags give (set tells which were given, for
// correct; add gives them all).
func (f *entryFlags) apply(env *Env, e *model.Evidence, set func(name string) bool) error {
	if set("channel") {
		e.Channel = model.EvidenceChannel(*f.channel)
	}
	if set("what") {
		e.What = *f.what
	}
	if set("category") {
		e.Category = model.MalfunctionCategory(*f.category)
	}
	if set("kind") {
		e.Kind = model.EvidenceKind(*f.kind)
	}
	if set("urgency") {
		e.Urgency = model.UrgencySource(*f.urgency)
	}
	if set("respond-by") {
		e.RespondBy = model.Date{}
		if *f.respondBy != "" {
			d, err := parseEvidenceDate(env, *f.respondBy)
			if err != nil {
				return err
			}
			e.RespondBy = d
		}
	}
	return nil
}

func evidenceAdd(env *Env, args []string) error {
	fs := flags(env, "evidence add")
	ef := newEntryFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	when, dateOnly, ok, err := ef.when(env)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *ef.channel == "" || !ok {
		return usagef("evidence add needs REF, --channel and --at (or --date)")
	}
	proofs, closeAll, err := openProofs(ef.files)
	if err != nil {
		return err
	}
	defer closeAll()
	v, f, err := openCase(env, "evidence add", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	e := model.Evidence{CaseID: f.ID, At: when, DateOnly: dateOnly}
	if err := ef.apply(env, &e, func(string) bool { return true }); err != nil {
		return err
	}
	if err := v.AddEvidence(&e, proofs); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("evidence.added", map[string]string{"Ref": f.Ref}))
	fmt.Fprintln(env.Stdout, e.ID)
	return nil
}

// evidenceListing is `evidence list --json`: the log and the readiness.
type evidenceListing struct {
	Entries   []model.Evidence `json:"entries"`
	Readiness model.Readiness  `json:"readiness"`
}

func evidenceList(env *Env, args []string) error {
	fs := flags(env, "evidence list")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	v, f, err := openCase(env, "evidence list", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	loc := model.Paris()
	r, log, views, err := evidence.AssessCase(v, f, now(), loc)
	if err != nil {
		return err
	}
	if *asJSON {
		if log == nil {
			log = []model.Evidence{}
		}
		return writeJSON(env.Stdout, evidenceListing{Entries: log, Readiness: r})
	}
	fmt.Fprintln(env.Stdout, i18n.T("evidence.readiness.title"))
	printReadiness(env, r, views, loc)
	fmt.Fprintln(env.Stdout)
	if len(log) == 0 {
		fmt.Fprintln(env.Stderr, i18n.T("evidence.none"))
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", "Id", i18n.T("evidence.col.at"), i18n.T("evidence.col.channel"),
		i18n.T("field.evidence.kind"), i18n.T("evidence.col.category"), i18n.T("evidence.col.proofs"), i18n.T("evidence.col.what"))
	for _, e := range log {
		cat := ""
		if e.Category != "" {
			cat = i18n.T("malfunction." + string(e.Category))
		}
		kind := i18n.T("evidence.kind." + string(e.KindOrAttempt()))
		switch {
		case e.KindOrAttempt() == model.EvidenceRequest:
			kind += " " + i18n.T("evidence.respond_by_line", map[string]string{"Date": i18n.Date(e.RespondBy)})
		case e.Urgency != "":
			kind += " (" + i18n.T("evidence.urgency."+string(e.Urgency)) + ")"
		}
		what := strings.ReplaceAll(e.What, "\n", " ")
		if e.Withdrawn {
			what = "[" + i18n.T("evidence.withdrawn_mark") + "] " + what + " (" +
				i18n.T("evidence.withdrawn_because", map[string]string{"Reason": e.WithdrawnReason}) + ")"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%d\t%s\n", e.ID, evidence.When(e, loc),
			i18n.T("evidence.channel."+string(e.Channel)), kind, cat, len(e.Proofs), what)
	}
	return w.Flush()
}

// printReadiness prints the readiness panel: the attempts, then each
// remedy's checks with their marks and sources (or why there is none).
func printReadiness(env *Env, r model.Readiness, views []store.DeadlineView, loc *time.Location) {
	if !r.Applies {
		fmt.Fprintln(env.Stdout, "  "+evidence.NotApplicable())
		fmt.Fprintln(env.Stdout, "  "+evidence.UrgentLine(r, views))
		return
	}
	for _, l := range evidence.ReadinessLines(r, views, loc) {
		fmt.Fprintln(env.Stdout, "  "+l)
	}
	for _, rr := range r.Remedies {
		fmt.Fprintln(env.Stdout)
		fmt.Fprintln(env.Stdout, "  "+evidence.RemedyTitle(rr))
		for _, c := range rr.Checks {
			fmt.Fprintln(env.Stdout, "    "+evidence.CheckMark(c)+" "+evidence.CheckLine(c))
		}
		fmt.Fprintln(env.Stdout, "    "+evidence.SourcesLine(rr.Remedy))
	}
}

func evidenceCorrect(env *Env, args []string) error {
	fs := flags(env, "evidence correct")
	ef := newEntryFlags(fs)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("evidence correct needs one entry ID")
	}
	when, dateOnly, whenSet, err := ef.when(env)
	if err != nil {
		return err
	}
	proofs, closeAll, err := openProofs(ef.files)
	if err != nil {
		return err
	}
	defer closeAll()
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	e, err := v.EvidenceEntry(pos[0])
	if err != nil {
		return err
	}
	if whenSet {
		e.At, e.DateOnly = when, dateOnly
	}
	given := map[string]bool{}
	fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	set := func(name string) bool {
		switch name {
		case "channel":
			return *ef.channel != ""
		case "what":
			return *ef.what != ""
		}
		return given[name]
	}
	if err := ef.apply(env, e, set); err != nil {
		return err
	}
	if err := v.UpdateEvidence(e, proofs); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("evidence.corrected"))
	return nil
}

func evidenceWithdraw(env *Env, args []string) error {
	fs := flags(env, "evidence withdraw")
	reason := fs.String("reason", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || strings.TrimSpace(*reason) == "" {
		return usagef("evidence withdraw needs one entry ID and --reason")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	if err := v.WithdrawEvidence(pos[0], *reason); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("evidence.withdrawn_done"))
	return nil
}

func evidenceHistory(env *Env, args []string) error {
	fs := flags(env, "evidence history")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("evidence history needs one entry ID")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	if _, err := v.EvidenceEntry(pos[0]); err != nil {
		return err
	}
	h, err := v.EvidenceHistory(pos[0])
	if err != nil {
		return err
	}
	changes := store.FieldChanges(h)
	if *asJSON {
		if changes == nil {
			changes = []store.FieldChange{}
		}
		return writeJSON(env.Stdout, changes)
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, c := range changes {
		t := c.Time.In(model.Paris())
		fmt.Fprintf(w, "%s %s\t%s\t%s\t%s\n", i18n.Date(model.DateOf(t)), t.Format("15:04"), c.Author,
			i18n.HistoryField(c.Entity, c.Field), i18n.HistoryChange(c.Field, c.Old, c.New))
	}
	return w.Flush()
}

func evidenceExport(env *Env, args []string) error {
	fs := flags(env, "evidence export")
	out := fs.String("out", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" {
		return usagef("evidence export needs REF and --out DIR")
	}
	v, f, err := openCase(env, "evidence export", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	fmt.Fprintln(env.Stderr, i18n.T("evidence.clear_copy_warning", map[string]string{"Dir": *out}))
	res, err := evidence.Export(v, f, *out, now(), model.Paris())
	var ee *evidence.ExistsError
	if errors.As(err, &ee) {
		fmt.Fprintln(env.Stderr, i18n.Error(err)+" ("+ee.Path+")")
		return exitError{ExitInvalid, nil}
	}
	if err != nil {
		return err
	}
	for _, p := range res.Pieces {
		fmt.Fprintln(env.Stdout, p.FileName)
	}
	for _, w := range res.Warnings {
		fmt.Fprintln(env.Stderr, w)
	}
	fmt.Fprintln(env.Stderr, i18n.TPlural("evidence.exported", len(res.Pieces), map[string]any{"Dir": *out}))
	return nil
}
