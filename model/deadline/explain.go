package deadline

import (
	"fmt"
	"strings"
	"time"
)

// Explain renders the steps of r, one sentence each, in French ("fr") or
// English ("en"; any language starting with "en"); other values give
// French. Dates are written dd/mm/yyyy in French and "2 Jan 2026" in
// English, with the weekday.
func (r Result) Explain(lang string) []string {
	en := isEnglish(lang)
	out := make([]string, 0, len(r.Steps))
	for _, s := range r.Steps {
		if line := r.render(s, en); line != "" {
			out = append(out, line)
		}
	}
	return out
}

var (
	weekdaysFR = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}
	weekdaysEN = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
)

// FormatDate writes d with its weekday: "samedi 04/04/2026" in French,
// "Sat 4 Apr 2026" in English.
func FormatDate(d Date, lang string) string {
	if isEnglish(lang) {
		return fmt.Sprintf("%s %d %s %d", weekdaysEN[d.Weekday()], d.Day, d.Month.String()[:3], d.Year)
	}
	return fmt.Sprintf("%s %02d/%02d/%04d", weekdaysFR[d.Weekday()], d.Day, int(d.Month), d.Year)
}

// FormatInstant writes t in its own zone with the date, the time and the
// zone's abbreviation: "vendredi 03/01/2026 18:00 CET".
func FormatInstant(t time.Time, lang string) string {
	zone, _ := t.Zone()
	return fmt.Sprintf("%s %s %s", FormatDate(DateOf(t), lang), t.Format("15:04"), zone)
}

func tr(en bool, fr, eng string) string {
	if en {
		return eng
	}
	return fr
}

// daysLeft and daysRun say a count of days with the noun and verb agreeing
// (French: 0 and 1 are singular), as the app's plural catalogue does.
func daysLeft(n int, en bool) string {
	switch {
	case en && n == 1:
		return "1 day remained"
	case en:
		return fmt.Sprintf("%d days remained", n)
	case n <= 1:
		return fmt.Sprintf("il restait %d jour", n)
	}
	return fmt.Sprintf("il restait %d jours", n)
}

func daysRun(n int, en bool) string {
	switch {
	case en && n == 1:
		return "the 1 remaining day runs"
	case en:
		return fmt.Sprintf("the %d remaining days run", n)
	case n <= 1:
		return fmt.Sprintf("le %d jour restant court", n)
	}
	return fmt.Sprintf("les %d jours restants courent", n)
}

