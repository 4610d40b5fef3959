package cli

import (
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"
	"text/tabwriter"

	"casefile/i18n"
	"casefile/model"
	"casefile/model/deadline"
	"casefile/store"
)

// Procedural events and the deadlines they start, for scripts.

func cmdEvent(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("event needs add, list or set")
	}
	switch args[0] {
	case "add":
		return eventAdd(env, args[1:])
	case "list":
		return eventList(env, args[1:])
	case "set":
		return eventSet(env, args[1:])
	}
	return usagef("unknown event subcommand %q", args[0])
}

// eventFlags declares the flags that set an event's fields; apply copies
// onto e those given on the command line.
type eventFlags struct {
	kind, date, at, decision, decided, presented, situation *string
	article, expiry, court, number, concerns, rule, note    *string
	noAppealInfo                                            *bool
}

func newEventFlags(fs *flag.FlagSet) *eventFlags {
	s := func(name string) *string { return fs.String(name, "", "") }
	return &eventFlags{
		kind: s("kind"), date: s("date"), at: s("time"), decision: s("decision"), decided: s("decided"),
		presented: s("first-presentation"), situation: s("situation"), article: s("article"),
		expiry: s("expiry"), court: s("court"), number: s("number"), concerns: s("concerns"),
		rule: s("rule"), note: s("note"), noAppealInfo: fs.Bool("no-appeal-info", false, ""),
	}
}

func (f *eventFlags) apply(env *Env, fs *flag.FlagSet, e *model.Event) error {
	var err error
	fs.Visit(func(fl *flag.Flag) {
		if err != nil {
			return
		}
		date := func(into *model.Date) {
			if fl.Value.String() == "" {
				*into = model.Date{}
				return
			}
			*into, err = parseDate(env, fl.Value.String())
		}
		switch fl.Name {
		case "kind":
			e.Kind = model.EventKind(*f.kind)
			err = known(env, "--kind", *f.kind, model.EventKinds)
		case "date":
			date(&e.Date)
		case "time":
			e.Time = *f.at
		case "decision":
			e.Decision = model.DecisionKind(*f.decision)
			err = known(env, "--decision", *f.decision, slices.Concat(model.DecisionKinds, model.JudgmentKinds))
		case "decided":
			date(&e.Decided)
		case "first-presentation":
			date(&e.FirstPresentation)
		case "situation":
			if model.Situation(*f.situation) == situationUnknown {
				e.Situation = "" // said, not forgotten: the earliest delay is planned
				return
			}
			e.Situation = model.Situation(*f.situation)
			err = known(env, "--situation", *f.situation, append(slices.Clone(model.Situations), situationUnknown))
		case "article":
			e.Article = *f.article
		case "expiry":
			date(&e.Expiry)
		case "court":
			e.Court = *f.court
		case "number":
			e.Number = *f.number
		case "concerns":
			e.Concerns = *f.concerns
		case "rule":
			e.Rule = *f.rule
			if _, ok := deadline.Lookup(e.Rule); !ok && e.Rule != "" {
				err = fail(env, ExitInvalid, "deadline.err.unknown_rule", map[string]string{"ID": e.Rule})
			}
		case "note":
			e.Note = *f.note
		case "no-appeal-info":
			e.NoAppealInfo = *f.noAppealInfo
		}
	})
	return err
}

// situationUnknown is what --situation takes when the person's situation
// is not known: the earliest delay (48 hours) is then planned.
const situationUnknown model.Situation = "unknown"

// known refuses a value that is not in list, naming the values it takes.
func known[T ~string](env *Env, what, v string, list []T) error {
	if slices.Contains(list, T(v)) {
		return nil
	}
	names := make([]string, len(list))
	for i, x := range list {
		names[i] = string(x)
	}
	return fail(env, ExitInvalid, "deadline.err.unknown_value", map[string]string{
		"Value": v, "What": what, "List": strings.Join(names, ", ")})
}

func eventAdd(env *Env, args []string) error {
	fs := flags(env, "event add")
	ef := newEventFlags(fs)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *ef.kind == "" || *ef.date == "" {
		return usagef("event add needs REF, --kind and --date")
	}
	var e model.Event
	if err := ef.apply(env, fs, &e); err != nil {
		return err
	}
	// A removal order, transfer, house arrest or ban on return: the delay
	// depends on the situation, which must be given (or said unknown).
	if e.Kind == model.EventDecisionNotified && e.Decision.NeedsSituation() && !flagSet(fs, "situation") {
		return fail(env, ExitInvalid, "situation.required", nil)
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
	e.CaseID = f.ID
	if err := v.AddEvent(&e); err != nil {
		return eventError(env, err)
	}
	return reportEvent(env, v, f, e, "cli.event_added", *asJSON)
}

// flagSet reports whether the flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

func eventSet(env *Env, args []string) error {
	fs := flags(env, "event set")
	ef := newEventFlags(fs)
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("event set needs one EVENT-ID and the fields to correct")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	e, err := v.Event(pos[0])
	if err != nil {
		return eventError(env, err)
	}
	if err := ef.apply(env, fs, e); err != nil {
		return err
	}
	if err := v.UpdateEvent(e); err != nil {
		return eventError(env, err)
	}
	f, err := v.Case(e.CaseID)
	if err != nil {
		return err
	}
	return reportEvent(env, v, f, *e, "cli.event_updated", *asJSON)
}

// reportEvent prints the event's id (or, with --json, the event and the
// case's deadlines), and on stderr how many deadlines are open.
func reportEvent(env *Env, v *store.Vault, f *model.CaseFile, e model.Event, key string, asJSON bool) error {
	ds, err := deadlineRows(v, f.ID)
	if err != nil {
		return err
	}
	open := 0
	for _, d := range ds {
		if d.Status == model.DeadlineOpen {
			open++
		}
	}
	fmt.Fprintln(env.Stderr, i18n.T(key, map[string]any{"Ref": f.Ref, "Open": open}))
	if asJSON {
		return writeJSON(env.Stdout, struct {
			Event     model.Event   `json:"event"`
			Deadlines []deadlineRow `json:"deadlines"`
		}{e, ds})
	}
	fmt.Fprintln(env.Stdout, e.ID)
	return nil
}

func eventError(env *Env, err error) error {
	switch {
	case errors.Is(err, store.ErrEventNotFound):
		return fail(env, ExitInvalid, "deadline.err.no_event", nil)
	case errors.Is(err, deadline.ErrOutsideRegime), errors.Is(err, deadline.ErrInvalidInput):
		return fail(env, ExitInvalid, "deadline.err.invalid_input", map[string]string{"Detail": err.Error()})
	}
	return err
}

func eventList(env *Env, args []string) error {
	fs := flags(env, "event list")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	v, f, err := openCase(env, "event list", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	evs, err := v.Events(f.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		if evs == nil {
			evs = []model.Event{}
		}
		return writeJSON(env.Stdout, evs)
	}
	if len(evs) == 0 {
		fmt.Fprintln(env.Stderr, i18n.T("cli.no_events"))
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	col := func(k string) string { return i18n.T("deadline.col." + k) }
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", col("date"), col("event"), col("details"), "ID")
	for _, e := range evs {
		when := i18n.Date(e.Date)
		if e.Time != "" {
			when += " " + e.Time
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", when, i18n.T("event.kind."+string(e.Kind)), eventDetails(e), e.ID)
	}
	return w.Flush()
}

// eventDetails is one line of what an event records besides its kind.
func eventDetails(e model.Event) string { return i18n.EventDetails(e) }
