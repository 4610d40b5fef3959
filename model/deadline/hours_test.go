package deadline

import (
	"testing"
	"time"
)

// Hour examples. Expected instants were computed by hand from the zone's
// offsets (Paris: CET = UTC+1, CEST = UTC+2; clocks change on the last
// Sundays of March and October, checked with python3), never copied from
// the engine.
var hourExamples = []struct {
	name    string
	rule    string
	trigger string // wall clock in the region's zone
	region  Region
	want    string // wall clock of the end, as DueString prints it
	wantUTC string
}{
	{"notified Fri 18:00 -> Sun 18:00", "oqtf-48h", "2026-01-09T18:00", Metropole, "2026-01-11T18:00", "2026-01-11T17:00:00Z"},
	{"across midnight: Tue 23:30 -> Thu 23:30", "oqtf-48h", "2026-01-13T23:30", Metropole, "2026-01-15T23:30", "2026-01-15T22:30:00Z"},
	{"ends on 1 January, not moved", "oqtf-48h", "2026-12-30T10:00", Metropole, "2027-01-01T10:00", "2027-01-01T09:00:00Z"},
	{"across New Year's Eve to a Saturday, not moved", "oqtf-48h", "2026-12-31T12:00", Metropole, "2027-01-02T12:00", "2027-01-02T11:00:00Z"},
	{"oqtf-ancien-48h Fri 17:30 -> Sun 17:30", "oqtf-ancien-48h", "2024-07-05T17:30", Metropole, "2024-07-07T17:30", "2024-07-07T15:30:00Z"},
	{"spring forward inside: wall clock (18:00) earlier than elapsed (19:00)", "oqtf-48h", "2026-03-27T18:00", Metropole, "2026-03-29T18:00", "2026-03-29T16:00:00Z"},
	{"spring forward inside, ends Monday: wall clock 10:00", "oqtf-48h", "2026-03-28T10:00", Metropole, "2026-03-30T10:00", "2026-03-30T08:00:00Z"},
	{"fall back inside: elapsed (09:00) earlier than wall clock (10:00)", "oqtf-48h", "2026-10-24T10:00", Metropole, "2026-10-26T09:00", "2026-10-26T08:00:00Z"},
	{"fall back inside, ends Sunday: elapsed 17:00", "oqtf-48h", "2026-10-23T18:00", Metropole, "2026-10-25T17:00", "2026-10-25T16:00:00Z"},
	{"ambiguous trigger 02:30 on fall-back day takes its first (CEST) meaning", "oqtf-48h", "2026-10-25T02:30", Metropole, "2026-10-27T01:30", "2026-10-27T00:30:00Z"},
	{"nonexistent trigger 02:30 on spring-forward day takes its earliest meaning", "oqtf-48h", "2026-03-29T02:30", Metropole, "2026-03-31T02:30", "2026-03-31T00:30:00Z"},
	{"wall-clock end 02:15 does not exist: reached at the jump, 03:00 CEST", "oqtf-48h", "2026-03-27T02:15", Metropole, "2026-03-29T03:00", "2026-03-29T01:00:00Z"},
	{"wall-clock end 02:30 occurs twice: the first", "oqtf-48h", "2026-10-23T02:30", Metropole, "2026-10-25T02:30", "2026-10-25T00:30:00Z"},
	{"spring forward 2027 (28 Mar)", "oqtf-48h", "2027-03-27T09:00", Metropole, "2027-03-29T09:00", "2027-03-29T07:00:00Z"},
	{"fall back 2027 (31 Oct)", "oqtf-48h", "2027-10-30T09:00", Metropole, "2027-11-01T08:00", "2027-11-01T07:00:00Z"},
	{"Guadeloupe, UTC-4, no clock change", "oqtf-48h", "2026-01-09T18:00", Guadeloupe, "2026-01-11T18:00", "2026-01-11T22:00:00Z"},
	{"Réunion, UTC+4, Paris clock change irrelevant", "oqtf-48h", "2026-03-28T10:00", Reunion, "2026-03-30T10:00", "2026-03-30T06:00:00Z"},
	{"Guyane, UTC-3, Paris clock change irrelevant", "oqtf-48h", "2026-10-24T10:00", Guyane, "2026-10-26T10:00", "2026-10-26T13:00:00Z"},
	{"Martinique, local holiday 22 May irrelevant for hours", "oqtf-48h", "2026-05-21T08:00", Martinique, "2026-05-23T08:00", "2026-05-23T12:00:00Z"},
	{"Mayotte, UTC+3, ends on the local holiday, not moved", "oqtf-48h", "2026-04-25T16:45", Mayotte, "2026-04-27T16:45", "2026-04-27T13:45:00Z"},
	{"Alsace-Moselle, Good Friday inside, not moved", "oqtf-48h", "2026-04-02T09:00", AlsaceMoselle, "2026-04-04T09:00", "2026-04-04T07:00:00Z"},
	{"unknown hour entered as 00:00, the earliest", "oqtf-48h", "2026-02-02T00:00", Metropole, "2026-02-04T00:00", "2026-02-03T23:00:00Z"},
	// The hour rules of issue 16: rétention (96 h, 24 h) and Dublin (48 h),
	// across both clock changes of 2026 (29 Mar, 25 Oct).
	{"retention-contestation: 96 h, spring forward inside: wall clock 10:00 CEST", "retention-contestation", "2026-03-26T10:00", Metropole, "2026-03-30T10:00", "2026-03-30T08:00:00Z"},
	{"retention-contestation: 96 h, fall back inside: elapsed 09:00 CET", "retention-contestation", "2026-10-22T10:00", Metropole, "2026-10-26T09:00", "2026-10-26T08:00:00Z"},
	{"retention-contestation: Friday 15:05 -> Tuesday 15:05, weekend not skipped", "retention-contestation", "2026-01-09T15:05", Metropole, "2026-01-13T15:05", "2026-01-13T14:05:00Z"},
	{"retention-appel: 24 h, spring forward inside: wall clock 12:00 CEST", "retention-appel", "2026-03-28T12:00", Metropole, "2026-03-29T12:00", "2026-03-29T10:00:00Z"},
	{"retention-appel: 24 h, fall back inside: elapsed 11:00 CET", "retention-appel", "2026-10-24T12:00", Metropole, "2026-10-25T11:00", "2026-10-25T10:00:00Z"},
	{"retention-appel: Saturday order, Sunday end, not moved", "retention-appel", "2026-01-10T11:00", Metropole, "2026-01-11T11:00", "2026-01-11T10:00:00Z"},
	{"dublin-transfert-48h: spring forward inside: wall clock 18:00", "dublin-transfert-48h", "2026-03-27T18:00", Metropole, "2026-03-29T18:00", "2026-03-29T16:00:00Z"},
	{"dublin-transfert-48h: fall back inside: elapsed 09:00", "dublin-transfert-48h", "2026-10-24T10:00", Metropole, "2026-10-26T09:00", "2026-10-26T08:00:00Z"},
	{"retention-fin-90j: spring forward inside: wall clock 15:05 CEST", "retention-fin-90j", "2026-01-09T15:05", Metropole, "2026-04-09T15:05", "2026-04-09T13:05:00Z"},
}

