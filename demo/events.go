package demo

import (
	"fmt"
	"math/rand/v2"

	"casefile/model"
	"casefile/model/deadline"
)

// Procedural events for the fictional clinic, so that a demo vault has
// deadlines spread over the past and coming weeks: some overdue, some
// counted in hours (rétention), hearings. Dates are relative to today and
// drawn from the seed, so the same seed on the same day gives the same
// vault.

// eventGen draws the events of demo cases.
type eventGen struct {
	r     *rand.Rand
	today model.Date
	// x draws how long the administration took to issue a récépissé or
	// an API after the filing (for the advocacy figures' delays): a stream
	// of its own, so the draws of r, and the vaults screenshots and tests
	// pin, stay the same.
	x *rand.Rand
}

func newEventGen(seed int64, today model.Date) *eventGen {
	return &eventGen{r: rand.New(rand.NewPCG(uint64(seed), 0xe7e47)), today: today,
		x: rand.New(rand.NewPCG(uint64(seed), 0xa77e57))}
}

// issued is the day an attestation filed on filed was issued: the same
// day for one in four, else up to eight weeks later, not after today.
func (g *eventGen) issued(filed model.Date) model.Date {
	if g.x.IntN(4) == 0 {
		return filed
	}
	return g.notAfterToday(filed, 1+g.x.IntN(56))
}

// day is today plus n days (before today when n is negative).
func (g *eventGen) day(n int) model.Date { return model.Date(deadline.Date(g.today).AddDays(n)) }

// between draws a day from today+lo to today+hi.
func (g *eventGen) between(lo, hi int) model.Date { return g.day(lo + g.r.IntN(hi-lo+1)) }

// notAfterToday is n days after d, but not later than today.
func (g *eventGen) notAfterToday(d model.Date, n int) model.Date {
	if later := model.Date(deadline.Date(d).AddDays(n)); later.Before(g.today) {
		return later
	}
	return g.today
}

func (g *eventGen) chance(p float64) bool { return g.r.Float64() < p }

func (g *eventGen) clock() string {
	return fmt.Sprintf("%02d:%02d", 8+g.r.IntN(11), 5*g.r.IntN(12))
}

// Titles applied for, by CESEDA article: 60 days, 90 days, 4 months.
var demoArticles = []string{"R421-26", "R421-43", "R423-1", "R425-1", "R435-1", "R422-1"}

