package feeds

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/model/deadline"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// The weekly review (docs/review.md) reads three indexes, each a range
// scan, kept current by every change as it is applied (reviewindex.go):
//
//	idx/due/<yyyymmdd>/<deadline-id>      open deadlines
//	idx/noowner/<yyyymmdd>/<deadline-id>  open deadlines with no owner
//	idx/timed/<yyyymmdd>/<deadline-id>    open deadlines with a time (an hour
//	                                      rule, a hearing): idx/due's value
//	idx/idle/<case-id>                    open cases with no open deadline
//
// The week's sign-off is the record rec/signoff/<yyyy-Www>.

// ReviewRow is one open deadline as the review shows it.
type ReviewRow struct {
	DeadlineID string             `json:"deadline_id"`
	CaseID     string             `json:"case_id"`
	CaseRef    string             `json:"case_ref"`
	Person     string             `json:"person"`
	Lawyer     string             `json:"lawyer"`
	Kind       model.DeadlineKind `json:"kind"`
	RuleID     string             `json:"rule_id,omitempty"`
	// Label is a manual deadline's label, or a hearing's court.
	Label string     `json:"label,omitempty"`
	Due   model.Date `json:"due"`
	// DueAt is the instant of an hour rule or a hearing with a time.
	DueAt  time.Time            `json:"due_at,omitzero"`
	Owner  string               `json:"owner"`
	Status model.DeadlineStatus `json:"status"`
	// Unverified: the rule's text is not verified (deadline.Unverified).
	Unverified bool `json:"unverified,omitempty"`
	// Hours: the rule counts hours (a 48-hour appeal).
	Hours bool `json:"hours,omitempty"`
	// CaseStatus is the case's status: rows of closed and archived cases
	// come after those of open cases, and the faces mark them.
	CaseStatus model.Status `json:"case_status"`
	// Retention: the latest situation recorded on the case (a change of
	// situation, or the situation at a notification) is rétention. It is
	// looked up for the rows of the week's days and next week that have a
	// time, count hours or are hearings, of open cases (mayBeHeld).
	Retention bool `json:"retention,omitempty"`
}

// Expires is when the row's deadline runs out: its instant when it has
// one, else the midnight (Paris) that ends its day.
func (r ReviewRow) Expires() time.Time {
	if !r.DueAt.IsZero() {
		return r.DueAt
	}
	return time.Date(r.Due.Year, r.Due.Month, r.Due.Day+1, 0, 0, 0, 0, model.Paris())
}

// IdleCase is an open case with no open deadline.
type IdleCase struct {
	CaseID  string `json:"case_id"`
	CaseRef string `json:"case_ref"`
	Person  string `json:"person"`
	Lawyer  string `json:"lawyer"`
}

// Review is the week's deadline review: what the screen, the CLI and the
// exports show.
type Review struct {
	Week   model.ISOWeek `json:"week"`
	Lawyer string        `json:"lawyer,omitempty"`
	// Overdue: open deadlines of open cases due before the week's Monday,
	// the latest first (the one missed yesterday before last year's).
	Overdue []ReviewRow `json:"overdue"`
	// Days: open deadlines due each day, Monday (0) to Sunday (6), in the
	// order they run out (a 10:00 hearing, a 15:00 hour rule, then the
	// day's other deadlines), those of open cases first.
	Days [7][]ReviewRow `json:"days"`
	// NextWeek: open deadlines due the following week, in the same order.
	NextWeek []ReviewRow `json:"next_week"`
	Idle     []IdleCase  `json:"idle"`
	// Unowned: open deadlines with no owner, whatever their date, those of
	// open cases first.
	Unowned []ReviewRow `json:"unowned"`
	// Stale: open deadlines of closed or archived cases due before the
	// week's Monday, the latest first, met while reading Overdue: to be
	// marked done or cancelled, never ranked with open cases.
	Stale []ReviewRow `json:"stale"`
	// SignOff: the whole week's sign-off; LawyerSignOff: the sign-off of
	// the lawyer the review is filtered on (SignOffWeek).
	SignOff       *model.SignOff `json:"signoff,omitempty"`
	LawyerSignOff *model.SignOff `json:"lawyer_signoff,omitempty"`
	// More says which lists were cut at ReviewLimit.
	More ReviewMore `json:"more"`
}

