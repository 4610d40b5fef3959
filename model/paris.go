package model

import (
	"time"

	"casefile/model/deadline"
)

// Paris is Europe/Paris, the zone every "today" of Casefile is reckoned in
// (the deadlines of metropolitan France, the weekly review, retention,
// letters' dates) unless a case names an overseas region. It is the
// deadline package's Metropole zone, loaded from the embedded time/tzdata,
// so it never depends on the host's zoneinfo nor on its local zone.
func Paris() *time.Location { return deadline.Metropole.Location() }

// ParisDate is the civil date of t in Paris; ParisDate(time.Now()) is
// today. Every face and the store ask this one function, so that a
// computer set to another zone (or to UTC) agrees with the others about
// the day.
func ParisDate(t time.Time) Date { return DateOf(t.In(Paris())) }