// events returns the events of one case, by its procedure.
func (g *eventGen) events(f model.CaseFile) []model.Event {
	var evs []model.Event
	add := func(e model.Event) *model.Event {
		e.CaseID = f.ID
		evs = append(evs, e)
		return &evs[len(evs)-1]
	}
	hearing := func(court string, lo, hi int) {
		add(model.Event{Kind: model.EventHearing, Date: g.between(lo, hi), Time: []string{"09:30", "10:00", "13:30", "14:00"}[g.r.IntN(4)], Court: court})
	}
	switch f.Procedure {
	case model.ProcRemovalOrder:
		g.removalOrder(f, add, hearing)
	case model.ProcAsylum:
		ofpra := add(model.Event{Kind: model.EventOFPRADecisionNotified, Date: g.between(-40, 0)})
		if g.chance(0.4) {
			add(model.Event{Kind: model.EventLegalAidRequested, Date: model.Date(deadline.Date(ofpra.Date).AddDays(2 + g.r.IntN(10)))})
		}
		if g.chance(0.3) {
			add(model.Event{Kind: model.EventCourtSeized, Date: g.between(-30, -5), Court: "CNDA", Number: fmt.Sprintf("%d%06d", g.today.Year%100, g.r.IntN(1000000))})
			hearing("CNDA", 7, 70)
		}
	case model.ProcRenewal:
		expiry := g.between(-20, 240)
		add(model.Event{Kind: model.EventPermitIssued, Date: model.Date(deadline.Date(expiry).AddDays(-365 * (1 + g.r.IntN(4)))), Expiry: expiry})
		if deadline.Date(expiry).Sub(deadline.Date(g.today)) < 60 {
			filed := g.between(-100, -10)
			add(model.Event{Kind: model.EventTitleRequested, Date: filed, Article: demoArticles[g.r.IntN(len(demoArticles))]})
			add(model.Event{Kind: model.EventApplicationComplete, Date: filed})
			api := g.issued(filed)
			add(model.Event{Kind: model.EventAPIIssued, Date: api, Expiry: model.Date(deadline.Date(api).AddDays(90))})
		}
	case model.ProcNaturalise:
		add(model.Event{Kind: model.EventApplicationComplete, Date: g.between(-540, -300)})
		if g.chance(0.2) {
			add(model.Event{Kind: model.EventDecisionNotified, Date: g.between(-50, -1), Decision: model.DecisionNaturalisationRefusal})
		}
	case model.ProcFamilyReunion:
		add(model.Event{Kind: model.EventApplicationComplete, Date: g.between(-190, -20)})
	case model.ProcVisa:
		refused := add(model.Event{Kind: model.EventDecisionNotified, Date: g.between(-45, -1), Decision: model.DecisionVisaRefusal})
		if g.chance(0.5) {
			add(model.Event{Kind: model.EventRAPOSent, Date: model.Date(deadline.Date(refused.Date).AddDays(3 + g.r.IntN(20)))})
		}
	default: // first permit, exceptional admission, ill foreigner, other
		filed := g.between(-150, -5)
		if g.chance(0.7) {
			add(model.Event{Kind: model.EventTitleRequested, Date: filed, Article: demoArticles[g.r.IntN(len(demoArticles))]})
		}
		add(model.Event{Kind: model.EventApplicationComplete, Date: filed})
		if g.chance(0.6) {
			months := g.r.IntN(4)
			got := g.issued(filed)
			add(model.Event{Kind: model.EventRecepisseIssued, Date: got, Expiry: model.Date(deadline.Date(got).AddDays(90 + 30*months))})
		}
		if g.chance(0.15) {
			add(model.Event{Kind: model.EventDecisionNotified, Date: g.between(-50, -1), Decision: model.DecisionRefusal})
		}
	}
	return evs
}

func (g *eventGen) removalOrder(f model.CaseFile, add func(model.Event) *model.Event, hearing func(string, int, int)) {
	e := model.Event{Kind: model.EventDecisionNotified, Decision: model.DecisionRemovalOrder}
	switch x := g.r.Float64(); {
	case x < 0.2: // rétention: notified yesterday or today, 48 hours
		e.Situation, e.Date, e.Time = model.SituationRetention, g.between(-1, 0), g.clock()
		e.Decision = model.DecisionRemovalOrderNoDeparture
	case x < 0.4:
		e.Situation, e.Date = model.SituationHouseArrest, g.between(-9, 0)
	default:
		e.Situation, e.Date = model.SituationFree, g.between(-40, 0)
		if g.chance(0.15) {
			// Not collected: counted from the first presentation.
			e.FirstPresentation, e.Date = e.Date, model.Date(deadline.Date(e.Date).AddDays(3+g.r.IntN(12)))
			if g.today.Before(e.Date) {
				e.Date = g.today
			}
		}
	}
	if g.chance(0.3) {
		e.Decided = model.Date(deadline.Date(e.Date).AddDays(-g.r.IntN(5)))
		if !e.FirstPresentation.IsZero() && e.FirstPresentation.Before(e.Decided) {
			e.Decided = e.FirstPresentation
		}
	}
	decision := add(e)
	if e.Situation == model.SituationFree && g.chance(0.35) {
		add(model.Event{Kind: model.EventLegalAidRequested, Date: g.notAfterToday(decision.Date, g.r.IntN(8))})
	}
	if g.chance(0.4) {
		seized := g.notAfterToday(decision.Date, 1+g.r.IntN(6))
		add(model.Event{Kind: model.EventCourtSeized, Date: seized, Court: "Tribunal administratif",
			Number: fmt.Sprintf("%d%05d", g.today.Year%100, g.r.IntN(100000))})
		switch e.Situation {
		case model.SituationRetention:
			hearing("Tribunal administratif", 1, 4)
		case model.SituationHouseArrest:
			hearing("Tribunal administratif", 3, 15)
		default:
			hearing("Tribunal administratif", 20, 120)
		}
	}
}