// Rows returns every dated row in display order: overdue, the week's days,
// next week.
func (r *Review) Rows() []ReviewRow {
	out := append([]ReviewRow(nil), r.Overdue...)
	for _, d := range r.Days {
		out = append(out, d...)
	}
	return append(out, r.NextWeek...)
}

// Empty says whether the review holds no deadline at all (nor idle case):
// the faces then say so in one line.
func (r *Review) Empty() bool {
	return len(r.Rows()) == 0 && len(r.Idle) == 0 && len(r.Unowned) == 0 && len(r.Stale) == 0
}

// ReviewLimit caps each list of a review (overdue, each day, next week,
// idle cases, unowned deadlines): a review is then a bounded number of
// short range scans whatever the vault's size, and a list that has more
// says so (Review.More). The faces say "more…" and the lists in full are a
// filter away (--lawyer) or in the case list.
const ReviewLimit = 100

// ReviewMore says which lists of a review were cut at ReviewLimit.
type ReviewMore struct {
	Overdue  bool    `json:"overdue,omitempty"`
	Days     [7]bool `json:"days"`
	NextWeek bool    `json:"next_week,omitempty"`
	Idle     bool    `json:"idle,omitempty"`
	Unowned  bool    `json:"unowned,omitempty"`
	Stale    bool    `json:"stale,omitempty"`
}

// ReadReview gathers a week's review in txn (store.Vault.Review). With lawyer set, it keeps the deadlines
// owned by that lawyer or on that lawyer's cases, and the idle cases of
// that lawyer (names compared without case or surrounding spaces).
//
// Each list is a range scan that stops at ReviewLimit rows of open cases.
// A day (and each day of next week) reads its deadlines with a time first
// (idx/timed, in the order of their time), then its other deadlines in
// idx/due. Overdue is read backwards from Monday (the day it stops on
// whole, to order it by time); idx/noowner and idx/idle from their start.
// A case-list row is read once per case shown, and the events index of a
// case that may be held (mayBeHeld) once, for its situation.
func ReadReview(txn *badger.Txn, week model.ISOWeek, lawyer string) (*Review, error) {
	if !week.Valid() {
		return nil, model.ErrInvalidWeek
	}
	r := &Review{Week: week, Lawyer: strings.TrimSpace(lawyer)}
	match := func(names ...string) bool {
		if r.Lawyer == "" {
			return true
		}
		for _, n := range names {
			if strings.EqualFold(strings.TrimSpace(n), r.Lawyer) {
				return true
			}
		}
		return false
	}
	err := func() error {
		rd := newReviewReader(txn)
		defer rd.close()
		// row makes the review row of an idx/due entry; ok is false when
		// the lawyer filter leaves it out.
		row := func(di DueItem, held bool) (rr ReviewRow, ok bool, err error) {
			s, err := rd.summary(di.CaseID)
			if err != nil {
				return rr, false, err
			}
			rr = ReviewRow{DeadlineID: di.DeadlineID, CaseID: di.CaseID, CaseRef: s.Ref, Person: s.Name,
				Lawyer: s.Lawyer, Kind: di.Kind, RuleID: di.RuleID, Label: di.Label, Due: di.Due,
				DueAt: di.DueAt, Owner: di.Owner, Status: model.DeadlineOpen, CaseStatus: s.Status,
				Hours: CountsHours(di.Kind, di.RuleID)}
			if rule, ok := deadline.Lookup(di.RuleID); ok && di.Kind == model.DeadlineComputed {
				rr.Unverified = rule.Status == deadline.Unverified
			}
			if !match(rr.Owner, rr.Lawyer) {
				return rr, false, nil
			}
			if held && mayBeHeld(rr) {
				rr.Retention, err = rd.inRetention(di.CaseID)
			}
			return rr, true, err
		}
		var err error
		if r.Overdue, r.Stale, r.More.Overdue, r.More.Stale, err = rd.overdue(week.Monday(), row); err != nil {
			return err
		}
		for i := range r.Days {
			if r.Days[i], r.More.Days[i], err = rd.section(week.Day(i), week.Day(i+1), row); err != nil {
				return err
			}
		}
		next := week.Next()
		if r.NextWeek, r.More.NextWeek, err = rd.section(next.Monday(), next.Day(7), row); err != nil {
			return err
		}
		var unowned, unownedShut []ReviewRow
		if err := read.ScanKeys(txn, layout.IdxNoOwner, func(k []byte) error {
			if len(unowned)+len(unownedShut) == ReviewLimit {
				r.More.Unowned = true
				return errStopScan
			}
			key := append([]byte(layout.IdxDue), k[len(layout.IdxNoOwner):]...)
			di, err := rd.due(key)
			if err != nil {
				return err
			}
			rr, ok, err := row(di, false)
			switch {
			case err != nil || !ok:
			case rr.CaseStatus == model.StatusOpen:
				unowned = append(unowned, rr)
			default:
				unownedShut = append(unownedShut, rr)
			}
			return err
		}); err != nil && !errors.Is(err, errStopScan) {
			return err
		}
		r.Unowned = append(unowned, unownedShut...)
		if err := read.ScanKeys(txn, layout.IdxIdle, func(k []byte) error {
			if len(r.Idle) == ReviewLimit {
				r.More.Idle = true
				return errStopScan
			}
			cid := string(k[len(layout.IdxIdle):])
			s, err := rd.summary(cid)
			if err == nil && match(s.Lawyer) {
				r.Idle = append(r.Idle, IdleCase{CaseID: cid, CaseRef: s.Ref, Person: s.Name, Lawyer: s.Lawyer})
			}
			return err
		}); err != nil && !errors.Is(err, errStopScan) {
			return err
		}
		if r.SignOff, err = SignOffIn(txn, week, ""); err != nil {
			return err
		}
		if r.Lawyer != "" {
			r.LawyerSignOff, err = SignOffIn(txn, week, r.Lawyer)
		}
		return err
	}()
	if err != nil {
		return nil, err
	}
	return r, nil
}

