package check

import (
	"bytes"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// checkDeadlines is Check's part for events, deadlines and deadline
// settings: each record against the change log, and against its case; every
// idx/case/<case>/event|deadline/<id> and idx/due/<yyyymmdd>/<id> entry
// against the records, and every record against the entries it should have
// (idx/due for open deadlines only, with the value its record implies).
// It marks the records it saw in seen, for Check's "log names a record that
// does not exist" pass.
func checkDeadlines(txn *badger.Txn, r *Report, folded changelog.Fold, seen map[string]bool, cases map[string]model.Case) error {
	events := map[string]model.Event{}
	deadlines := map[string]model.Deadline{}
	for _, kind := range []string{changelog.KindEvent, changelog.KindDeadline, changelog.KindDeadlineSettings, changelog.KindHolidayPolicy} {
		prefix := layout.RecPrefix(kind)
		if err := read.Scan(txn, prefix, func(k, b []byte) error {
			id := strings.TrimPrefix(string(k), prefix)
			key := kind + "/" + id
			seen[key] = true
			var env *changelog.Envelope
			var err error
			caseID := ""
			switch kind {
			case changelog.KindEvent:
				var e model.Event
				if env, err = changelog.DecodeEnvelope(b, &e); err == nil {
					events[id], caseID = e, e.CaseID
				}
			case changelog.KindDeadline:
				var d model.Deadline
				if env, err = changelog.DecodeEnvelope(b, &d); err == nil {
					deadlines[id], caseID = d, d.CaseID
				}
			case changelog.KindDeadlineSettings:
				var s model.DeadlineSettings
				if env, err = changelog.DecodeEnvelope(b, &s); err == nil {
					caseID = id
				}
			default:
				var p model.HolidayPolicy
				if env, err = changelog.DecodeEnvelope(b, &p); err == nil && id != model.HolidayPolicyID {
					r.addf("record %s is not the vault's holiday policy", key)
				}
			}
			if err != nil {
				r.addf("record %s does not decode", key)
				return nil
			}
			changelog.Compare(key, env.Data, env.Ver, folded[key], r.addf)
			if _, ok := cases[caseID]; !ok && kind != changelog.KindHolidayPolicy {
				r.addf("%s belongs to a case that does not exist", key)
			}
			return nil
		}); err != nil {
			return err
		}
	}

	indexed := map[string]bool{} // "event/<id>" and "deadline/<id>" listed under their case
	if err := read.Scan(txn, layout.IdxCase, func(k, b []byte) error {
		cid, kind, id, ok := layout.ParseCaseChild(k)
		if !ok || (kind != changelog.KindEvent && kind != changelog.KindDeadline) {
			return nil // notes: checkIndexes
		}
		indexed[kind+"/"+id] = true
		var caseID string
		var want []byte
		if kind == changelog.KindEvent {
			e, ok := events[id]
			caseID, want = e.CaseID, layout.EncodeEventIdx(e)
			if !ok {
				caseID = ""
			}
		} else {
			d, ok := deadlines[id]
			caseID, want = d.CaseID, layout.EncodeDeadlineIdx(d)
			if !ok {
				caseID = ""
			}
		}
		switch {
		case caseID != cid:
			r.addf("index %s does not match its records", k)
		case !bytes.Equal(b, want):
			r.addf("index %s disagrees with its record", k)
		}
		return nil
	}); err != nil {
		return err
	}

	due := map[string]bool{}
	if err := read.Scan(txn, layout.IdxDue, func(k, b []byte) error {
		day, id, err := layout.ParseDueKey(k)
		if err != nil {
			r.addf("malformed index key %q", k)
			return nil
		}
		due[id] = true
		d, ok := deadlines[id]
		switch {
		case !ok:
			r.addf("index %s names a deadline that does not exist", k)
		case d.Status != model.DeadlineOpen:
			r.addf("index %s lists a deadline that is not open", k)
		case d.Due != day:
			r.addf("index %s disagrees with its deadline's due date", k)
		case !bytes.Equal(b, layout.EncodeDue(d)):
			r.addf("index %s disagrees with its deadline", k)
		}
		return nil
	}); err != nil {
		return err
	}

	for id, e := range events {
		if !indexed["event/"+id] {
			r.addf("event %s lacks its case index", id)
		}
		if e.Concerns != "" {
			if other, ok := events[e.Concerns]; !ok || other.CaseID != e.CaseID {
				r.addf("event %s concerns an event not in its case", id)
			}
		}
	}
	for id, d := range deadlines {
		if !indexed["deadline/"+id] {
			r.addf("deadline %s lacks its case index", id)
		}
		if d.Status == model.DeadlineOpen && !due[id] {
			r.addf("open deadline %s lacks its due-date index", id)
		}
		if d.Source != "" {
			if e, ok := events[d.Source]; !ok || e.CaseID != d.CaseID {
				r.addf("deadline %s comes from an event not in its case", id)
			}
		}
	}
	return nil
}