func TestHourExamples(t *testing.T) {
	t.Parallel()
	for _, ex := range hourExamples {
		t.Run(ex.name, func(t *testing.T) {
			t.Parallel()
			d, c, err := ParseDateTime(ex.trigger)
			if err != nil {
				t.Fatal(err)
			}
			got := mustCompute(t, Input{Rule: mustRule(t, ex.rule), Trigger: d, At: c, Region: ex.region})
			if !got.IsHours {
				t.Fatal("IsHours not set")
			}
			if got.DueString() != ex.want || got.DueAt.UTC().Format(time.RFC3339) != ex.wantUTC {
				t.Errorf("due %s (%s), want %s (%s)\n%s", got.DueString(), got.DueAt.UTC().Format(time.RFC3339), ex.want, ex.wantUTC, explainText(got))
			}
			if got.DueAt.Location() != ex.region.Location() {
				t.Errorf("DueAt in %v, want %v", got.DueAt.Location(), ex.region.Location())
			}
			if got.Due != DateOf(got.DueAt) {
				t.Errorf("Due %v is not the day of DueAt %v", got.Due, got.DueAt)
			}
		})
	}
}

func TestHourZoneOverride(t *testing.T) {
	t.Parallel()
	loc, err := time.LoadLocation("America/Cayenne")
	if err != nil {
		t.Fatal(err)
	}
	got := mustCompute(t, Input{Rule: mustRule(t, "oqtf-48h"), Trigger: Date{2026, 1, 9}, At: Clock{18, 0}, Zone: loc})
	if got.DueAt.UTC().Format(time.RFC3339) != "2026-01-11T21:00:00Z" {
		t.Errorf("due %v, want 18:00 in Cayenne (21:00Z)", got.DueAt)
	}
}

func TestWallInstantMeanings(t *testing.T) {
	t.Parallel()
	paris := Metropole.Location()
	cases := []struct {
		name    string
		d       Date
		c       Clock
		end     bool
		want    string
		meaning WallMeaning
	}{
		{"ordinary", Date{2026, 1, 9}, Clock{18, 0}, false, "2026-01-09T17:00:00Z", WallNormal},
		{"ambiguous trigger: first", Date{2026, 10, 25}, Clock{2, 0}, false, "2026-10-25T00:00:00Z", WallAmbiguous},
		{"ambiguous end: first", Date{2026, 10, 25}, Clock{2, 59}, true, "2026-10-25T00:59:00Z", WallAmbiguous},
		{"first minute after the repeated hour", Date{2026, 10, 25}, Clock{3, 0}, false, "2026-10-25T02:00:00Z", WallNormal},
		{"gap trigger: earliest meaning", Date{2026, 3, 29}, Clock{2, 0}, false, "2026-03-29T00:00:00Z", WallNonexistent},
		{"gap end: the jump", Date{2026, 3, 29}, Clock{2, 59}, true, "2026-03-29T01:00:00Z", WallNonexistent},
		{"just before the gap", Date{2026, 3, 29}, Clock{1, 59}, true, "2026-03-29T00:59:00Z", WallNormal},
		{"just after the gap", Date{2026, 3, 29}, Clock{3, 0}, true, "2026-03-29T01:00:00Z", WallNormal},
	}
	for _, c := range cases {
		got, m := wallInstant(c.d, c.c, paris, c.end)
		if got.UTC().Format(time.RFC3339) != c.want || m != c.meaning {
			t.Errorf("%s: got %v (%d), want %s (%d)", c.name, got.UTC(), m, c.want, c.meaning)
		}
	}
}
