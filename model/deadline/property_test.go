package deadline

import (
	"reflect"
	"testing"
	"time"

	"pgregory.net/rapid"
)

var (
	minDay = Date{1950, 1, 1}.days()
	maxDay = Date{2150, 12, 31}.days()
)

func genDate() *rapid.Generator[Date] {
	return rapid.Custom(func(t *rapid.T) Date {
		return dateFromDays(rapid.IntRange(minDay, maxDay).Draw(t, "day"))
	})
}

func genClock() *rapid.Generator[Clock] {
	return rapid.Custom(func(t *rapid.T) Clock {
		return Clock{rapid.IntRange(0, 23).Draw(t, "hour"), rapid.IntRange(0, 59).Draw(t, "minute")}
	})
}

// genRule draws a rule of the table passing filter. Its regime is cleared:
// properties are about counting, and regimes are tested on their own.
func genRule(filter func(Rule) bool) *rapid.Generator[Rule] {
	var rs []Rule
	for _, r := range Rules() {
		if filter(r) {
			r.Regime = Regime{}
			rs = append(rs, r)
		}
	}
	return rapid.SampledFrom(rs)
}

func all(Rule) bool { return true }

// genInput draws any valid input, with or without legal aid.
func genInput(t *rapid.T) Input {
	in := Input{
		Rule:    genRule(all).Draw(t, "rule"),
		Trigger: genDate().Draw(t, "trigger"),
		At:      genClock().Draw(t, "at"),
		Region:  rapid.SampledFrom(Regions()).Draw(t, "region"),
	}
	if rapid.Bool().Draw(t, "legal aid") {
		req := in.Trigger.AddDays(rapid.IntRange(-5, 90).Draw(t, "request after"))
		in.LegalAidRequested = &req
		if rapid.Bool().Draw(t, "decided") {
			dec := req.AddDays(rapid.IntRange(0, 200).Draw(t, "decided after"))
			in.LegalAidDecided = &dec
		}
	}
	return in
}

func compute(t *rapid.T, in Input) Result {
	res, err := Compute(in)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return res
}

func TestPropertyExtendingRuleEndsOnWorkingDay(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		in.Rule = genRule(func(r Rule) bool { return r.Extends }).Draw(t, "extending rule")
		res := compute(t, in)
		if !IsWorkingDay(res.Due, in.Region) {
			t.Fatalf("%s from %v in %v ends on non-working %v", in.Rule.ID, in.Trigger, in.Region, res.Due)
		}
	})
}

func TestPropertyLaterTriggerNeverEarlierDeadline(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rule := genRule(func(r Rule) bool { return r.Duration.Unit != Hours }).Draw(t, "rule")
		region := rapid.SampledFrom(Regions()).Draw(t, "region")
		t1 := genDate().Draw(t, "t1")
		t2 := t1.AddDays(rapid.IntRange(0, 400).Draw(t, "later by"))
		r1 := compute(t, Input{Rule: rule, Trigger: t1, Region: region})
		r2 := compute(t, Input{Rule: rule, Trigger: t2, Region: region})
		if r2.Due.Before(r1.Due) {
			t.Fatalf("%s: trigger %v gives %v, later trigger %v gives earlier %v", rule.ID, t1, r1.Due, t2, r2.Due)
		}
	})
}