func (r Result) render(s Step, en bool) string {
	rule := r.Rule
	lang := tr(en, "fr", "en")
	d := func(x Date) string { return FormatDate(x, lang) }
	t := func(x time.Time) string { return FormatInstant(x, lang) }
	n := rule.Duration.N
	switch s.Kind {
	case StepRule:
		return tr(en, "Règle ", "Rule ") + rule.ID + tr(en, " : ", ": ") + rule.Label(lang) + " — " + durationText(rule.Duration, en) +
			tr(en, " ; départ : ", "; from: ") + rule.Trigger.Label(lang) + "."
	case StepRegime:
		line := tr(en, "Régime : ", "Regime: ") + tr(en, rule.Regime.LabelFR, rule.Regime.LabelEN)
		if !s.Date.IsZero() {
			line += tr(en, " ; décision du ", "; decision taken on ") + d(s.Date)
		}
		return line + "."
	case StepRegimeUnchecked:
		return tr(en, "Régime : ", "Regime: ") + tr(en, rule.Regime.LabelFR, rule.Regime.LabelEN) +
			tr(en, ". Date de la décision non renseignée : vérifier qu'elle relève de ce régime.",
				". Decision date not entered: check that the decision falls under this regime.")
	case StepTrigger:
		if !r.IsHours {
			return tr(en, "Point de départ : ", "Trigger: ") + rule.Trigger.Label(lang) + tr(en, " le ", " on ") + d(s.Date) + "."
		}
		line := tr(en, "Point de départ : ", "Trigger: ") + rule.Trigger.Label(lang) + tr(en, " le ", " on ") + d(s.Date) +
			tr(en, " à ", " at ") + s.Clock.String()
		switch s.Meaning {
		case WallAmbiguous:
			line += tr(en, " ; cette heure existe deux fois (retour à l'heure d'hiver) : la première est retenue, ",
				"; this time occurs twice (clocks go back): the first is used, ") + t(s.At)
		case WallNonexistent:
			line += tr(en, " ; cette heure n'existe pas (passage à l'heure d'été) : son sens le plus tôt est retenu, ",
				"; this time does not exist (clocks go forward): its earliest meaning is used, ") + t(s.At)
		default:
			line += " (" + t(s.At) + ")"
		}
		return line + "."
	case StepNominal:
		return r.renderNominal(s, en)
	case StepFranc:
		return tr(en, "Délai franc : le jour de la notification et celui de l'échéance ne comptent pas ; dernier jour le lendemain de ",
			"Franc deadline: neither the day of notification nor the day of expiry counts; the last day is the day after ") +
			d(s.Other) + tr(en, " : ", ": ") + d(s.Date) + "."
	case StepReadingB:
		line := fmt.Sprintf(tr(en, "Lecture B (délai franc) : à compter du lendemain, %s, même quantième %s plus tard : %s",
			"Reading B (franc deadline): from the next day, %s, the same day number %s later: %s"),
			d(s.Other), durationText(Duration{n, Months}, en), d(s.Date))
		return line + clampNote(s.Other, s.Date, en) + "."
	case StepReadingsAgree:
		return tr(en, "Les lectures A et B donnent le même jour : ", "Readings A and B give the same day: ") + d(s.Date) + "."
	case StepReadingsDiffer:
		return fmt.Sprintf(tr(en, "Les lectures A et B diffèrent : la plus tôt, %s, est retenue ; l'autre lecture donnerait %s.",
			"Readings A and B differ: the earlier, %s, is used; the other reading would give %s."), d(s.Date), d(s.Other))
	case StepNotFranc:
		return notFrancText(rule, en)
	case StepSkipped:
		return fmt.Sprintf(tr(en, "Le %s n'est pas un jour ouvré (%s) : report au lendemain.",
			"%s is not a working day (%s): moved to the next day."), d(s.Date), whyNotWorking(s, en))
	case StepNotMoved:
		return fmt.Sprintf(tr(en, "Le %s n'est pas un jour ouvré (%s), mais %s : pas de report.",
			"%s is not a working day (%s), but %s: not moved."), d(s.Date), whyNotWorking(s, en), r.noMoveReason(en))
	case StepElapsed:
		return fmt.Sprintf(tr(en, "Durée écoulée : %d heures après le départ : %s.", "Elapsed time: %d hours after the trigger: %s."), n, t(s.At))
	case StepWallClock:
		line := fmt.Sprintf(tr(en, "Heure affichée : %s à %s", "Wall clock: %s at %s"), d(s.Date), s.Clock)
		switch s.Meaning {
		case WallAmbiguous:
			line += tr(en, ", heure qui existe deux fois : la première, ", ", a time that occurs twice: the first, ") + t(s.At)
		case WallNonexistent:
			line += tr(en, ", heure qui n'existe pas : l'horloge passe directement à ", ", a time that does not exist: the clock jumps straight to ") + t(s.At)
			if !s.OtherAt.IsZero() {
				line += tr(en, " (lue avec le décalage d'été, elle serait ", " (read with the summer offset it would be ") + t(s.OtherAt) +
					tr(en, ", instant où l'horloge n'affiche pas encore cette heure : non retenu)", ", when the clock does not show that time yet: not used)")
			}
		default:
			line += " : " + t(s.At)
		}
		return line + "."
	case StepHoursDiffer:
		return fmt.Sprintf(tr(en, "Un changement d'heure sépare les deux lectures : la plus tôt, %s, est retenue ; l'autre donnerait %s.",
			"A clock change separates the two readings: the earlier, %s, is used; the other would give %s."), t(s.At), t(s.OtherAt))
	case StepHoursNeverMove:
		return tr(en, "Délai en heures : compté d'heure à heure, ni franc ni prorogé les samedis, dimanches et jours fériés.",
			"Hour deadline: counted hour to hour, neither franc nor extended on Saturdays, Sundays and holidays.")
	case StepLegalAidNone:
		return tr(en, "Aide juridictionnelle demandée le ", "Legal aid requested on ") + d(s.Date) +
			tr(en, " : sans effet sur ce délai.", ": no effect on this deadline.")
	case StepLegalAidUnverified:
		return tr(en, "Aide juridictionnelle demandée le ", "Legal aid requested on ") + d(s.Date) +
			tr(en, " : son effet sur ce délai n'est pas vérifié ; aucun effet n'est appliqué (date la plus tôt). À vérifier.",
				": its effect on this deadline is not verified; no effect is applied (the earlier date). To be checked.")
	case StepLegalAidBeforeTrigger:
		return tr(en, "Aide juridictionnelle demandée le ", "Legal aid requested on ") + d(s.Date) +
			tr(en, ", avant le point de départ : effet non établi, aucun effet appliqué (date la plus tôt).",
				", before the trigger: effect not established, none applied (the earlier date).")
	case StepLegalAidLate:
		return fmt.Sprintf(tr(en, "Aide juridictionnelle demandée le %s, après l'expiration du délai (%s) : sans effet.",
			"Legal aid requested on %s, after the deadline expired (%s): no effect."), d(s.Date), d(s.Other))
	case StepLegalAidOutsideWindow:
		return fmt.Sprintf(tr(en, "Aide juridictionnelle demandée le %s, après la fin du délai pour la demander (%s, %s) : le délai n'est pas suspendu.",
			"Legal aid requested on %s, after the time to request it ended (%s, %s): the deadline is not suspended."), d(s.Date), d(s.Other), rule.LegalAidWindow)
	case StepLegalAidInterrupts:
		return tr(en, "Aide juridictionnelle demandée le ", "Legal aid requested on ") + d(s.Date) +
			tr(en, ", avant l'expiration : le délai est interrompu (décret n° 2020-1717, art. 43).",
				", before expiry: the deadline is interrupted (décret 2020-1717, art. 43).")
	case StepLegalAidPending:
		return tr(en, "Décision d'aide juridictionnelle pas encore notifiée : la date affichée est celle sans aide juridictionnelle (la plus tôt) ; elle changera à la notification de la décision.",
			"Legal-aid decision not yet notified: the date shown is the one without legal aid (the earlier); it will change once the decision is notified.")
	case StepLegalAidRestart:
		return tr(en, "Décision d'aide juridictionnelle notifiée le ", "Legal-aid decision notified on ") + d(s.Date) +
			tr(en, " : nouveau délai de même durée à compter de cette date. S'il court d'un événement plus tardif (désignation de l'avocat, décision devenue définitive), la date serait plus tardive : non retenu.",
				": a new deadline of the same length runs from that day. If it runs from a later event (lawyer appointed, decision final), the date would be later: not used.")
	case StepLegalAidSuspends:
		return fmt.Sprintf(tr(en, "Aide juridictionnelle demandée le %s, dans le délai pour la demander : le délai est suspendu ; %s jusqu'au %s (le jour de la demande compte comme écoulé ; l'autre lecture donnerait un jour de plus).",
			"Legal aid requested on %s, within the time to request it: the deadline is suspended; %s until %s (the day of the request counts as used; the other reading would give one more day)."),
			d(s.Date), daysLeft(s.N, en), d(s.Other))
	case StepLegalAidResumed:
		return fmt.Sprintf(tr(en, "Décision d'aide juridictionnelle notifiée le %s : %s à nouveau : %s.",
			"Legal-aid decision notified on %s: %s again: %s."), d(s.Other), daysRun(s.N, en), d(s.Date))
	case StepDue:
		if r.IsHours {
			return tr(en, "Fin du délai : ", "Deadline ends: ") + t(s.At) + "."
		}
		return dueLabel(rule.Kind, en) + d(s.Date) + "."
	case StepFiling:
		switch rule.Filing {
		case FilingReceived:
			return tr(en, "Dépôt : c'est la date de réception qui compte.", "Filing: the date of receipt counts.")
		case FilingSent:
			return tr(en, "Dépôt : la date d'envoi fait foi.", "Filing: the date of sending counts.")
		}
		return ""
	case StepBasis:
		line := tr(en, "Base légale : ", "Legal basis: ") + rule.Basis + "."
		if len(rule.Sources) > 0 {
			line += tr(en, " Sources : ", " Sources: ") + SourcesText(rule.Sources) + "."
		}
		if rule.Alt != nil && len(rule.Alt.Sources) > 0 {
			line += tr(en, " Autre lecture : ", " Other reading: ") + SourcesText(rule.Alt.Sources) + "."
		}
		return line
	case StepStatus:
		return statusText(rule.Status, en) + " " + LawAsOfText(lang)
	case StepAltReading:
		own, other := d(s.Date), d(s.Other)
		if r.IsHours {
			own = t(s.At)
		}
		if !s.OtherAt.IsZero() {
			other = t(s.OtherAt)
		} else if r.IsHours {
			other += tr(en, " (fin de journée)", " (end of the day)")
		}
		kept, named := own, other
		if s.N == 1 {
			kept, named = other, own
		}
		return fmt.Sprintf(tr(en, "Deux lectures de ce délai. %s : %s. %s : %s. La plus tôt, %s, est retenue ; l'autre donnerait %s.",
			"Two readings of this deadline. %s: %s. %s: %s. The earlier, %s, is used; the other would give %s."),
			rule.ReadingName(lang), own, rule.Alt.Name(lang), other, kept, named)
	case StepUnverifiedHoliday:
		return fmt.Sprintf(tr(en, "Le %s est peut-être un jour férié local (%s), dont la date n'est pas vérifiée dans le texte qui la fixe : pas de report (date la plus tôt).",
			"%s may be a local holiday (%s) whose date is not verified in the text that fixes it: not moved (the earlier date)."),
			d(s.Date), tr(en, s.Holiday.NameFR, s.Holiday.NameEN))
	case StepLegalAidOtherReading:
		return fmt.Sprintf(tr(en, "Autre lecture (CE, 10 juin 2020, n° 422471) : le nouveau délai ne court qu'à l'expiration des 15 jours suivant la notification de la décision d'aide juridictionnelle (ou à la désignation de l'avocat si elle est plus tardive), soit à compter du %s : il finirait le %s. Non retenue : la date la plus tôt est affichée.",
			"Other reading (CE, 10 June 2020, no. 422471): the new deadline only runs once the 15 days after notification of the legal-aid decision have passed (or from the lawyer's appointment if later), i.e. from %s: it would end on %s. Not used: the earlier date is shown."),
			d(s.Date), d(s.Other))
	case StepNote:
		return tr(en, "Note : ", "Note: ") + rule.Note(lang)
	}
	return ""
}

