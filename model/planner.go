package model

import (
	"fmt"
	"slices"
	"time"

	"casefile/model/deadline"
)

// How DeadlinesFor maps each kind of event to the rules it starts
// (docs/events.md).

// Start of the removal-order regime of loi n° 2024-42 (decisions taken from
// 15 July 2024).
var removalRegime2024 = Date{2024, time.July, 15}

// planner accumulates the plan of one case.
type planner struct {
	facts  CaseFacts
	events []Event // sorted
	out    []Planned
	errs   []error
}

// plan computes rule for event e from trigger and adds it; extra caveats
// are attached. It returns the index of the planned deadline, or -1.
func (p *planner) plan(e Event, rule string, trigger Date, caveats ...Caveat) int {
	return p.planWith(e, rule, trigger, nil, caveats)
}

func (p *planner) planWith(e Event, ruleID string, trigger Date, decided *Date, caveats []Caveat) int {
	rule, ok := deadline.Lookup(ruleID)
	if !ok {
		p.errs = append(p.errs, fmt.Errorf("model: event %s: no rule %q", e.ID, ruleID))
		return -1
	}
	in, more := p.input(e, rule, trigger, decided)
	res, err := deadline.Compute(in)
	if err != nil {
		p.errs = append(p.errs, fmt.Errorf("model: event %s: %w", e.ID, err))
		return -1
	}
	pl := Planned{
		Kind: DeadlineComputed, Source: e.ID, RuleID: rule.ID, Result: res,
		Trigger: trigger, Due: Date(res.Due), Reminder: Date(deadline.DefaultReminder(res).Date),
		Caveats: append(slices.Clone(caveats), more...),
	}
	if res.IsHours {
		pl.DueAt = res.DueAt
	}
	p.out = append(p.out, pl)
	return len(p.out) - 1
}

// input is the engine's input for rule counted from trigger for event e,
// with the caveats that come with it (time unknown, legal aid unlinked).
func (p *planner) input(e Event, rule deadline.Rule, trigger Date, decided *Date) (deadline.Input, []Caveat) {
	var cv []Caveat
	in := deadline.Input{Rule: rule, Trigger: deadline.Date(trigger), Region: p.facts.Region, Zone: p.facts.zone()}
	if decided != nil {
		d := deadline.Date(*decided)
		in.DecisionDate = &d
	}
	if rule.Duration.Unit == deadline.Hours {
		if c, known := e.Clock(); known {
			in.At = c
		} else {
			c := Caveat{Code: CaveatTimeUnknown}
			// From the end of the notification day (24:00, the next day's
			// 00:00): later, named.
			later := in
			later.Trigger = in.Trigger.AddDays(1)
			later.DecisionDate = nil
			if res, err := deadline.Compute(later); err == nil {
				c.Other = res.DueString()
			}
			cv = append(cv, c)
		}
	}
	if rule.Kind == deadline.KindCourtAppeal || rule.LegalAid != deadline.LegalAidNone {
		req, dec, unlinked := p.legalAid(e.ID)
		in.LegalAidRequested, in.LegalAidDecided = req, dec
		if unlinked {
			cv = append(cv, Caveat{Code: CaveatLegalAidUnlinked})
		}
	}
	return in, cv
}

// compute is the result of rule for event e, without planning it.
func (p *planner) compute(e Event, ruleID string, trigger Date, decided *Date) (deadline.Result, error) {
	rule, ok := deadline.Lookup(ruleID)
	if !ok {
		return deadline.Result{}, fmt.Errorf("model: no rule %q", ruleID)
	}
	in, _ := p.input(e, rule, trigger, decided)
	return deadline.Compute(in)
}

