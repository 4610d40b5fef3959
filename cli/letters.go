package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/letters"
	"casefile/model"
)

// Letters from templates (docs/letters.md):
//
//	casefile letter list [--templates DIR]
//	casefile letter REF --template T [--out FILE] [--format pdf|rtf] [--templates DIR] [--text FILE|-] [--respond-by DATE]
//	casefile letter sender [--clinic C] [--address A] [--city V] [--signatory S] [--defender-title T] [--folder DIR]
func init() {
	commands["letter"] = cmdLetter
	helpSections = append(helpSections, "letters.cli.usage")
}

func cmdLetter(env *Env, args []string) error {
	if len(args) > 0 {
		switch args[0] {
		case "list":
			return letterList(env, args[1:])
		case "sender":
			return letterSender(env, args[1:])
		}
	}
	fs := flags(env, "letter")
	tmpl := fs.String("template", "", "")
	out := fs.String("out", "", "")
	format := fs.String("format", "", "")
	dir := fs.String("templates", "", "")
	textFile := fs.String("text", "", "")
	respondBy := fs.String("respond-by", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *tmpl == "" {
		return usagef("letter needs REF and --template T")
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
		if *out == "" {
			*format = "pdf"
		}
	}
	if *format != "pdf" && *format != "rtf" {
		return exitError{ExitUsage, nil}.withMessage(env, i18n.T("letters.cli.bad_format", map[string]string{"Format": *format}))
	}
	var opt letters.Options
	if *respondBy != "" {
		if opt.RespondBy, err = parseEvidenceDate(env, *respondBy); err != nil {
			return err
		}
	}
	v, f, err := openCase(env, "letter", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	if *dir == "" {
		if *dir, err = letters.Folder(v); err != nil {
			return err
		}
	}
	day := model.ParisDate(now())
	l, err := letters.Compose(v, f, *dir, *tmpl, day, opt)
	if err != nil {
		return letterError(env, err)
	}
	text := l.Text
	if *textFile != "" {
		if text, err = readText(env, *textFile); err != nil {
			return err
		}
	}
	for _, w := range letterWarnings(l, text) {
		fmt.Fprintln(env.Stderr, w)
	}
	header := i18n.T("letters.logged", map[string]string{"Title": l.Template.Title, "Format": strings.ToUpper(*format)})
	data := letters.Render(text, letters.Format(*format))
	doc, err := letters.Save(v, letters.Saved{CaseID: f.ID, Ref: f.Ref, Template: l.Template, Format: letters.Format(*format),
		Text: text, Data: data, Today: day, RespondBy: l.RespondBy, Header: header})
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("letters.cli.stored", map[string]string{"Name": doc.Name, "Ref": f.Ref}))
	if *format == "pdf" {
		warnNoFont(env, doc.Name, data) // pdfwarn.go
	}
	if *out != "" {
		if err := writeExport(env, *out, data, true); err != nil {
			return err
		}
		fmt.Fprintln(env.Stderr, i18n.T("letters.cli.written", map[string]string{"File": *out, "Ref": f.Ref}))
	}
	return nil
}

// letterWarnings are what must be said before a letter goes out, worded
// as the app words them: that the court appeal must still be filed in time
// (a recours gracieux against a removal order, a transfer or a house
// arrest), that the text says the contrary, and what is left to complete.
func letterWarnings(l *letters.Letter, text string) []string {
	var out []string
	if l.WarnDelay() {
		if l.Deadline.ID != "" {
			when := i18n.Date(l.Deadline.Due)
			if !l.Deadline.DueAt.IsZero() {
				when += " " + l.Deadline.DueAt.In(model.Paris()).Format("15:04")
			}
			out = append(out, i18n.T("letters.warn_delay_date", map[string]string{"Date": when}))
		} else {
			out = append(out, i18n.T("letters.warn_delay"))
		}
	}
	if l.DelayNotExtended && letters.ClaimsExtension(text) {
		out = append(out, i18n.T("letters.warn_misleading"))
	}
	if ph := letters.Placeholders(text); len(ph) > 0 {
		out = append(out, i18n.T("letters.warn_placeholders", map[string]string{"List": strings.Join(ph, " ; ")}))
	}
	return out
}

// readText reads the letter's final text from a file or, for "-", stdin.
func readText(env *Env, name string) (string, error) {
	var r io.Reader = env.Stdin
	if name != "-" {
		fh, err := os.Open(name)
		if err != nil {
			return "", exitError{ExitInvalid, nil}.withMessage(env, i18n.T("letters.cli.text_unreadable", map[string]string{"File": name, "Detail": err.Error()}))
		}
		defer fh.Close()
		r = fh
	}
	b, err := io.ReadAll(io.LimitReader(r, model.MaxNoteBytes+1))
	if err != nil {
		return "", err
	}
	if len(b) > model.MaxNoteBytes || strings.TrimSpace(string(b)) == "" {
		return "", exitError{ExitInvalid, nil}.withMessage(env, i18n.T("letters.cli.text_bad", map[string]string{"File": name}))
	}
	return string(b), nil
}

// letterError words the letters package's errors for the user.
func letterError(env *Env, err error) error {
	var ue *letters.UnknownFieldError
	var skipped *letters.SkippedError
	switch {
	case errors.As(err, &skipped):
		return exitError{ExitInvalid, nil}.withMessage(env, skipped.Translated())
	case errors.As(err, &ue):
		return exitError{ExitInvalid, nil}.withMessage(env, i18n.T("letters.unknown_field", map[string]string{"Template": ue.Template, "Field": ue.Field}))
	case errors.Is(err, letters.ErrUnknownTemplate):
		return exitError{ExitUsage, nil}.withMessage(env, i18n.T("letters.unknown_template"))
	case errors.Is(err, letters.ErrBadTemplate):
		return exitError{ExitInvalid, nil}.withMessage(env, i18n.T("letters.bad_template", map[string]string{"Detail": err.Error()}))
	}
	return err
}

func letterList(env *Env, args []string) (ret error) {
	fs := flags(env, "letter list")
	dir := fs.String("templates", "", "")
	if _, err := parse(fs, args); err != nil {
		return err
	}
	if *dir == "" && crypto.Exists(env.VaultDir) { // else the defaults
		v, err := openVault(env)
		if err != nil {
			return err
		}
		*dir, err = letters.Folder(v)
		v.Close()
		if err != nil {
			return err
		}
	}
	ts, err := letters.List(*dir)
	var skipped *letters.SkippedError
	if errors.As(err, &skipped) {
		// The usable templates are listed; the others are named on
		// stderr, and the exit status says something was left out.
		defer func() {
			if ret == nil {
				ret = letterError(env, err)
			}
		}()
	} else if err != nil {
		return letterError(env, err)
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, t := range ts {
		src := i18n.T("letters.builtin")
		if t.Path != "" {
			src = t.Path
		}
		fmt.Fprintf(w, "%s\t%s\t%s\n", t.ID, t.Title, src)
	}
	return w.Flush()
}

func letterSender(env *Env, args []string) error {
	fs := flags(env, "letter sender")
	clinic := fs.String("clinic", "\x00", "")
	address := fs.String("address", "\x00", "")
	city := fs.String("city", "\x00", "")
	signatory := fs.String("signatory", "\x00", "")
	defender := fs.String("defender-title", "\x00", "")
	folder := fs.String("folder", "\x00", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("letter sender takes only options (%q)", pos[0])
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	s, err := letters.LoadSender(v)
	if err != nil {
		return err
	}
	set := func(dst *string, val string) {
		if val != "\x00" {
			*dst = strings.TrimSpace(val)
		}
	}
	set(&s.Clinic, *clinic)
	set(&s.Address, *address)
	set(&s.City, *city)
	set(&s.Signatory, *signatory)
	set(&s.DefenderTitle, *defender)
	if err := letters.SaveSender(v, s); err != nil {
		return err
	}
	if *folder != "\x00" {
		if *folder != "" {
			if _, err := letters.List(*folder); err != nil {
				return letterError(env, err)
			}
		}
		if err := letters.SetFolder(v, *folder); err != nil {
			return err
		}
	}
	dir, err := letters.Folder(v)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	title := s.DefenderTitle
	if title == "" {
		title = letters.DefaultDefenderTitle
	}
	for _, row := range [][2]string{{"clinic", s.Clinic}, {"address", s.Address}, {"city", s.City}, {"signatory", s.Signatory},
		{"defender-title", title}, {"folder", dir}} {
		fmt.Fprintf(w, "%s\t%s\n", row[0], row[1])
	}
	return w.Flush()
}