// reviewReader reads what a review shows, within one transaction: the
// due-date index forwards and backwards, case-list rows and situations
// cached per case.
type reviewReader struct {
	txn                   *badger.Txn
	fwd, back, evs, timer *badger.Iterator
	rows                  map[string]layout.CaseSummary
	retention             map[string]bool
}

func newReviewReader(txn *badger.Txn) *reviewReader {
	opts := badger.DefaultIteratorOptions
	opts.Prefix, opts.PrefetchValues = []byte(layout.IdxDue), false
	fwd := txn.NewIterator(opts)
	opts.Reverse = true
	back := txn.NewIterator(opts)
	ev := badger.DefaultIteratorOptions
	ev.Prefix, ev.PrefetchValues = []byte(layout.IdxCase), false
	tm := badger.DefaultIteratorOptions
	tm.Prefix, tm.PrefetchValues = []byte(layout.IdxTimed), false
	return &reviewReader{txn: txn, fwd: fwd, back: back, evs: txn.NewIterator(ev), timer: txn.NewIterator(tm),
		rows: map[string]layout.CaseSummary{}, retention: map[string]bool{}}
}

func (rd *reviewReader) close() {
	rd.fwd.Close()
	rd.back.Close()
	rd.evs.Close()
	rd.timer.Close()
}

func (rd *reviewReader) summary(cid string) (layout.CaseSummary, error) {
	if s, ok := rd.rows[cid]; ok {
		return s, nil
	}
	b, ok, err := read.Raw(rd.txn, layout.ListKey(cid))
	if err != nil || !ok {
		return layout.CaseSummary{ID: cid}, err
	}
	s, err := layout.DecodeSummary(cid, b)
	rd.rows[cid] = s
	return s, err
}

// mayBeHeld says whether the review looks up the situation of a row's
// case (one seek in its events index): an open case's row with a time, a
// rule counted in hours or a hearing, where rétention changes what is
// urgent. Reading the events of every case shown tripled the review's
// time on the dense demo vault.
func mayBeHeld(r ReviewRow) bool {
	return r.CaseStatus == model.StatusOpen && (!r.DueAt.IsZero() || r.Hours || r.Kind == model.DeadlineHearing)
}

