package cli

import (
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"

	"casefile/i18n"
	"casefile/model"
	"casefile/model/deadline"
)

// The rule table and one-off computations: neither needs a vault.

// ruleJSON is a rule as `casefile rules --json` writes it.
type ruleJSON struct {
	ID             string            `json:"id"`
	Label          string            `json:"label"`
	Trigger        string            `json:"trigger"`
	TriggerLabel   string            `json:"trigger_label"`
	Duration       int               `json:"duration"`
	Unit           string            `json:"unit"`
	Franc          bool              `json:"franc"`
	Extends        bool              `json:"extends"`
	LegalAid       string            `json:"legal_aid"`
	LegalAidWindow string            `json:"legal_aid_window,omitempty"`
	Filing         string            `json:"filing"`
	Basis          string            `json:"basis"`
	Regime         string            `json:"regime"`
	RegimeFrom     string            `json:"regime_from,omitempty"`
	RegimeUntil    string            `json:"regime_until,omitempty"`
	Status         string            `json:"status"`
	Note           string            `json:"note"`
	Sources        []deadline.Source `json:"sources"`
	// Reading and Alternative name the two readings, when the rule has
	// another one (the engine shows the earlier date).
	Reading     string           `json:"reading,omitempty"`
	Alternative *alternativeJSON `json:"alternative,omitempty"`
	// LawAsOf is the day up to which the rule set reflects the law.
	LawAsOf string `json:"law_as_of"`
}

// alternativeJSON is a rule's other reading.
type alternativeJSON struct {
	Name     string            `json:"name"`
	Duration int               `json:"duration"`
	Unit     string            `json:"unit"`
	Franc    bool              `json:"franc"`
	Extends  bool              `json:"extends"`
	Sources  []deadline.Source `json:"sources"`
}

func toRuleJSON(r deadline.Rule, lang string) ruleJSON {
	out := ruleJSON{
		ID: r.ID, Label: r.Label(lang), Trigger: string(r.Trigger), TriggerLabel: r.Trigger.Label(lang),
		Duration: r.Duration.N, Unit: r.Duration.Unit.String(), Franc: r.Franc, Extends: r.Extends,
		LegalAid: r.LegalAid.String(), LegalAidWindow: r.LegalAidWindow, Filing: r.Filing.String(),
		Basis: r.Basis, Regime: regimeLabel(r, lang), RegimeFrom: r.Regime.From.String(), RegimeUntil: r.Regime.Until.String(),
		Status: r.Status.String(), Note: r.Note(lang), Sources: r.Sources, LawAsOf: deadline.LawAsOf.String(),
	}
	if r.Alt != nil {
		out.Reading = r.ReadingName(lang)
		out.Alternative = &alternativeJSON{Name: r.Alt.Name(lang), Duration: r.Alt.Duration.N, Unit: r.Alt.Duration.Unit.String(),
			Franc: r.Alt.Franc, Extends: r.Alt.Extends, Sources: r.Alt.Sources}
	}
	return out
}

func regimeLabel(r deadline.Rule, lang string) string {
	if lang == "en" {
		return r.Regime.LabelEN
	}
	return r.Regime.LabelFR
}

// rules: every rule with its basis, status and flags.
func cmdRules(env *Env, args []string) error {
	fs := flags(env, "rules")
	asJSON := fs.Bool("json", false, "")
	withSources := fs.Bool("sources", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("rules takes no argument")
	}
	lang := i18n.Lang()
	if *asJSON {
		out := []ruleJSON{}
		for _, r := range deadline.Rules() {
			out = append(out, toRuleJSON(r, lang))
		}
		return writeJSON(env.Stdout, out)
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	col := func(k string) string { return i18n.T("deadline.col." + k) }
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", col("id"), col("length"), col("franc"), col("extends"),
		col("legal_aid"), col("status"), col("basis"))
	for _, r := range deadline.Rules() {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, durationText(r.Duration), yesNo(r.Franc), yesNo(r.Extends),
			i18n.T("deadline.legal_aid."+r.LegalAid.String()), statusText(r.Status), r.Basis)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if !*withSources {
		fmt.Fprintln(env.Stdout, "\n"+deadline.LawAsOfText(lang))
		return nil
	}
	// Then each rule's sources as a reader cites them, and its other
	// reading when it has one.
	for _, r := range deadline.Rules() {
		fmt.Fprintf(env.Stdout, "\n%s — %s\n", r.ID, r.Label(lang))
		if r.Alt != nil {
			fmt.Fprintln(env.Stdout, "  "+i18n.T("deadline.reading_a", map[string]string{"Name": r.ReadingName(lang)}))
			fmt.Fprintln(env.Stdout, "  "+i18n.T("deadline.reading_b", map[string]string{"Name": r.Alt.Name(lang)}))
		}
		for _, src := range r.Sources {
			fmt.Fprintln(env.Stdout, "  • "+src.String())
		}
		if r.Alt != nil {
			for _, src := range r.Alt.Sources {
				fmt.Fprintln(env.Stdout, "  • "+src.String()+" — "+i18n.T("deadline.other_reading"))
			}
		}
	}
	fmt.Fprintln(env.Stdout, "\n"+deadline.LawAsOfText(lang))
	return nil
}

