package cli

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"

	"golang.org/x/term"

	"casefile/csvio"
	"casefile/i18n"
	"casefile/internal/atomicfile"
	"casefile/model"
	"casefile/store"
)

func init() {
	commands["import-csv"] = cmdImportCSV
	commands["export-csv"] = cmdExportCSV
}

func cmdImportCSV(env *Env, args []string) error {
	fs := flags(env, "import-csv")
	mapFile := fs.String("map", "", "")
	saveMap := fs.String("save-map", "", "")
	dry := fs.Bool("dry-run", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import-csv needs FILE")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	tab, err := csvio.ReadTable(f)
	if err != nil {
		return exitError{ExitInvalid, err}
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	// A mapping file wins; else the one remembered in the vault for this
	// set of headers (as the app does: csvio.Remembered); then the labels
	// an export writes; the other columns are guessed from their names.
	var given *csvio.Mapping
	if *mapFile != "" {
		mf, err := os.Open(*mapFile)
		if err != nil {
			return err
		}
		given, err = csvio.ReadMapping(mf) // at most csvio.MaxMappingFile
		mf.Close()
		if err != nil {
			return exitError{ExitInvalid, err}
		}
	} else if given, err = csvio.Remembered(v.Setting, tab.Header); err != nil {
		return err
	}
	mapping := csvio.Propose(tab.Header, given, csvio.LabelMapping(i18n.Field))
	mb := mapping.Marshal()
	if *saveMap != "" {
		if err := atomicfile.Write(*saveMap, append(mb, '\n'), 0o600); err != nil {
			return err
		}
	}
	sep := string(tab.Comma)
	if tab.Comma == '\t' {
		sep = `\t` // Excel's Unicode text
	}
	fmt.Fprintln(env.Stdout, i18n.T("csv.detected", map[string]string{"Encoding": tab.Encoding, "Sep": sep}))
	for _, h := range tab.Header {
		target := i18n.T("csv.ignored")
		if fld := mapping.Columns[h]; fld != "" {
			target = i18n.Field(fld) + " (" + fld + ")"
		}
		fmt.Fprintf(env.Stdout, "  %s → %s\n", h, target)
	}
	res, err := csvio.Cases(tab, mapping, model.DateOf(time.Now()))
	if err != nil {
		return exitError{ExitInvalid, err}
	}
	for _, r := range res.Rejected {
		reason := strings.ReplaceAll(i18n.Error(r.Err), "\n", " ")
		fmt.Fprintln(env.Stdout, i18n.T("csv.rejected", map[string]any{"Line": r.Line, "Reason": reason}))
	}
	counts := map[string]int{"OK": len(res.Cases), "Rejected": len(res.Rejected)}
	if *dry {
		fmt.Fprintln(env.Stderr, i18n.TCounts("csv.dry_run", counts))
		return nil
	}
	cases := make([]store.NewCase, len(res.Cases))
	for i, c := range res.Cases {
		cases[i] = store.NewCase{File: c}
	}
	if err := v.CreateCasesAtomic(cases); err != nil { // all or none
		return err
	}
	if err := v.SetSetting(csvio.MappingSetting(tab.Header), mb); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.TCounts("csv.imported", counts))
	if len(res.Rejected) > 0 {
		return exitError{ExitInvalid, nil}
	}
	return nil
}

func cmdExportCSV(env *Env, args []string) error {
	fs := flags(env, "export-csv")
	out := fs.String("out", "", "")
	columns := fs.String("columns", strings.Join(csvio.CaseColumns, ","), "")
	encoding := fs.String("encoding", csvio.DefaultEncoding(runtime.GOOS), "")
	sep := fs.String("sep", ";", "")
	yes := fs.Bool("yes", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 || *out == "" || len([]rune(*sep)) != 1 {
		return usagef("export-csv needs --out FILE (and --sep one character)")
	}
	cols := strings.Split(*columns, ",")
	for _, c := range cols {
		if !csvio.Exportable(c) {
			return fmt.Errorf("%w: %s", model.ErrUnknownField, c)
		}
	}
	fmt.Fprintln(env.Stderr, i18n.T("csv.clear_warning", map[string]string{"File": *out}))
	if !*yes && !confirm(env) {
		return exitError{ExitUsage, nil}.withMessage(env, i18n.T("csv.not_confirmed"))
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
	header := make([]string, len(cols))
	for i, c := range cols {
		header[i] = i18n.Field(c)
	}
	rows := [][]string{header}
	for _, s := range list {
		cf, err := v.Case(s.ID)
		if err != nil {
			return err
		}
		rows = append(rows, csvio.CaseRow(cf, cols))
	}
	var enc string
	err = atomicfile.WriteStream(*out, 0o600, func(f *os.File) (err error) {
		enc, err = csvio.WriteTable(f, *encoding, []rune(*sep)[0], rows)
		return err
	})
	if err != nil {
		if errors.Is(err, csvio.ErrNotEncodable) {
			return exitError{ExitInvalid, err}
		}
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.TPlural("csv.exported", len(list), map[string]any{"File": *out, "Encoding": enc}))
	return nil
}

// confirm asks "continue?" on a terminal; without one it refuses (the
// caller says to pass --yes).
func confirm(env *Env) bool { return isTerminal(env) && confirmPrompt(env, "csv.confirm") }

func isTerminal(env *Env) bool {
	f, ok := env.Stdin.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// confirmPrompt asks a yes/no question (translation key) on the terminal.
func confirmPrompt(env *Env, key string) bool {
	fmt.Fprint(env.Stderr, i18n.T(key))
	line, _ := bufio.NewReader(env.Stdin).ReadString('\n')
	a := strings.ToLower(strings.TrimSpace(line))
	return a == "y" || a == "yes" || a == "o" || a == "oui"
}