// inRetention says whether the latest situation recorded on a case's
// events (by date, then time) is rétention: one seek in the events index.
func (rd *reviewReader) inRetention(cid string) (bool, error) {
	if in, ok := rd.retention[cid]; ok {
		return in, nil
	}
	prefix := []byte(layout.CaseChildPrefix(cid, changelog.KindEvent))
	var latest model.Event
	found := false
	for rd.evs.Seek(prefix); rd.evs.ValidForPrefix(prefix); rd.evs.Next() {
		item := rd.evs.Item()
		k := item.Key()
		var e model.Event
		err := item.Value(func(b []byte) (err error) {
			e, err = layout.DecodeEventIdx(cid, string(k[len(prefix):]), b)
			return err
		})
		if err != nil {
			return false, fmt.Errorf("store: %s: %w", k, err)
		}
		if e.Situation == "" {
			continue
		}
		if !found || latest.Date.Before(e.Date) || latest.Date == e.Date && latest.Time <= e.Time {
			latest, found = e, true
		}
	}
	in := found && latest.Situation == model.SituationRetention
	rd.retention[cid] = in
	return in, nil
}

// due reads one idx/due entry.
func (rd *reviewReader) due(key []byte) (DueItem, error) {
	item, err := rd.txn.Get(key)
	if err != nil {
		return DueItem{}, fmt.Errorf("store: %s: %w", key, err)
	}
	return dueItem(key, item)
}

// section reads the open deadlines due from from to before until in the
// order they run out: day by day, those with a time by their time (from
// idx/timed), then the day's others in key order; those of open cases
// first, ReviewLimit rows at most (more: some were left out). It stops at
// ReviewLimit rows of open cases: a dense day costs what it shows and its
// deadlines with a time.
func (rd *reviewReader) section(from, until model.Date, row func(DueItem, bool) (ReviewRow, bool, error)) (out []ReviewRow, more bool, err error) {
	var shut []ReviewRow
	// take makes the row of a due item; full says ReviewLimit rows of open
	// cases are in.
	take := func(di DueItem) (full bool, err error) {
		rr, ok, err := row(di, true)
		switch {
		case err != nil:
			return false, err
		case !ok:
		case rr.CaseStatus == model.StatusOpen:
			out = append(out, rr)
		default:
			shut = append(shut, rr)
		}
		return len(out) == ReviewLimit, nil
	}
	for d := from; d.Before(until); d = nextDay(d) {
		day := layout.Day(d)
		ts, err := rd.timed(day)
		if err != nil {
			return nil, false, err
		}
		isTimed := make(map[string]bool, len(ts))
		for _, t := range ts {
			isTimed[t.id] = true
		}
		for i, t := range ts {
			di := DueItem{Due: d, DeadlineID: t.id}
			if err := di.Fill(t.val); err != nil {
				return nil, false, fmt.Errorf("store: %s: %w", layout.TimedKey(day, t.id), err)
			}
			if full, err := take(di); err != nil {
				return nil, false, err
			} else if full {
				left := i+1 < len(ts) || rd.untimedFrom([]byte(layout.DuePrefix(day)), isTimed) || rd.anyDue(nextDay(d), until)
				return out, left || len(shut) > 0, nil
			}
		}
		prefix := []byte(layout.DuePrefix(day))
		for rd.fwd.Seek(prefix); rd.fwd.ValidForPrefix(prefix); rd.fwd.Next() {
			k := rd.fwd.Item().Key()
			if isTimed[string(k[len(prefix):])] {
				continue
			}
			di, err := dueItem(k, rd.fwd.Item())
			if err != nil {
				return nil, false, err
			}
			if full, err := take(di); err != nil {
				return nil, false, err
			} else if full {
				left := rd.untimedFrom(append(slices.Clone(k), 0), isTimed) || rd.anyDue(nextDay(d), until)
				return out, left || len(shut) > 0, nil
			}
		}
	}
	if n := ReviewLimit - len(out); len(shut) > n {
		shut, more = shut[:n], true
	}
	return append(out, shut...), more, nil
}

func nextDay(d model.Date) model.Date { return model.DateOf(d.Time(time.UTC).AddDate(0, 0, 1)) }

// timedEntry is an idx/timed entry of one day: its instant, its id, and
// its value (idx/due's), decoded when the row is taken.
type timedEntry struct {
	at  time.Time
	id  string
	val []byte
}

