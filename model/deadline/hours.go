package deadline

import "time"

// WallMeaning tells how a wall-clock time maps to an instant in a zone.
type WallMeaning uint8

// Wall-clock meanings.
const (
	// WallNormal: the time occurs once.
	WallNormal WallMeaning = iota
	// WallAmbiguous: the time occurs twice (clocks go back); the first
	// occurrence is used.
	WallAmbiguous
	// WallNonexistent: the clocks jump over the time (clocks go forward).
	WallNonexistent
)

// countHours computes an hour rule: from the trigger instant, the earlier of
// n hours of elapsed time and n hours on the wall clock. Hour rules are
// neither franc nor extended.
func (res *Result) countHours(in Input) {
	loc := in.Zone
	if loc == nil {
		loc = in.Region.Location()
	}
	n := res.Rule.Duration.N
	t0, m0 := wallInstant(in.Trigger, in.At, loc, false)
	res.TriggerAt = t0.In(loc)
	res.step(Step{Kind: StepTrigger, Date: in.Trigger, Clock: in.At, At: res.TriggerAt, Meaning: m0})

	elapsed := t0.Add(time.Duration(n) * time.Hour).In(loc)
	endWall := time.Date(in.Trigger.Year, in.Trigger.Month, in.Trigger.Day, in.At.Hour, in.At.Minute, 0, 0, time.UTC).Add(time.Duration(n) * time.Hour)
	endDate, endClock := DateOf(endWall), ClockOf(endWall)
	wall, m1 := wallInstant(endDate, endClock, loc, true)
	wall = wall.In(loc)
	wallStep := Step{Kind: StepWallClock, Date: endDate, Clock: endClock, At: wall, Meaning: m1}
	if m1 == WallNonexistent {
		// The other reading of a time the clock skips, named in the explanation.
		other, _ := wallInstant(endDate, endClock, loc, false)
		wallStep.OtherAt = other.In(loc)
	}
	res.step(Step{Kind: StepElapsed, At: elapsed}, wallStep)
	res.DueAt = elapsed
	if wall.Before(elapsed) {
		res.DueAt = wall
	}
	if !wall.Equal(elapsed) {
		other := wall
		if res.DueAt.Equal(wall) {
			other = elapsed
		}
		res.step(Step{Kind: StepHoursDiffer, At: res.DueAt, OtherAt: other})
	}
	res.Due = DateOf(res.DueAt)
	res.Readings = []Reading{
		{Name: "elapsed", Last: DateOf(elapsed), Final: DateOf(elapsed), At: elapsed},
		{Name: "wall-clock", Last: DateOf(wall), Final: DateOf(wall), At: wall},
	}
	res.step(Step{Kind: StepHoursNeverMove})
	if !IsWorkingDay(res.Due, res.Region) {
		h, _ := HolidayOn(res.Due, res.Region)
		res.step(Step{Kind: StepNotMoved, Date: res.Due, Holiday: h})
	}
}

// wallInstant maps a wall-clock time in loc to an instant. A time that
// occurs twice maps to its first occurrence. A time the clocks jump over
// maps, for a trigger (end false), to its earliest meaning (read with the
// offset in force after the jump); for the end of a deadline (end true), to
// the instant of the jump, the first instant at which the clock shows that
// time or later — so that a later trigger never ends earlier.
func wallInstant(d Date, c Clock, loc *time.Location, end bool) (time.Time, WallMeaning) {
	naive := time.Date(d.Year, d.Month, d.Day, c.Hour, c.Minute, 0, 0, time.UTC)
	var offsets [3]int
	for i, shift := range []time.Duration{-36 * time.Hour, 0, 36 * time.Hour} {
		_, offsets[i] = naive.Add(shift).In(loc).Zone()
	}
	var first time.Time
	valid := 0
	maxOff := offsets[0]
	for i, off := range offsets {
		maxOff = max(maxOff, off)
		if (i > 0 && off == offsets[0]) || (i == 2 && off == offsets[1]) {
			continue // already tried
		}
		t := naive.Add(-time.Duration(off) * time.Second)
		if _, o := t.In(loc).Zone(); o != off {
			continue
		}
		if valid == 0 || t.Before(first) {
			first = t
		}
		valid++
	}
	switch {
	case valid == 1:
		return first, WallNormal
	case valid > 1:
		return first, WallAmbiguous
	}
	earliest := naive.Add(-time.Duration(maxOff) * time.Second)
	if !end {
		return earliest, WallNonexistent
	}
	_, jump := earliest.In(loc).ZoneBounds()
	if jump.IsZero() {
		return earliest, WallNonexistent
	}
	return jump, WallNonexistent
}