// chained plans the court appeal against the implicit decision planned at
// index i (contentieux-implicite-2m from the day it arises).
// The reasons of the implicit refusal may be requested within that delay
// (motifs-implicite, CRPA L232-4): once requested, the delay is prorogued
// until two months after they are communicated (contentieux-motifs-2m
// replaces it), and at the latest one year after the request (CE avis
// 2 Oct 2025 n° 504677).
func (p *planner) chained(i int) {
	if i < 0 {
		return
	}
	silence := p.out[i]
	e := p.event(silence.Source)
	chain := Caveat{Code: CaveatChained, Rule: silence.RuleID, Date: silence.Due}
	p.plan(e, "motifs-implicite", silence.Due, chain)
	appeal, err := p.compute(e, "contentieux-implicite-2m", silence.Due, nil)
	if err != nil {
		p.plan(e, "contentieux-implicite-2m", silence.Due, chain)
		return
	}
	req, ok := p.reasonsRequested(silence.Due, Date(appeal.Due))
	if !ok {
		p.plan(e, "contentieux-implicite-2m", silence.Due, chain)
		return
	}
	if com, ok := p.reasonsCommunicated(req.Date); ok {
		p.plan(e, "contentieux-motifs-2m", com.Date, chain,
			Caveat{Code: CaveatReasonsChain, Rule: silence.RuleID, Date: com.Date, Other: i18nDate(req.Date)})
		return
	}
	yearLater := deadline.Date(req.Date).AddMonths(12)
	p.plan(e, "contentieux-implicite-2m", silence.Due, chain,
		Caveat{Code: CaveatReasonsRequested, Date: req.Date, Other: yearLater.String()})
}

// reasonsRequested finds a request for reasons made between the day the
// implicit decision arose and the last day of the appeal against it.
func (p *planner) reasonsRequested(from, until Date) (Event, bool) {
	for _, e := range p.events {
		if e.Kind == EventReasonsRequested && !e.Date.Before(from) && !until.Before(e.Date) {
			return e, true
		}
	}
	return Event{}, false
}

// reasonsCommunicated finds the first communication of reasons on or after
// the request.
func (p *planner) reasonsCommunicated(requested Date) (Event, bool) {
	for _, e := range p.events {
		if e.Kind == EventReasonsCommunicated && !e.Date.Before(requested) {
			return e, true
		}
	}
	return Event{}, false
}

// i18nDate is a day as caveats carry it in Other: YYYY-MM-DD.
func i18nDate(d Date) string { return deadline.Date(d).String() }

func (p *planner) event(id string) Event {
	for _, e := range p.events {
		if e.ID == id {
			return e
		}
	}
	return Event{ID: id}
}

// notifiedOn is the day a notification counts from: the first presentation
// of a registered letter if it was not collected, else the event's day.
func notifiedOn(e Event) (Date, []Caveat) {
	if !e.FirstPresentation.IsZero() && e.FirstPresentation.Before(e.Date) {
		return e.FirstPresentation, []Caveat{{Code: CaveatFirstPresentation, Date: e.FirstPresentation}}
	}
	return e.Date, nil
}

// choose returns the rule the event chose among def and alts, def if none.
func choose(e Event, def string, alts ...string) (string, []Caveat) {
	if e.Rule == "" || e.Rule == def {
		return def, nil
	}
	if slices.Contains(alts, e.Rule) {
		return e.Rule, nil
	}
	return def, []Caveat{{Code: CaveatRuleChoiceIgnored, Rule: e.Rule}}
}

func (p *planner) alternatives(i int, alts ...string) {
	if i >= 0 {
		p.out[i].Alternatives = alts
	}
}

func (p *planner) decision(e Event) {
	trigger, cv := notifiedOn(e)
	if e.Decision.IsRemovalOrder() {
		p.removalOrder(e, trigger, cv)
	} else {
		switch e.Decision {
		case DecisionDublinTransfer, DecisionHouseArrest, DecisionIRTF:
			p.restrictive(e, trigger, cv)
		case DecisionRetentionPlacement:
			p.retention(e, trigger, cv)
		case DecisionRefusal, DecisionExpulsion:
			p.plan(e, "contentieux-2m", trigger, cv...)
			p.plan(e, "recours-gracieux-2m", trigger, cv...)
		case DecisionOther:
			other := append(slices.Clone(cv), Caveat{Code: CaveatOtherDecision})
			p.plan(e, "contentieux-2m", trigger, other...)
			p.plan(e, "recours-gracieux-2m", trigger, cv...)
		case DecisionNaturalisationRefusal:
			p.plan(e, "naturalisation-recours-2m", trigger, cv...)
		case DecisionVisaRefusal:
			// Refusals before 1 January 2023 fell under the former RAPO
			// regime, which Casefile does not compute.
			if !trigger.Before(Date{2023, time.January, 1}) {
				p.plan(e, "rapo-visa-30d", trigger, cv...)
			}
		}
	}
	if e.NoAppealInfo {
		p.plan(e, "czabaj-1an", trigger, cv...)
	}
}