func (r Result) renderNominal(s Step, en bool) string {
	rule := r.Rule
	lang := tr(en, "fr", "en")
	dur := rule.Duration
	abs := Duration{max(dur.N, -dur.N), dur.Unit}
	switch {
	case dur.N == 0:
		return tr(en, "Échéance le jour même : ", "Due on the day itself: ") + FormatDate(s.Date, lang) + "."
	case dur.Unit == Days && dur.N < 0:
		return fmt.Sprintf(tr(en, "%s avant le %s : %s.", "%s before %s: %s."), durationText(abs, en), FormatDate(s.Other, lang), FormatDate(s.Date, lang))
	case dur.Unit == Days:
		return fmt.Sprintf(tr(en, "%s après le %s (le jour de départ ne compte pas) : %s.", "%s after %s (the trigger day does not count): %s."),
			durationText(abs, en), FormatDate(s.Other, lang), FormatDate(s.Date, lang))
	case dur.N < 0:
		return fmt.Sprintf(tr(en, "Même quantième %s avant le %s : %s", "Same day number %s before %s: %s"),
			durationText(abs, en), FormatDate(s.Other, lang), FormatDate(s.Date, lang)) + clampNote(s.Other, s.Date, en) + "."
	}
	prefix := tr(en, "Même quantième (art. 641 CPC)", "Same day number (CPC art. 641)")
	if rule.Franc {
		prefix = tr(en, "Lecture A (art. 641 CPC) : même quantième", "Reading A (CPC art. 641): same day number")
	}
	return fmt.Sprintf(tr(en, "%s %s après le %s : %s", "%s %s after %s: %s"), prefix, durationText(abs, en), FormatDate(s.Other, lang), FormatDate(s.Date, lang)) +
		clampNote(s.Other, s.Date, en) + "."
}

