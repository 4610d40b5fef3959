package cli

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"casefile/i18n"
	"casefile/internal/atomicfile"
	"casefile/model"
	"casefile/stats"
	"casefile/stats/render"
)

// casefile stats: the clinic's advocacy figures on ANEF failures
// (docs/stats.md), pseudonymised and protected by small-cell suppression.

func init() {
	commands["stats"] = cmdStats
	helpSections = append(helpSections, "stats.usage")
}

func cmdStats(env *Env, args []string) error {
	fs := flags(env, "stats")
	from := fs.String("from", "", "")
	to := fs.String("to", "", "")
	proc := fs.String("procedure", "", "")
	format := fs.String("format", "csv", "")
	out := fs.String("out", "", "")
	force := fs.Bool("force", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usagef("stats takes no arguments, only options")
	}
	var f stats.Filter
	if f.From, err = model.ParseDate(*from); *from != "" && err != nil {
		return err
	}
	if f.To, err = model.ParseDate(*to); *to != "" && err != nil {
		return err
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return statsFail(env, ExitInvalid, "stats.err.order", map[string]string{"From": *from, "To": *to})
	}
	if *proc != "" {
		if !slices.Contains(model.Procedures, model.Procedure(*proc)) {
			var list []string
			for _, p := range model.Procedures {
				list = append(list, string(p))
			}
			return statsFail(env, ExitInvalid, "stats.err.procedure", map[string]string{"Procedure": *proc, "List": strings.Join(list, ", ")})
		}
		f.Procedure = model.Procedure(*proc)
	}
	switch *format {
	case "csv", "json":
	case "png", "pdf":
		if *out == "" {
			return statsFail(env, ExitUsage, "stats.err.binary_stdout", map[string]string{"Format": strings.ToUpper(*format)})
		}
	default:
		return statsFail(env, ExitUsage, "stats.err.format", map[string]string{"Format": *format})
	}
	if *out != "" && !*force {
		if _, err := os.Stat(*out); err == nil {
			fmt.Fprintln(env.Stderr, i18n.T("documents.exists", map[string]string{"Path": *out}))
			return exitError{ExitInvalid, nil}
		}
	}

	v, err := openVault(env)
	if err != nil {
		return err
	}
	recs, err := stats.Load(v)
	v.Close()
	if err != nil {
		return err
	}
	rep := stats.Compute(recs, f)
	var b bytes.Buffer
	switch *format {
	case "csv":
		err = stats.WriteCSV(&b, rep, i18n.StatsLabel)
	case "json":
		err = stats.WriteJSON(&b, rep)
	case "png":
		err = render.WritePNG(&b, rep, i18n.StatsLabel, i18n.StatsText(f, model.DateOf(time.Now())))
	case "pdf":
		var doc []byte
		doc, err = render.PDF(rep, i18n.StatsLabel, i18n.StatsText(f, model.DateOf(time.Now())))
		b.Write(doc)
	}
	if err != nil {
		return err
	}
	if *out == "" {
		_, err = env.Stdout.Write(b.Bytes())
		return err
	}
	if err := atomicfile.Write(*out, b.Bytes(), 0o600); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("stats.written", map[string]string{"Path": *out}))
	return nil
}

// statsFail prints a translated message and exits with code.
func statsFail(env *Env, code int, key string, data map[string]string) error {
	fmt.Fprintln(env.Stderr, i18n.T(key, data))
	return exitError{code, nil}
}