// decidedOn is the day a notified decision was taken: the event's own
// Decided, else the latest decision_taken of the same kind on or before the
// notification.
func (p *planner) decidedOn(e Event) *Date {
	if !e.Decided.IsZero() {
		d := e.Decided
		return &d
	}
	var found *Date
	for _, t := range p.events {
		if t.Kind == EventDecisionTaken && t.Decision == e.Decision && !e.Date.Before(t.Date) {
			d := t.Date
			found = &d
		}
	}
	return found
}

// situationAt is the person's situation when e was notified: e's own, else
// the latest change on or before its day.
func (p *planner) situationAt(e Event) (Situation, bool) {
	if e.Situation != "" {
		return e.Situation, true
	}
	s, known := SituationFree, false
	for _, c := range p.events {
		if c.Kind == EventSituationChanged && !e.Date.Before(c.Date) {
			s, known = c.Situation, true
		}
	}
	return s, known
}

// removalRule is the appeal rule of the 2024 regime for a situation.
func removalRule(s Situation) string {
	switch s {
	case SituationRetention:
		return "oqtf-48h"
	case SituationHouseArrest, SituationDetention:
		return "oqtf-7d"
	}
	return "oqtf-1m"
}

// removalRank orders the 2024 rules from the longest to the shortest.
var removalRank = map[string]int{"oqtf-1m": 0, "oqtf-7d": 1, "oqtf-48h": 2}

// overseas is the alert a removal-related appeal carries where the appeal
// does not suspend the removal.
func (p *planner) overseas(cv []Caveat) []Caveat {
	if !NonSuspensiveAppeal(p.facts.Place) {
		return cv
	}
	return append(slices.Clone(cv), Caveat{Code: CaveatOverseasNonSuspensive, Rule: p.facts.Place.String()})
}

// restrictive plans the appeal against a Dublin transfer, a house arrest
// or a ban on return, by the person's situation: 48 hours in rétention
// (L921-2), else 7 days (L921-1). Without the situation, the 48 hours, the
// earliest, until it is recorded.
func (p *planner) restrictive(e Event, trigger Date, cv []Caveat) {
	decided := p.decidedOn(e)
	if decided == nil && trigger.Before(removalRegime2024) {
		return // the former regime's transfers and arrests are not computed
	}
	sit, known := p.situationAt(e)
	seven, fortyEight := map[DecisionKind]string{DecisionDublinTransfer: "dublin-transfert-7j", DecisionHouseArrest: "assignation-7j",
		DecisionIRTF: "irtf"}[e.Decision], "oqtf-48h"
	if e.Decision == DecisionDublinTransfer {
		fortyEight = "dublin-transfert-48h"
	}
	rule := seven
	cv = p.overseas(cv)
	switch {
	case !known:
		rule = fortyEight
		cv = append(slices.Clone(cv), Caveat{Code: CaveatSituationUnknown, Rule: seven})
	case sit == SituationRetention:
		rule = fortyEight
	}
	p.planWith(e, rule, trigger, decided, cv)
}

// retention plans a placement in rétention: the challenge before the
// judge (L741-10) and the course of the rétention as dated reminders.
func (p *planner) retention(e Event, trigger Date, cv []Caveat) {
	decided := p.decidedOn(e)
	for _, rule := range []string{"retention-contestation", "retention-fin-4j", "retention-fin-30j", "retention-fin-60j", "retention-fin-75j", "retention-fin-90j"} {
		p.planWith(e, rule, trigger, decided, cv)
	}
}

