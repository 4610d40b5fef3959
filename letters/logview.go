package letters

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"casefile/model"
)

// logView is the case's evidence log as letters quote it: entries not
// withdrawn, oldest first (a letter tells a chronology), in French.
type logView struct {
	entries []model.Evidence
	loc     *time.Location
}

func newLogView(es []model.Evidence, loc *time.Location) logView {
	out := slices.DeleteFunc(slices.Clone(es), func(e model.Evidence) bool { return e.Withdrawn || e.At.IsZero() })
	// The same order as the evidence export's pieces: by time, then id.
	slices.SortStableFunc(out, func(a, b model.Evidence) int {
		if c := a.At.Compare(b.At); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return logView{entries: out, loc: loc}
}

// when is "le 3 mars 2026 à 10 h 12", or "le 3 mars 2026" when the time is
// not known.
func (l logView) when(e model.Evidence) string {
	at := e.At.In(l.loc)
	s := "le " + LongDate(model.DateOf(at))
	if !e.DateOnly {
		s += fmt.Sprintf(" à %d h %02d", at.Hour(), at.Minute())
	}
	return s
}

func clean(s string) string { return strings.Join(strings.Fields(s), " ") }

func lines(ls []string) string {
	if len(ls) == 0 {
		return "- " + Missing
	}
	return strings.Join(ls, "\n")
}

func (l logView) each(keep func(model.Evidence) bool, line func(model.Evidence) string) string {
	var out []string
	for _, e := range l.entries {
		if keep(e) {
			out = append(out, line(e))
		}
	}
	return lines(out)
}

func isAttempt(e model.Evidence) bool { return e.KindOrAttempt() == model.EvidenceAttempt }

// malfunctions: the ANEF malfunctions (attempts with a category),
// "- le 3 mars 2026 : accès impossible — <what happened>".
func (l logView) malfunctions() string {
	return l.each(func(e model.Evidence) bool { return e.IsMalfunction() }, func(e model.Evidence) string {
		line := "- " + l.when(e) + " : " + malfunctionFR[e.Category]
		if t := clean(e.What); t != "" {
			line += " — " + t
		}
		return line
	})
}

// attempts: every attempt and contact, "- le 3 mars 2026 à 10 h 12
// (téléservice ANEF) : <what happened>".
func (l logView) attempts() string {
	return l.each(isAttempt, func(e model.Evidence) string {
		what := clean(e.What)
		if e.Category != "" {
			if what == "" {
				what = malfunctionFR[e.Category]
			} else {
				what = malfunctionFR[e.Category] + " — " + what
			}
		}
		return "- " + l.when(e) + " (" + channelFR[e.Channel] + ") : " + what
	})
}

// accompaniment: the contacts with the Centre de contact citoyen and the
// points d'accueil numérique (CESEDA R. 431-2).
func (l logView) accompaniment() string {
	return l.each(func(e model.Evidence) bool {
		return isAttempt(e) && (e.Channel == model.EvidenceContactCentre || e.Channel == model.EvidenceAccessPoint)
	}, func(e model.Evidence) string {
		return "- " + l.when(e) + " (" + channelFR[e.Channel] + ") : " + clean(e.What)
	})
}

// requests: the written requests, with the deadline each gave.
func (l logView) requests() string {
	return l.each(func(e model.Evidence) bool { return e.KindOrAttempt() == model.EvidenceRequest }, func(e model.Evidence) string {
		return "- " + l.when(e) + " : " + clean(e.What) + " (réponse demandée avant le " + LongDate(e.RespondBy) + ")"
	})
}

// urgencies: the proofs of urgency, with whose.
func (l logView) urgencies() string {
	return l.each(func(e model.Evidence) bool { return e.KindOrAttempt() == model.EvidenceUrgency }, func(e model.Evidence) string {
		who := ""
		if e.Urgency != "" {
			who = " (" + urgencyFR[e.Urgency] + ")"
		}
		return "- " + l.when(e) + who + " : " + clean(e.What)
	})
}

// filings: the proofs of filing.
func (l logView) filings() string {
	return l.each(func(e model.Evidence) bool { return e.KindOrAttempt() == model.EvidenceFiling }, func(e model.Evidence) string {
		return "- " + l.when(e) + " : " + clean(e.What)
	})
}

// firstAttempt is the day of the first attempt.
func (l logView) firstAttempt() string {
	for _, e := range l.entries {
		if isAttempt(e) {
			return LongDate(model.DateOf(e.At.In(l.loc)))
		}
	}
	return Missing
}

// weeks counts the distinct ISO weeks of the attempts.
func (l logView) weeks() int {
	seen := map[model.ISOWeek]bool{}
	for _, e := range l.entries {
		if isAttempt(e) {
			seen[model.WeekOf(model.DateOf(e.At.In(l.loc)))] = true
		}
	}
	return len(seen)
}

// pieces is the inventory a petition ends with, numbered as the evidence
// export numbers the files for Télérecours: PJ1 the summary of the
// attempts, then every proof, oldest entry first, each entry's proofs in
// the order attached.
func (l logView) pieces() string {
	out := []string{"PJ1 — Récapitulatif des tentatives"}
	n := 1
	for _, e := range l.entries {
		for _, p := range e.Proofs {
			n++
			out = append(out, fmt.Sprintf("PJ%d — %s (%s, %s)", n, p.Name, strings.TrimPrefix(l.when(e), "le "), channelFR[e.Channel]))
		}
	}
	return strings.Join(out, "\n")
}
