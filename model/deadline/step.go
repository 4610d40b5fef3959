package deadline

import "time"

// StepKind names one step of a computation.
type StepKind uint8

// Steps, in the order they usually appear. Which fields of Step a kind uses
// is said beside it; Explain renders them.
const (
	StepRule                  StepKind = iota // the rule applied
	StepRegime                                // the rule's regime; Date: decision date, if known
	StepRegimeUnchecked                       // the rule's regime, decision date unknown
	StepTrigger                               // Date (and Clock, At, Meaning for hour rules): the trigger
	StepNominal                               // Date: trigger (Other) plus the duration; for months, reading A
	StepFranc                                 // Date: the day after the nominal end (Other), last day of a franc rule
	StepReadingB                              // Date: reading B, counted from the day after the trigger (Other)
	StepReadingsAgree                         // Date: readings A and B agree
	StepReadingsDiffer                        // Date: the earlier reading, kept; Other: the later one
	StepNotFranc                              // the rule is not franc, and why
	StepSkipped                               // Date: a non-working last day, moved past; Holiday if a holiday
	StepNotMoved                              // Date: a non-working last day that does not move, and why
	StepElapsed                               // At: the end counted in elapsed hours
	StepWallClock                             // Date, Clock: the end on the wall clock; At: its instant; Meaning; OtherAt: a skipped time's other reading
	StepHoursDiffer                           // At: the earlier of the two hour readings, kept; OtherAt: the other
	StepHoursNeverMove                        // hour rules are neither franc nor extended
	StepLegalAidNone                          // Date: request; legal aid has no effect on this rule
	StepLegalAidUnverified                    // Date: request; effect not verified, none applied
	StepLegalAidBeforeTrigger                 // Date: request made before the trigger; no effect
	StepLegalAidLate                          // Date: request after the deadline (Other); no effect
	StepLegalAidOutsideWindow                 // Date: request after the request window's end (Other); no suspension
	StepLegalAidInterrupts                    // Date: request in time; the deadline is interrupted
	StepLegalAidPending                       // decision not yet notified; the date without legal aid is shown
	StepLegalAidRestart                       // Date: notification of the decision; the deadline restarts
	StepLegalAidSuspends                      // Date: request; N days remained until Other
	StepLegalAidResumed                       // Other: notification of the decision; Date: N remaining days later
	StepDue                                   // Date (At for hour rules): the result
	StepFiling                                // what proves filing in time
	StepBasis                                 // legal basis and sources
	StepStatus                                // verification status
	StepNote                                  // the rule's note
	StepAltReading                            // Date/At: the rule's own reading; Other/OtherAt: the alternative's; N: 1 if the alternative is kept
	StepUnverifiedHoliday                     // Date: a last day that may be a local holiday whose date is not verified; not moved
	StepLegalAidOtherReading                  // Date: the CE 10 June 2020 n° 422471 restart (15 days after notification); Other: its end
)

// Step is one step of a computation, as data. Only the fields its Kind
// names are set.
type Step struct {
	Kind    StepKind
	Date    Date
	Other   Date
	Clock   Clock
	At      time.Time
	OtherAt time.Time
	N       int
	Holiday Holiday
	Meaning WallMeaning
}