func (p *planner) removalOrder(e Event, trigger Date, cv []Caveat) {
	decided := p.decidedOn(e)
	sit, known := p.situationAt(e)
	cv = p.overseas(cv)
	if !known {
		// Never assume the situation that gives the longer delay: plan the
		// 48 hours of rétention until the situation is recorded.
		free := "oqtf-1m"
		if e.Decision != DecisionRemovalOrder {
			free = "oqtf-7d"
		}
		cv = append(slices.Clone(cv), Caveat{Code: CaveatSituationUnknown, Rule: free})
		sit = SituationRetention
	}
	departure := e.Decision == DecisionRemovalOrder
	former := trigger.Before(removalRegime2024)
	if decided != nil {
		former = decided.Before(removalRegime2024)
	}
	if former {
		if sit.Restricted() || !departure {
			p.planWith(e, "oqtf-ancien-48h", trigger, decided, cv)
			return
		}
		rule, extra := choose(e, "oqtf-ancien-15j", "oqtf-ancien-30j")
		if rule == "oqtf-ancien-15j" {
			extra = append(extra, Caveat{Code: CaveatFormerRegime15or30, Rule: "oqtf-ancien-30j"})
		}
		i := p.planWith(e, rule, trigger, decided, append(slices.Clone(cv), extra...))
		p.alternatives(i, otherOf(rule, "oqtf-ancien-15j", "oqtf-ancien-30j"))
		p.planWith(e, "depart-volontaire-30j", trigger, decided, cv)
		return
	}
	rule := removalRule(sit)
	var alts []string
	ruleCv := slices.Clone(cv)
	if rule == "oqtf-1m" && !departure {
		// The sources give one month to a free person without naming the
		// OQTF without departure period; the 7-day reading is earlier.
		var choice []Caveat
		rule, choice = choose(e, "oqtf-7d", "oqtf-1m")
		alts = []string{otherOf(rule, "oqtf-7d", "oqtf-1m")}
		if rule == "oqtf-7d" {
			choice = append(choice, Caveat{Code: CaveatNoDepartureReading, Rule: "oqtf-1m"})
		}
		ruleCv = append(ruleCv, choice...)
	}
	if change, ok := p.restrictionDuring(e, rule, trigger, decided); ok {
		// Where the shorter deadline starts is not settled
		// (docs/deadlines.md): from the notification, the earlier reading;
		// the other, from the restriction, is named.
		shorter := removalRule(change.Situation)
		c := Caveat{Code: CaveatRestrictionDuringDelay, Date: change.Date, Rule: rule}
		if res, err := p.compute(change, shorter, change.Date, decided); err == nil {
			c.Other = res.DueString()
		}
		rule, alts = shorter, nil
		ruleCv = append(ruleCv, c)
	}
	i := p.planWith(e, rule, trigger, decided, ruleCv)
	if len(alts) > 0 {
		p.alternatives(i, alts...)
	}
	if departure && !sit.Restricted() {
		p.planWith(e, "depart-volontaire-30j", trigger, decided, withoutOverseas(cv))
	}
}

func withoutOverseas(cv []Caveat) []Caveat {
	return slices.DeleteFunc(slices.Clone(cv), func(c Caveat) bool { return c.Code == CaveatOverseasNonSuspensive })
}

// restrictionDuring finds the first change of situation after e's day that
// calls for a shorter removal-order deadline than rule while rule's delay
// still runs.
func (p *planner) restrictionDuring(e Event, rule string, trigger Date, decided *Date) (Event, bool) {
	for _, c := range p.events {
		if c.Kind != EventSituationChanged || !e.Date.Before(c.Date) || removalRank[removalRule(c.Situation)] <= removalRank[rule] {
			continue
		}
		res, err := p.compute(e, rule, trigger, decided)
		if err != nil || deadline.Date(c.Date).After(res.Due) {
			return Event{}, false
		}
		return c, true
	}
	return Event{}, false
}

func otherOf(rule, a, b string) string {
	if rule == a {
		return b
	}
	return a
}

func (p *planner) judgment(e Event) {
	trigger, cv := notifiedOn(e)
	switch e.Decision {
	case JudgmentTARemoval:
		p.plan(e, "appel-caa-1m", trigger, cv...)
	case JudgmentTA:
		p.plan(e, "appel-caa-2m", trigger, cv...)
	case JudgmentCAA, JudgmentCNDA:
		p.plan(e, "cassation-2m", trigger, cv...)
	case JudgmentTAShortStayVisa:
		// First and last instance: never an appeal to a CAA.
		p.plan(e, "cassation-2m", trigger, append(slices.Clone(cv), Caveat{Code: CaveatShortStayVisa})...)
	case JudgmentRetentionOrder:
		p.plan(e, "retention-appel", trigger, cv...)
	case JudgmentRefereLiberte:
		p.plan(e, "refere-liberte-appel-15j", trigger, cv...)
	}
}

// legalAidDecided plans the challenge to a legal-aid decision, unless it
// granted full legal aid (which only the public prosecutor or the bâtonnier
// may challenge): 15 days, 8 before the CNDA.
func (p *planner) legalAidDecided(e Event) {
	if e.Decision == AidGranted {
		return
	}
	rule := "aj-contestation"
	for _, t := range p.events {
		if t.ID == e.Concerns && t.Kind == EventOFPRADecisionNotified {
			rule = "aj-contestation-cnda"
		}
	}
	if e.Concerns == "" {
		// Not linked: if the case's only appealable decision is OFPRA's,
		// the CNDA's 8 days; with several, the 8 days (the earlier).
		for _, t := range p.events {
			if t.Kind == EventOFPRADecisionNotified {
				rule = "aj-contestation-cnda"
			}
		}
	}
	p.plan(e, rule, e.Date)
}