func durationText(d deadline.Duration) string {
	n := max(d.N, -d.N)
	if n == 0 {
		return i18n.T("deadline.unit.same_day")
	}
	s := i18n.T("deadline.unit."+d.Unit.String(), map[string]int{"N": n})
	if d.N < 0 {
		s = i18n.T("deadline.unit.before", map[string]string{"D": s})
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return i18n.T("deadline.yes")
	}
	return i18n.T("deadline.no")
}

func statusText(s deadline.Status) string { return i18n.T("deadline.status." + s.String()) }

// deadlineJSON is a computed deadline as `casefile deadline --json` writes it.
type deadlineJSON struct {
	Rule            string        `json:"rule"`
	Label           string        `json:"label"`
	Trigger         string        `json:"trigger"`
	Due             string        `json:"due"`
	Region          string        `json:"region"`
	Basis           string        `json:"basis"`
	Status          string        `json:"status"`
	Regime          string        `json:"regime"`
	Hours           bool          `json:"hours"`
	Franc           bool          `json:"franc"`
	Extends         bool          `json:"extends"`
	LegalAid        string        `json:"legal_aid"`
	LegalAidPending bool          `json:"legal_aid_pending"`
	Readings        []readingJSON `json:"readings"`
	Explanation     []string      `json:"explanation"`
	// Reading, AltReading and AltDue name both readings and the other
	// reading's end when the rule has one; AltKept says it was the earlier.
	Reading    string            `json:"reading,omitempty"`
	AltReading string            `json:"alt_reading,omitempty"`
	AltDue     string            `json:"alt_due,omitempty"`
	AltKept    bool              `json:"alt_kept,omitempty"`
	Sources    []deadline.Source `json:"sources"`
	LawAsOf    string            `json:"law_as_of"`
}

type readingJSON struct {
	Name  string `json:"name"`
	Last  string `json:"last"`
	Final string `json:"final"`
	At    string `json:"at,omitempty"`
}