// For hour rules, triggers are drawn as instants whose wall-clock time is
// unambiguous: an ambiguous or nonexistent wall time takes its earliest
// meaning, which may precede a slightly earlier wall time by design.
func TestPropertyLaterTriggerInstantNeverEarlierHourDeadline(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rule := genRule(func(r Rule) bool { return r.Duration.Unit == Hours }).Draw(t, "rule")
		region := rapid.SampledFrom(Regions()).Draw(t, "region")
		loc := region.Location()
		// Half of the time, start within the 80 hours before a clock change
		// (for zones without one, any instant of the year).
		year := rapid.IntRange(1980, 2100).Draw(t, "year")
		var i1 time.Time
		if rapid.Bool().Draw(t, "near a clock change") {
			month := time.Month(rapid.SampledFrom([]int{3, 10}).Draw(t, "month"))
			change, _ := time.Date(year, month, 31, 12, 0, 0, 0, loc).ZoneBounds()
			if change.Year() == year && change.Month() == month {
				i1 = change.Add(time.Duration(rapid.IntRange(-80*60, 10*60).Draw(t, "minutes from change")) * time.Minute)
			}
		}
		if i1.IsZero() {
			i1 = time.Date(year, time.January, 1, 0, 0, 0, 0, loc).Add(time.Duration(rapid.IntRange(0, 365*24*60).Draw(t, "minute")) * time.Minute)
		}
		later := rapid.IntRange(0, 180).Draw(t, "later by (minutes)")
		if rapid.Bool().Draw(t, "much later") {
			later = rapid.IntRange(0, 72*60).Draw(t, "much later by (minutes)")
		}
		i1 = i1.In(loc)
		i2 := i1.Add(time.Duration(later) * time.Minute).In(loc)
		for _, i := range []time.Time{i1, i2} {
			if _, m := wallInstant(DateOf(i), ClockOf(i), loc, false); m != WallNormal {
				t.Skip("ambiguous wall time")
			}
		}
		r1 := compute(t, Input{Rule: rule, Trigger: DateOf(i1), At: ClockOf(i1), Region: region})
		r2 := compute(t, Input{Rule: rule, Trigger: DateOf(i2), At: ClockOf(i2), Region: region})
		if !r1.TriggerAt.Equal(i1) || !r2.TriggerAt.Equal(i2) {
			t.Fatalf("trigger instants %v %v, want %v %v", r1.TriggerAt, r2.TriggerAt, i1, i2)
		}
		if r2.DueAt.Before(r1.DueAt) {
			t.Fatalf("%s: %v gives %v, later %v gives earlier %v", rule.ID, i1, r1.DueAt, i2, r2.DueAt)
		}
	})
}

func TestPropertyNoDateLaterThanAnyReading(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		res := compute(t, in)
		if len(res.Readings) == 0 {
			t.Fatal("no readings")
		}
		earliestLast := res.Readings[0].Last
		for _, r := range res.Readings {
			if res.IsHours {
				if res.DueAt.After(r.At) {
					t.Fatalf("%s: due %v later than reading %s %v", in.Rule.ID, res.DueAt, r.Name, r.At)
				}
				continue
			}
			if res.Due.After(r.Final) {
				t.Fatalf("%s: due %v later than reading %s %v", in.Rule.ID, res.Due, r.Name, r.Final)
			}
			earliestLast = earlier(earliestLast, r.Last)
		}
		if !res.IsHours && res.Due.Before(earliestLast) {
			t.Fatalf("%s: due %v before every reading (%v)", in.Rule.ID, res.Due, earliestLast)
		}
	})
}

func TestPropertyLocalHolidaysOnlyMoveLater(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		in.LegalAidRequested, in.LegalAidDecided = nil, nil
		local := compute(t, in)
		in.Region = Metropole
		national := compute(t, in)
		if !in.Rule.Extends && local.Due != national.Due && !local.IsHours {
			t.Fatalf("%s: region moved a rule that does not extend", in.Rule.ID)
		}
		if local.Due.Before(national.Due) {
			t.Fatalf("%s: region gives %v before metropole %v", in.Rule.ID, local.Due, national.Due)
		}
	})
}

func TestPropertyCountsMatchDefinitions(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		rule := genRule(func(r Rule) bool { return !r.Extends && r.Duration.Unit == Days && !r.Franc }).Draw(t, "rule")
		trig := genDate().Draw(t, "trigger")
		res := compute(t, Input{Rule: rule, Trigger: trig})
		if got := res.Due.Sub(trig); got != rule.Duration.N {
			t.Fatalf("%s: %d days from trigger, want %d", rule.ID, got, rule.Duration.N)
		}
	})
}

// Computing with a trigger, then again after correcting it, equals a fresh
// computation on the corrected input, even if the caller altered what the
// first computation returned.
func TestPropertyRecomputeAfterCorrectionEqualsFresh(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		in := genInput(t)
		corrected := in
		corrected.Trigger = in.Trigger.AddDays(rapid.IntRange(-60, 60).Draw(t, "correction"))
		corrected.At = genClock().Draw(t, "corrected at")
		first, err1 := Compute(in)
		if err1 == nil {
			first.Rule.Sources[0].Cite = "altered"
			if len(first.Steps) > 0 {
				first.Steps[0].N = 99
			}
			first.Readings[0].Last = Date{}
		}
		again, err2 := Compute(corrected)
		fresh, err3 := Compute(corrected)
		if (err2 == nil) != (err3 == nil) {
			t.Fatalf("errors differ: %v / %v", err2, err3)
		}
		if !reflect.DeepEqual(again, fresh) {
			t.Fatalf("recomputation differs from a fresh computation")
		}
	})
}