func (p *planner) application(e Event) {
	switch p.facts.Procedure {
	case ProcNaturalise:
		rule, cv := choose(e, "naturalisation-12m", "naturalisation-18m")
		if rule == "naturalisation-12m" {
			cv = append(cv, Caveat{Code: CaveatNaturalisationResidence, Rule: "naturalisation-18m"})
		}
		i := p.plan(e, rule, e.Date, cv...)
		p.alternatives(i, otherOf(rule, "naturalisation-12m", "naturalisation-18m"))
	case ProcFamilyReunion:
		p.chained(p.plan(e, "regroupement-6m", e.Date))
	case ProcAsylum, ProcVisa:
		// OFPRA's and the consulates' times are not deadlines Casefile
		// computes.
	default:
		article := ""
		for _, t := range p.events {
			if t.Kind == EventTitleRequested {
				article = t.Article // the latest wins
			}
		}
		rule, ok := deadline.SilenceRuleFor(article)
		var cv []Caveat
		if !ok {
			cv = append(cv, Caveat{Code: CaveatNeedsTitle, Rule: article})
		}
		p.chained(p.plan(e, rule.ID, e.Date, cv...))
	}
}

// expiry plans the deadlines of an issued document; only the latest
// document of each kind counts, a renewal replacing the previous one.
func (p *planner) expiry(e Event) {
	for _, later := range p.events {
		if later.Kind == e.Kind && compareEvents(later, e) > 0 {
			return
		}
	}
	switch e.Kind {
	case EventRecepisseIssued:
		p.plan(e, "recepisse-expiration", e.Expiry)
	case EventAPIIssued:
		p.plan(e, "api-expiration", e.Expiry)
	case EventPermitIssued:
		p.plan(e, "titre-expiration", e.Expiry)
		rule, cv := choose(e, "renouvellement-ouverture", "renouvellement-ouverture-prefecture")
		if rule == "renouvellement-ouverture" {
			p.alternatives(p.plan(e, rule, e.Expiry, cv...), "renouvellement-ouverture-prefecture")
			p.plan(e, "renouvellement-cloture", e.Expiry)
		} else {
			p.alternatives(p.plan(e, rule, e.Expiry, cv...), "renouvellement-ouverture")
		}
	}
}

func (p *planner) hearing(e Event) {
	pl := Planned{Kind: DeadlineHearing, Source: e.ID, Trigger: e.Date, Due: e.Date, Label: e.Court,
		Reminder: Date(deadline.WorkingDaysBefore(deadline.Date(e.Date), 2, p.facts.Region))}
	if c, ok := e.Clock(); ok {
		pl.DueAt = time.Date(e.Date.Year, e.Date.Month, e.Date.Day, c.Hour, c.Minute, 0, 0, p.facts.zone())
	}
	p.out = append(p.out, pl)
}

// legalAid returns the legal-aid request and decision that apply to the
// deadlines of the event with id source: events whose Concerns names it,
// or, when Concerns is empty, the case's only appealable decision. The
// earliest request counts, and the earliest decision on or after it.
// unlinked reports a request that could not be tied to a decision.
func (p *planner) legalAid(source string) (req, dec *deadline.Date, unlinked bool) {
	var appealable []string
	for _, e := range p.events {
		switch e.Kind {
		case EventDecisionNotified, EventJudgmentNotified, EventOFPRADecisionNotified:
			appealable = append(appealable, e.ID)
		}
	}
	concerns := func(e Event) bool {
		if e.Concerns != "" {
			return e.Concerns == source
		}
		return len(appealable) == 1 && appealable[0] == source
	}
	for _, e := range p.events {
		if e.Kind != EventLegalAidRequested {
			continue
		}
		if e.Concerns == "" && len(appealable) > 1 {
			unlinked = true
		}
		if concerns(e) && req == nil {
			d := deadline.Date(e.Date)
			req = &d
		}
	}
	if req == nil {
		return nil, nil, unlinked
	}
	for _, e := range p.events {
		if e.Kind == EventLegalAidDecided && concerns(e) && !deadline.Date(e.Date).Before(*req) {
			d := deadline.Date(e.Date)
			return req, &d, unlinked
		}
	}
	return req, nil, unlinked
}