// clampNote says when a month count ended on the month's last day because
// the day number does not exist in that month.
func clampNote(from, to Date, en bool) string {
	if from.Day == to.Day {
		return ""
	}
	return fmt.Sprintf(tr(en, " (pas de %d dans ce mois : dernier jour du mois)", " (no day %d in that month: its last day)"), from.Day)
}

func durationText(d Duration, en bool) string {
	n := d.N
	before := n < 0
	if before {
		n = -n
	}
	if n == 0 {
		return tr(en, "le jour même", "on the day")
	}
	var unit string
	switch d.Unit {
	case Hours:
		unit = tr(en, "heure", "hour")
	case Days:
		unit = tr(en, "jour", "day")
	case Months:
		unit = tr(en, "mois", "month")
	}
	if n > 1 && !(d.Unit == Months && !en) {
		unit += "s"
	}
	s := fmt.Sprintf("%d %s", n, unit)
	if before {
		s += tr(en, " avant", " before")
	}
	return s
}

func notFrancText(rule Rule, en bool) string {
	switch rule.Kind {
	case KindAdminRecourse:
		return tr(en, "Délai non franc et non prorogé : recours administratif, qu'aucun texte ne dit franc ; la date la plus tôt est retenue (l'autre lecture, franche et prorogée, serait plus tardive).",
			"Not franc and not extended: an administrative recourse, which no text makes franc; the earlier date is used (the other reading, franc and extended, would be later).")
	case KindImplicitDecision:
		return tr(en, "Délai non franc : la décision implicite naît le jour calculé, sans report.",
			"Not franc: the implicit decision arises on the computed day, without any move.")
	case KindAuthorityDelay:
		return tr(en, "Délai de l'administration : ni franc ni reporté.", "The administration's time: neither franc nor moved.")
	case KindFilingWindow:
		return tr(en, "Délai compté à rebours : ni franc ni reporté.", "Counted backwards: neither franc nor moved.")
	case KindExpiry:
		return tr(en, "Date d'expiration : elle ne bouge pas.", "An expiry date: it does not move.")
	case KindOther:
		return tr(en, "Ni franc ni prorogé : aucun texte ni aucune décision ne tranche ce point, la date la plus tôt est retenue.",
			"Neither franc nor extended: no text or decision settles this point, the earlier date is used.")
	}
	return tr(en, "Délai non franc.", "Not a franc deadline.")
}