// deadline RULE-ID TRIGGER: compute one deadline and explain it.
func cmdDeadline(env *Env, args []string) error {
	fs := flags(env, "deadline")
	asJSON := fs.Bool("json", false, "")
	regionName := fs.String("region", "metropole", "")
	decided := fs.String("decided", "", "")
	aidRequested := fs.String("legal-aid-requested", "", "")
	aidDecided := fs.String("legal-aid-decided", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("deadline needs RULE-ID and TRIGGER")
	}
	rule, ok := deadline.Lookup(pos[0])
	if !ok {
		return fail(env, ExitInvalid, "deadline.err.unknown_rule", map[string]string{"ID": pos[0]})
	}
	region, err := parseRegion(env, *regionName)
	if err != nil {
		return err
	}
	in := deadline.Input{Rule: rule, Region: region}
	if rule.Duration.Unit == deadline.Hours {
		in.Trigger, in.At, err = deadline.ParseDateTime(pos[1])
		if err != nil {
			return fail(env, ExitInvalid, "deadline.err.bad_trigger_hours", map[string]string{"Value": pos[1], "ID": rule.ID})
		}
	} else if in.Trigger, err = deadline.ParseDate(pos[1]); err != nil {
		return fail(env, ExitInvalid, "deadline.err.bad_trigger", map[string]string{"Value": pos[1]})
	}
	for _, opt := range []struct {
		value string
		into  **deadline.Date
	}{{*decided, &in.DecisionDate}, {*aidRequested, &in.LegalAidRequested}, {*aidDecided, &in.LegalAidDecided}} {
		if opt.value == "" {
			continue
		}
		d, err := parseDate(env, opt.value)
		if err != nil {
			return err
		}
		dd := deadline.Date(d)
		*opt.into = &dd
	}
	res, err := deadline.Compute(in)
	if err != nil {
		return deadlineError(env, rule, err)
	}
	lang := i18n.Lang()
	if *asJSON {
		out := deadlineJSON{
			Rule: rule.ID, Label: rule.Label(lang), Trigger: pos[1], Due: res.DueString(), Region: region.String(),
			Basis: rule.Basis, Status: rule.Status.String(), Regime: regimeLabel(rule, lang), Hours: res.IsHours,
			Franc: rule.Franc, Extends: rule.Extends, LegalAid: rule.LegalAid.String(), LegalAidPending: res.LegalAidPending,
			Readings: []readingJSON{}, Explanation: res.Explain(lang), Sources: rule.Sources, LawAsOf: deadline.LawAsOf.String(),
		}
		if rule.Alt != nil {
			out.Reading, out.AltReading, out.AltKept = rule.ReadingName(lang), rule.Alt.Name(lang), res.AltKept
			out.AltDue = res.AltDue.String()
			if !res.AltDueAt.IsZero() {
				out.AltDue = res.AltDueAt.Format("2006-01-02T15:04")
			}
		}
		for _, r := range res.Readings {
			rj := readingJSON{Name: r.Name, Last: r.Last.String(), Final: r.Final.String()}
			if !r.At.IsZero() {
				rj.At = r.At.Format("2006-01-02T15:04")
			}
			out.Readings = append(out.Readings, rj)
		}
		return writeJSON(env.Stdout, out)
	}
	fmt.Fprintln(env.Stdout, dueText(res))
	for _, line := range res.Explain(lang) {
		fmt.Fprintln(env.Stdout, "  "+line)
	}
	fmt.Fprintln(env.Stdout, i18n.T("deadline.summary", map[string]string{
		"Rule": rule.ID, "Basis": rule.Basis, "Status": statusText(rule.Status)}))
	return nil
}

// dueText is a result's end as the language writes it: the day, and for
// hour rules the time and zone.
func dueText(res deadline.Result) string {
	if res.IsHours {
		zone, _ := res.DueAt.Zone()
		return i18n.Date(model.Date(res.Due)) + " " + res.DueAt.Format("15:04") + " " + zone
	}
	return i18n.Date(model.Date(res.Due))
}

// deadlineError translates the engine's errors.
func deadlineError(env *Env, rule deadline.Rule, err error) error {
	switch {
	case errors.Is(err, deadline.ErrOutsideRegime):
		return fail(env, ExitInvalid, "deadline.err.outside_regime", map[string]string{
			"ID": rule.ID, "Regime": regimeLabel(rule, i18n.Lang())})
	case errors.Is(err, deadline.ErrInvalidInput):
		return fail(env, ExitInvalid, "deadline.err.invalid_input", map[string]string{"Detail": err.Error()})
	}
	return err
}

// parseRegion reads --region; an unknown name is a usage error (exit 2)
// listing the regions.
func parseRegion(env *Env, s string) (deadline.Region, error) {
	r, err := deadline.ParseRegion(s)
	if err != nil {
		var names []string
		for _, r := range deadline.Regions() {
			names = append(names, r.String())
		}
		return r, fail(env, ExitUsage, "deadline.err.unknown_region", map[string]string{
			"Value": s, "List": strings.Join(names, ", ")})
	}
	return r, nil
}

// parseDate reads a date as a user types it: YYYY-MM-DD or dd/mm/yyyy.
func parseDate(env *Env, s string) (model.Date, error) {
	d, err := i18n.ParseDate(s)
	if err != nil || d.IsZero() {
		return d, fail(env, ExitInvalid, "deadline.err.bad_date", map[string]string{"Value": s})
	}
	return d, nil
}

// fail writes a translated message on stderr and returns the exit code
// for it (report then prints nothing more).
func fail(env *Env, code int, key string, data any) error {
	fmt.Fprintln(env.Stderr, i18n.T(key, data))
	return exitError{code, nil}
}
