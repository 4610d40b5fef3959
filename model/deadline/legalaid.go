package deadline

// applyLegalAid applies a legal-aid request to the deadline already
// counted in res, according to the rule's LegalAid.
func (res *Result) applyLegalAid(in Input) {
	req := in.LegalAidRequested
	if req == nil {
		return
	}
	switch res.Rule.LegalAid {
	case LegalAidNone:
		res.step(Step{Kind: StepLegalAidNone, Date: *req})
		return
	case LegalAidUnverified:
		res.step(Step{Kind: StepLegalAidUnverified, Date: *req})
		return
	}
	if req.Before(in.Trigger) {
		// A request before the delay started: whether it counts is not
		// settled, so it does not (the earlier date).
		res.step(Step{Kind: StepLegalAidBeforeTrigger, Date: *req})
		return
	}
	if res.Rule.LegalAid == LegalAidSuspends {
		res.suspend(in)
		return
	}
	// Interrupts: the request must be sent before the deadline expires.
	if req.After(res.Due) {
		res.step(Step{Kind: StepLegalAidLate, Date: *req, Other: res.Due})
		return
	}
	res.step(Step{Kind: StepLegalAidInterrupts, Date: *req})
	if in.LegalAidDecided == nil {
		res.LegalAidPending = true
		res.step(Step{Kind: StepLegalAidPending})
		return
	}
	res.step(Step{Kind: StepLegalAidRestart, Date: *in.LegalAidDecided})
	res.Due, res.Readings = res.count(*in.LegalAidDecided)
	// CE 10 June 2020 n° 422471 restarts the delay only once the 15 days to
	// contest the legal-aid decision have passed: later, named.
	from := in.LegalAidDecided.AddDays(15)
	if other, err := Compute(Input{Rule: res.Rule, Trigger: from, Region: in.Region, Zone: in.Zone}); err == nil {
		res.step(Step{Kind: StepLegalAidOtherReading, Date: from, Other: other.Due})
		res.Readings = append(res.Readings, Reading{Name: "legal-aid-15-days", Last: other.Due, Final: other.Due})
	}
}

// suspend applies a suspending request (CNDA): the days left on the day of
// the request run again from the notification of the decision. The request
// day counts as used, the earlier reading; the other reading (it does not)
// gives one more day.
func (res *Result) suspend(in Input) {
	req := *in.LegalAidRequested
	window, _ := Lookup(res.Rule.LegalAidWindow) // checked by Rule.Validate
	limit := windowEnd(window, in.Trigger, in.Region)
	if req.After(limit) {
		res.step(Step{Kind: StepLegalAidOutsideWindow, Date: req, Other: limit})
		return
	}
	// The last day before any move past a non-working day: the earlier.
	last := res.Readings[0].Last
	for _, r := range res.Readings[1:] {
		last = earlier(last, r.Last)
	}
	remaining := last.Sub(req)
	if remaining < 0 {
		res.step(Step{Kind: StepLegalAidLate, Date: req, Other: last})
		return
	}
	res.step(Step{Kind: StepLegalAidSuspends, Date: req, Other: last, N: remaining})
	if in.LegalAidDecided == nil {
		res.LegalAidPending = true
		res.step(Step{Kind: StepLegalAidPending})
		return
	}
	resumed := in.LegalAidDecided.AddDays(remaining)
	res.step(Step{Kind: StepLegalAidResumed, Date: resumed, Other: *in.LegalAidDecided, N: remaining})
	res.Due = res.settle(resumed)
	final := resumed
	if res.Rule.Extends {
		final = NextWorkingDay(resumed, res.Region)
	}
	res.Readings = []Reading{{Name: "resumed", Last: resumed, Final: final}}
}

// windowEnd is the last day of a legal-aid window rule, computed like any
// rule for the same trigger and region.
func windowEnd(w Rule, trigger Date, region Region) Date {
	r, err := Compute(Input{Rule: w, Trigger: trigger, Region: region})
	if err != nil {
		return trigger // unreachable for the table's rules; the earliest bound
	}
	return r.Due
}
