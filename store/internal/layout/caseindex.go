package layout

import (
	"errors"
	"strings"
	"time"

	"casefile/model"
	"casefile/model/deadline"
)

// A case's events and deadlines are listed under idx/case/<case-id>/event/
// and idx/case/<case-id>/deadline/, and each entry's value carries what
// planning needs from its record (docs/events.md). Recomputing a case, or
// every case, is then a scan of these entries, without decoding a record:
// decoding the JSON of 60,000 deadlines alone would take seconds, where
// issue 3 asks for every deadline of a 10,000-case vault in under one.
// Records are read only to be rewritten. Check verifies every value against
// its record.

const caseIdxVersion = "1"

// caseIdxSep joins the fields of a value: the unit separator, which
// validation keeps out of every text field they hold
// (model.ProblemControlChar).
const caseIdxSep = "\x1f"

// EncodeEventIdx writes the fields of an event that DeadlinesFor reads: all
// but the note and the court's case number.
func EncodeEventIdx(e model.Event) []byte {
	flag := "0"
	if e.NoAppealInfo {
		flag = "1"
	}
	return []byte(strings.Join([]string{caseIdxVersion, string(e.Kind), e.Date.String(), e.Time,
		string(e.Decision), e.Decided.String(), e.FirstPresentation.String(), flag, string(e.Situation),
		e.Article, e.Expiry.String(), e.Court, e.Concerns, e.Rule}, caseIdxSep))
}

var ErrBadCaseIdx = errors.New("malformed case index entry")

func DecodeEventIdx(caseID, id string, b []byte) (model.Event, error) {
	var f [14]string
	if !splitInto(f[:], string(b)) || f[0] != caseIdxVersion {
		return model.Event{}, ErrBadCaseIdx
	}
	var dates [4]model.Date
	for i, j := range []int{2, 5, 6, 10} {
		d, ok := ParseISODate(f[j])
		if !ok {
			return model.Event{}, ErrBadCaseIdx
		}
		dates[i] = d
	}
	return model.Event{ID: id, CaseID: caseID, Kind: model.EventKind(f[1]), Date: dates[0], Time: f[3],
		Decision: model.DecisionKind(f[4]), Decided: dates[1], FirstPresentation: dates[2], NoAppealInfo: f[7] == "1",
		Situation: model.Situation(f[8]), Article: f[9], Expiry: dates[3], Court: f[11], Concerns: f[12], Rule: f[13]}, nil
}

// EncodeDeadlineIdx writes the fields of a deadline that reconciling it
// with a plan reads: all but the owner, who and when, and a manual
// deadline's label.
func EncodeDeadlineIdx(d model.Deadline) []byte {
	at, label := "", ""
	if !d.DueAt.IsZero() {
		at = d.DueAt.Format(time.RFC3339)
	}
	if d.Kind != model.DeadlineManual {
		label = d.Label
	}
	return []byte(strings.Join([]string{caseIdxVersion, string(d.Kind), d.RuleID, d.Source, d.Trigger.String(),
		d.Due.String(), at, d.Reminder.String(), label, string(d.Status), d.Reason}, caseIdxSep))
}

func DecodeDeadlineIdx(caseID, id string, b []byte) (model.Deadline, error) {
	var f [11]string
	if !splitInto(f[:], string(b)) || f[0] != caseIdxVersion {
		return model.Deadline{}, ErrBadCaseIdx
	}
	var dates [3]model.Date
	for i, j := range []int{4, 5, 7} {
		d, ok := ParseISODate(f[j])
		if !ok {
			return model.Deadline{}, ErrBadCaseIdx
		}
		dates[i] = d
	}
	var at time.Time
	if f[6] != "" {
		var err error
		if at, err = time.Parse(time.RFC3339, f[6]); err != nil {
			return model.Deadline{}, ErrBadCaseIdx
		}
	}
	return model.Deadline{ID: id, CaseID: caseID, Kind: model.DeadlineKind(f[1]), RuleID: f[2], Source: f[3],
		Trigger: dates[0], Due: dates[1], DueAt: at, Reminder: dates[2], Label: f[8],
		Status: model.DeadlineStatus(f[9]), Reason: f[10]}, nil
}

// ParseISODate reads YYYY-MM-DD as Date.String writes it ("" is the zero
// date), without time.Parse: recomputing every case reads some 200,000.
func ParseISODate(s string) (model.Date, bool) {
	if s == "" {
		return model.Date{}, true
	}
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return model.Date{}, false
	}
	n := func(t string) (int, bool) {
		v := 0
		for i := 0; i < len(t); i++ {
			if t[i] < '0' || t[i] > '9' {
				return 0, false
			}
			v = v*10 + int(t[i]-'0')
		}
		return v, true
	}
	y, ok1 := n(s[:4])
	m, ok2 := n(s[5:7])
	d, ok3 := n(s[8:])
	date := model.Date{Year: y, Month: time.Month(m), Day: d}
	return date, ok1 && ok2 && ok3 && deadline.Date(date).Valid()
}

// splitInto splits s at caseIdxSep into exactly len(f) fields.
func splitInto(f []string, s string) bool {
	for i := range f {
		var ok bool
		f[i], s, ok = strings.Cut(s, caseIdxSep)
		if ok == (i == len(f)-1) {
			return false
		}
	}
	return true
}