func (r Result) noMoveReason(en bool) string {
	if r.IsHours {
		return tr(en, "un délai en heures n'est jamais prorogé", "an hour deadline is never extended")
	}
	switch r.Rule.Kind {
	case KindImplicitDecision:
		return tr(en, "la décision implicite naît quand même ce jour-là", "the implicit decision arises on that day all the same")
	case KindFilingWindow:
		return tr(en, "un délai compté à rebours n'est jamais reporté", "a deadline counted backwards never moves forward")
	case KindExpiry:
		return tr(en, "une date d'expiration ne bouge pas", "an expiry date does not move")
	case KindAuthorityDelay:
		return tr(en, "le délai de l'administration n'est pas reporté", "the administration's time is not moved")
	case KindCourtAppeal:
		if r.Rule.Alt != nil {
			return tr(en, "selon cette lecture, le délai n'est pas prorogé (voir l'autre lecture ci-dessous)", "under this reading the deadline is not extended (see the other reading below)")
		}
		return tr(en, "ce délai n'est pas prorogé (lecture la plus stricte, voir la note)", "this deadline is not extended (the stricter reading, see the note)")
	}
	return tr(en, "ce délai n'est pas prorogé faute de règle établie (date la plus tôt)", "this deadline is not extended for want of a settled rule (the earlier date)")
}

func whyNotWorking(s Step, en bool) string {
	var why []string
	switch s.Date.Weekday() {
	case time.Saturday:
		why = append(why, tr(en, "samedi", "Saturday"))
	case time.Sunday:
		why = append(why, tr(en, "dimanche", "Sunday"))
	}
	if h := s.Holiday; !h.Date.IsZero() {
		name := tr(en, "jour férié : "+h.NameFR, "public holiday: "+h.NameEN)
		if h.Local {
			name += tr(en, ", férié local activé pour ce dossier, effet sur les délais non vérifié",
				", a local holiday enabled for this case, effect on deadlines not verified")
		}
		why = append(why, name)
	}
	return strings.Join(why, " ; ")
}

func dueLabel(k Kind, en bool) string {
	switch k {
	case KindImplicitDecision:
		return tr(en, "Décision implicite née le ", "Implicit decision arises on ")
	case KindAuthorityDelay:
		return tr(en, "L'administration doit statuer au plus tard le ", "The administration must decide by ")
	case KindFilingWindow:
		return tr(en, "Date : ", "Date: ")
	case KindExpiry:
		return tr(en, "Expire le ", "Expires on ")
	}
	return tr(en, "Dernier jour pour agir : ", "Last day to act: ")
}

func statusText(s Status, en bool) string {
	switch s {
	case Verified:
		return tr(en, "Statut : vérifié dans un texte primaire (✅).", "Status: verified in a primary text (✅).")
	case Secondary:
		return tr(en, "Statut : source secondaire (◐).", "Status: secondary source (◐).")
	}
	return tr(en, "Statut : NON VÉRIFIÉ (⚠) — à contrôler sur Légifrance avant de s'y fier.",
		"Status: NOT VERIFIED (⚠) — check on Légifrance before relying on it.")
}

// SourcesText writes sources as a reader cites them, separated by " ; ".
func SourcesText(ss []Source) string {
	parts := make([]string, len(ss))
	for i, s := range ss {
		parts[i] = s.String()
	}
	return strings.Join(parts, " ; ")
}

// LawAsOfText says up to which day the rules reflect the law.
func LawAsOfText(lang string) string {
	en := isEnglish(lang)
	return tr(en, "Droit pris en compte jusqu'au ", "Law taken into account up to ") + FormatDate(LawAsOf, lang) + "."
}