// timed reads a day's open deadlines with a time, in the order of their
// time (then of their id), from idx/timed alone: its values are idx/due's.
func (rd *reviewReader) timed(day string) ([]timedEntry, error) {
	prefix := []byte(layout.TimedPrefix(day))
	var ts []timedEntry
	for rd.timer.Seek(prefix); rd.timer.ValidForPrefix(prefix); rd.timer.Next() {
		item := rd.timer.Item()
		k := item.Key()
		err := item.Value(func(b []byte) error {
			f, ok := layout.DueFields(b)
			if !ok || len(f.At) == 0 {
				return fmt.Errorf("store: %s: malformed", k)
			}
			at, err := time.Parse(time.RFC3339, string(f.At))
			if err != nil {
				return fmt.Errorf("store: %s: %w", k, err)
			}
			ts = append(ts, timedEntry{at, string(k[len(prefix):]), slices.Clone(b)})
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	slices.SortStableFunc(ts, func(a, b timedEntry) int { return a.at.Compare(b.at) })
	return ts, nil
}

// anyDue says whether an open deadline is due from from to before until.
func (rd *reviewReader) anyDue(from, until model.Date) bool {
	if !from.Before(until) {
		return false
	}
	rd.fwd.Seek([]byte(layout.DuePrefix(layout.Day(from))))
	return rd.fwd.Valid() && bytes.Compare(rd.fwd.Item().Key(), []byte(layout.DuePrefix(layout.Day(until)))) < 0
}

// untimedFrom says whether, from key start on, the day of start (its
// idx/due/<yyyymmdd>/ prefix) has an open deadline not in timed.
func (rd *reviewReader) untimedFrom(start []byte, timed map[string]bool) bool {
	prefix := start[:len(layout.IdxDue)+len("yyyymmdd/")]
	for rd.fwd.Seek(start); rd.fwd.ValidForPrefix(prefix); rd.fwd.Next() {
		if !timed[string(rd.fwd.Item().Key()[len(prefix):])] {
			return true
		}
	}
	return false
}

// overdue reads the open deadlines due before monday backwards: those of
// open cases, the latest first, up to ReviewLimit (more: some were left
// out), and those of closed or archived cases met on the way (stale, as
// many at most). The last day read is read whole, to order it by time.
func (rd *reviewReader) overdue(monday model.Date, row func(DueItem, bool) (ReviewRow, bool, error)) (open, stale []ReviewRow, more, staleMore bool, err error) {
	var day model.Date
	for rd.back.Seek([]byte(layout.DuePrefix(layout.Day(monday)))); rd.back.Valid(); rd.back.Next() {
		k := rd.back.Item().Key()
		di, err := dueItem(k, rd.back.Item())
		if err != nil {
			return nil, nil, false, false, err
		}
		if !di.Due.Before(monday) {
			continue // the seek's own key, were there one
		}
		if len(open) >= ReviewLimit && di.Due != day {
			more = true
			break
		}
		day = di.Due
		rr, ok, err := row(di, false)
		switch {
		case err != nil:
			return nil, nil, false, false, err
		case !ok:
		case rr.CaseStatus == model.StatusOpen:
			open = append(open, rr)
		case len(stale) < ReviewLimit:
			stale = append(stale, rr)
		default:
			staleMore = true
		}
	}
	latestFirst := func(a, b ReviewRow) int { return b.Expires().Compare(a.Expires()) }
	slices.SortStableFunc(open, latestFirst)
	slices.SortStableFunc(stale, latestFirst)
	if len(open) > ReviewLimit {
		open, more = open[:ReviewLimit], true
	}
	return open, stale, more, staleMore || more, nil
}

// SignOffIn reads a week's sign-off (a lawyer's when lawyer is set), nil
// when there is none.
func SignOffIn(txn *badger.Txn, week model.ISOWeek, lawyer string) (*model.SignOff, error) {
	_, so, err := read.Record[model.SignOff](txn, changelog.KindSignOff, layout.SignOffID(week, lawyer))
	switch {
	case errors.Is(err, read.ErrNotFound):
		return nil, nil
	case err != nil:
		return nil, err
	case lawyer != "" && !strings.EqualFold(strings.TrimSpace(so.Lawyer), strings.TrimSpace(lawyer)):
		return nil, nil // another spelling that shares the key
	}
	return so, nil
}

// errStopScan ends a scan early.
var errStopScan = errors.New("stop scan")
