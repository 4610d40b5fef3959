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

func paris() *time.Location {
	if loc, err := time.LoadLocation("Europe/Paris"); err == nil {
		return loc
	}
	return time.Local
}

// parseEvidenceTime reads "YYYY-MM-DD HH:MM" (or with a T, or with
// seconds, or RFC 3339 with its own offset); without an offset the time is
// Paris time.
func parseEvidenceTime(env *Env, s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, s, paris()); err == nil {
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

func evidenceAdd(env *Env, args []string) error {
	fs := flags(env, "evidence add")
	channel := fs.String("channel", "", "")
	at := fs.String("at", "", "")
	what := fs.String("what", "", "")
	category := fs.String("category", "", "")
	var files fileList
	fs.Var(&files, "file", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *channel == "" || *at == "" || *what == "" {
		return usagef("evidence add needs REF, --channel, --at and --what")
	}
	when, err := parseEvidenceTime(env, *at)
	if err != nil {
		return err
	}
	proofs, closeAll, err := openProofs(files)
	if err != nil {
		return err
	}
	defer closeAll()
	v, f, err := openCase(env, "evidence add", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	e := model.Evidence{CaseID: f.ID, At: when, Channel: model.EvidenceChannel(*channel), What: *what,
		Category: model.MalfunctionCategory(*category)}
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
	log, err := v.EvidenceLog(f.ID)
	if err != nil {
		return err
	}
	views, err := v.DeadlineViews(f.ID)
	if err != nil {
		return err
	}
	loc := paris()
	r := evidence.Assess(log, views, now(), loc)
	if *asJSON {
		if log == nil {
			log = []model.Evidence{}
		}
		return writeJSON(env.Stdout, evidenceListing{Entries: log, Readiness: r})
	}
	fmt.Fprintln(env.Stdout, i18n.T("evidence.readiness.title"))
	for _, l := range evidence.ReadinessLines(r, views, loc) {
		fmt.Fprintln(env.Stdout, "  "+l)
	}
	fmt.Fprintln(env.Stdout)
	if len(log) == 0 {
		fmt.Fprintln(env.Stderr, i18n.T("evidence.none"))
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\n", "Id", i18n.T("evidence.col.at"), i18n.T("evidence.col.channel"),
		i18n.T("evidence.col.category"), i18n.T("evidence.col.proofs"), i18n.T("evidence.col.what"))
	for _, e := range log {
		at := e.At.In(loc)
		cat := ""
		if e.Category != "" {
			cat = i18n.T("malfunction." + string(e.Category))
		}
		what := strings.ReplaceAll(e.What, "\n", " ")
		if e.Withdrawn {
			what = "[" + i18n.T("evidence.withdrawn_mark") + "] " + what + " (" +
				i18n.T("evidence.withdrawn_because", map[string]string{"Reason": e.WithdrawnReason}) + ")"
		}
		fmt.Fprintf(w, "%s\t%s %s\t%s\t%s\t%d\t%s\n", e.ID, i18n.Date(model.DateOf(at)), at.Format("15:04"),
			i18n.T("evidence.channel."+string(e.Channel)), cat, len(e.Proofs), what)
	}
	return w.Flush()
}

func evidenceCorrect(env *Env, args []string) error {
	fs := flags(env, "evidence correct")
	channel := fs.String("channel", "", "")
	at := fs.String("at", "", "")
	what := fs.String("what", "", "")
	category := fs.String("category", "", "")
	var files fileList
	fs.Var(&files, "file", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("evidence correct needs one entry ID")
	}
	var when time.Time
	if *at != "" {
		if when, err = parseEvidenceTime(env, *at); err != nil {
			return err
		}
	}
	proofs, closeAll, err := openProofs(files)
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
	if *at != "" {
		e.At = when
	}
	if *channel != "" {
		e.Channel = model.EvidenceChannel(*channel)
	}
	if *what != "" {
		e.What = *what
	}
	categorySet := false
	fs.Visit(func(fl *flag.Flag) { categorySet = categorySet || fl.Name == "category" })
	if categorySet {
		e.Category = model.MalfunctionCategory(*category)
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
		t := c.Time.In(paris())
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
	res, err := evidence.Export(v, f, *out, now(), paris())
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
	fmt.Fprintln(env.Stderr, i18n.T("evidence.exported", map[string]string{"Count": fmt.Sprint(len(res.Pieces)), "Dir": *out}))
	return nil
}
