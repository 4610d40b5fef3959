package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/model/deadline"
)

// The weekly review (docs/review.md) reads three indexes, each a range
// scan, kept current by every change as it is applied (refreshReviewIndexes):
//
//	idx/due/<yyyymmdd>/<deadline-id>      open deadlines (deadlines.go)
//	idx/noowner/<yyyymmdd>/<deadline-id>  open deadlines with no owner
//	idx/idle/<case-id>                    open cases with no open deadline
//
// with idx/opendl/<case-id> = the number of open deadlines of the case (in
// decimal; absent means 0), so that deciding whether a case is idle is a
// point read, never an iterator: in a batch's read-write transaction each
// iterator sorts every pending write. The week's sign-off is the record
// rec/signoff/<yyyy-Www>.

// KindSignOff is the record kind of a week's sign-off.
const KindSignOff = "signoff"

func noOwnerIdx(day, id string) []byte  { return []byte("idx/noowner/" + day + "/" + id) }
func idleIdx(caseID string) []byte      { return []byte("idx/idle/" + caseID) }
func openCountKey(caseID string) []byte { return []byte("idx/opendl/" + caseID) }

// refreshReviewIndexes writes, after c's writes were applied to its
// transaction, the idx/noowner, idx/opendl and idx/idle entries they call
// for. It reads what c wrote (idx/due entries carry the owner; a deadline
// left idx/due if its first write there was a delete, is in it if its
// last was a set) and point reads of the counters and list rows of the
// cases c touched: the one place these indexes are kept, whatever wrote.
func (c *change) refreshReviewIndexes() error {
	return c.reviewIndexWrites(
		func(key []byte) ([]byte, bool, error) { return getRaw(c.txn, key) },
		c.write)
}

// stageReviewIndexes computes, without a transaction, the writes
// refreshReviewIndexes would make for a change that creates a case: every
// key those writes depend on is named by an id this change created, so the
// vault holds none of them and the change's own writes are all there is
// to read. The writes are kept in c.post, applied after c.sets in the same
// order as refreshReviewIndexes would make them (see stagedBatch).
func (c *change) stageReviewIndexes() error {
	mine := make(map[string]kv, 8)
	for _, e := range c.sets {
		if reviewRead(e.key) {
			mine[string(e.key)] = e
		}
	}
	c.post = c.post[:0]
	return c.reviewIndexWrites(
		func(key []byte) ([]byte, bool, error) {
			if !reviewRead(key) {
				return nil, false, fmt.Errorf("store: staged review index reads %s", key)
			}
			e, ok := mine[string(key)]
			if !ok || e.del {
				return nil, false, nil
			}
			return e.val, true, nil
		},
		func(e kv) error {
			mine[string(e.key)] = e
			c.post = append(c.post, e)
			return nil
		})
}

// reviewRead says whether reviewIndexWrites may read key: the only keys
// stageReviewIndexes keeps of the change's writes.
func reviewRead(key []byte) bool {
	for _, p := range [...]string{"idx/noowner/", "idx/opendl/", "idx/idle/", "idx/list/"} {
		if bytes.HasPrefix(key, []byte(p)) {
			return true
		}
	}
	return false
}

// reviewIndexWrites is refreshReviewIndexes with its reads and writes
// passed in: get reads a key as the change's transaction sees it, put
// writes one.
func (c *change) reviewIndexWrites(get func(key []byte) ([]byte, bool, error), put func(kv) error) error {
	keep := func(key []byte, present bool) error {
		_, ok, err := get(key)
		switch {
		case err != nil:
			return err
		case ok && !present:
			return put(kv{key: key, del: true})
		case !ok && present:
			return put(kv{key: key})
		}
		return nil
	}
	type dueState struct{ was, now bool }
	dues := map[string]*dueState{} // deadline id
	caseOf := map[string]string{}  // deadline id -> case id
	touched := map[string]int{}    // case id -> change in open deadlines
	for i := range c.sets {
		e := &c.sets[i]
		k := string(e.key)
		switch {
		case strings.HasPrefix(k, "idx/due/"):
			day, id, _ := strings.Cut(k[len("idx/due/"):], "/")
			st := dues[id]
			if st == nil {
				st = &dueState{was: e.del}
				dues[id] = st
			}
			st.now = !e.del
			var entry dueEntry
			unowned := !e.del && json.Unmarshal(e.val, &entry) == nil && entry.Owner == ""
			if err := keep(noOwnerIdx(day, id), unowned); err != nil {
				return err
			}
		case strings.HasPrefix(k, "idx/list/"):
			touched[k[len("idx/list/"):]] += 0
		case strings.HasPrefix(k, "idx/case/"):
			if cid, rest, ok := strings.Cut(k[len("idx/case/"):], "/"); ok && strings.HasPrefix(rest, "deadline/") {
				caseOf[rest[len("deadline/"):]] = cid
			}
		}
	}
	for id, st := range dues {
		cid, ok := caseOf[id]
		if !ok {
			return fmt.Errorf("store: due-date entry of deadline %s written without its case index", id)
		}
		switch {
		case st.now && !st.was:
			touched[cid]++
		case st.was && !st.now:
			touched[cid]--
		default:
			touched[cid] += 0
		}
	}
	for cid, delta := range touched {
		n, err := openCountVia(get, cid)
		if err != nil {
			return err
		}
		if delta != 0 {
			n += delta
			if n < 0 {
				return fmt.Errorf("store: case %s: open deadline count below zero", cid)
			}
			if n == 0 {
				err = put(kv{key: openCountKey(cid), del: true})
			} else {
				err = put(kv{key: openCountKey(cid), val: []byte(strconv.Itoa(n))})
			}
			if err != nil {
				return err
			}
		}
		idle := false
		if n == 0 {
			row, ok, err := get(listIdx(cid))
			if err != nil {
				return err
			}
			if ok {
				s, err := decodeSummary(cid, row)
				if err != nil {
					return err
				}
				idle = s.Status == model.StatusOpen
			}
		}
		if err := keep(idleIdx(cid), idle); err != nil {
			return err
		}
	}
	return nil
}

// openCount reads a case's number of open deadlines.
func openCount(txn *badger.Txn, caseID string) (int, error) {
	return openCountVia(func(key []byte) ([]byte, bool, error) { return getRaw(txn, key) }, caseID)
}

func openCountVia(get func(key []byte) ([]byte, bool, error), caseID string) (int, error) {
	b, ok, err := get(openCountKey(caseID))
	if err != nil || !ok {
		return 0, err
	}
	n, err := strconv.Atoi(string(b))
	if err != nil {
		return 0, fmt.Errorf("store: malformed %s", openCountKey(caseID))
	}
	return n, nil
}

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
	// Overdue: open deadlines due before the week's Monday, oldest first.
	Overdue []ReviewRow `json:"overdue"`
	// Days: open deadlines due each day, Monday (0) to Sunday (6).
	Days [7][]ReviewRow `json:"days"`
	// NextWeek: open deadlines due the following week.
	NextWeek []ReviewRow `json:"next_week"`
	Idle     []IdleCase  `json:"idle"`
	// Unowned: open deadlines with no owner, whatever their date.
	Unowned []ReviewRow    `json:"unowned"`
	SignOff *model.SignOff `json:"signoff,omitempty"`
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
}

// Review gathers a week's review. With lawyer set, it keeps the deadlines
// owned by that lawyer or on that lawyer's cases, and the idle cases of
// that lawyer (names compared without case or surrounding spaces).
//
// Each list is a range scan that stops at ReviewLimit rows: idx/due from
// its start for the overdue list (the index holds open deadlines only, so
// what lies before Monday is overdue and nothing else), from each day of
// the week, from next Monday; idx/noowner; idx/idle; and one point read of
// the case-list row per case shown. With a lawyer filter a scan goes on
// past the rows it skips, so it reads more when that lawyer has few.
func (v *Vault) Review(week model.ISOWeek, lawyer string) (*Review, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
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
	err := v.db.View(func(txn *badger.Txn) error {
		rows := map[string]CaseSummary{}
		summary := func(cid string) (CaseSummary, error) {
			if s, ok := rows[cid]; ok {
				return s, nil
			}
			b, ok, err := getRaw(txn, listIdx(cid))
			if err != nil || !ok {
				return CaseSummary{ID: cid}, err
			}
			s, err := decodeSummary(cid, b)
			rows[cid] = s
			return s, err
		}
		// row reads the review row of an idx/due entry; ok is false when
		// the lawyer filter leaves it out.
		row := func(key []byte, item *badger.Item) (rr ReviewRow, ok bool, err error) {
			di, err := parseDueKey(key)
			if err != nil {
				return rr, false, err
			}
			if err := item.Value(func(b []byte) error { return di.fill(b) }); err != nil {
				return rr, false, fmt.Errorf("store: %s: %w", key, err)
			}
			s, err := summary(di.CaseID)
			if err != nil {
				return rr, false, err
			}
			rr = ReviewRow{DeadlineID: di.DeadlineID, CaseID: di.CaseID, CaseRef: s.Ref, Person: s.Name,
				Lawyer: s.Lawyer, Kind: di.Kind, RuleID: di.RuleID, Label: di.Label, Due: di.Due,
				DueAt: di.DueAt, Owner: di.Owner, Status: model.DeadlineOpen}
			if rule, ok := deadline.Lookup(di.RuleID); ok && di.Kind == model.DeadlineComputed {
				rr.Unverified = rule.Status == deadline.Unverified
			}
			return rr, match(rr.Owner, rr.Lawyer), nil
		}
		opts := badger.DefaultIteratorOptions
		opts.Prefix, opts.PrefetchValues = []byte("idx/due/"), false
		it := txn.NewIterator(opts)
		defer it.Close()
		// section takes up to ReviewLimit rows due from from (zero: the
		// start) to before until.
		section := func(from, until model.Date) ([]ReviewRow, bool, error) {
			start := []byte("idx/due/")
			if !from.IsZero() {
				start = []byte("idx/due/" + dueDay(from) + "/")
			}
			end := []byte("idx/due/" + dueDay(until) + "/")
			var out []ReviewRow
			for it.Seek(start); it.Valid(); it.Next() {
				k := it.Item().Key()
				if string(k) >= string(end) {
					return out, false, nil
				}
				if len(out) == ReviewLimit {
					return out, true, nil
				}
				rr, ok, err := row(k, it.Item())
				if err != nil {
					return nil, false, err
				}
				if ok {
					out = append(out, rr)
				}
			}
			return out, false, nil
		}
		var err error
		if r.Overdue, r.More.Overdue, err = section(model.Date{}, week.Monday()); err != nil {
			return err
		}
		for i := range r.Days {
			if r.Days[i], r.More.Days[i], err = section(week.Day(i), week.Day(i+1)); err != nil {
				return err
			}
		}
		next := week.Next()
		if r.NextWeek, r.More.NextWeek, err = section(next.Monday(), next.Day(7)); err != nil {
			return err
		}
		if err := scanKeys(txn, "idx/noowner/", func(k []byte) error {
			if len(r.Unowned) == ReviewLimit {
				r.More.Unowned = true
				return errStopScan
			}
			key := append([]byte("idx/due/"), k[len("idx/noowner/"):]...)
			item, err := txn.Get(key)
			if err != nil {
				return fmt.Errorf("store: %s: %w", key, err)
			}
			rr, ok, err := row(key, item)
			if ok && err == nil {
				r.Unowned = append(r.Unowned, rr)
			}
			return err
		}); err != nil && !errors.Is(err, errStopScan) {
			return err
		}
		if err := scanKeys(txn, "idx/idle/", func(k []byte) error {
			if len(r.Idle) == ReviewLimit {
				r.More.Idle = true
				return errStopScan
			}
			cid := string(k[len("idx/idle/"):])
			s, err := summary(cid)
			if err == nil && match(s.Lawyer) {
				r.Idle = append(r.Idle, IdleCase{CaseID: cid, CaseRef: s.Ref, Person: s.Name, Lawyer: s.Lawyer})
			}
			return err
		}); err != nil && !errors.Is(err, errStopScan) {
			return err
		}
		_, so, err := getRecord[model.SignOff](txn, KindSignOff, week.String())
		if err == nil {
			r.SignOff = so
		} else if !errors.Is(err, ErrNotFound) {
			return err
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// SignOffWeek records that the vault's author reviewed week, now: a record
// and its change-log entry, like any other write.
func (v *Vault) SignOffWeek(week model.ISOWeek) (*model.SignOff, error) {
	if !week.Valid() {
		return nil, model.ErrInvalidWeek
	}
	var out model.SignOff
	err := v.update(func(c *change) error {
		env, _, err := getRecord[model.SignOff](c.txn, KindSignOff, week.String())
		if err != nil && !errors.Is(err, ErrNotFound) {
			return err
		}
		by, at := c.stamp()
		out = model.SignOff{ID: week.String(), By: by, At: at}
		return c.putRecord(KindSignOff, out.ID, out, env)
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// WeekSignOff returns the week's sign-off, or nil when nobody signed it.
func (v *Vault) WeekSignOff(week model.ISOWeek) (*model.SignOff, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	var so *model.SignOff
	err := v.db.View(func(txn *badger.Txn) (err error) {
		_, so, err = getRecord[model.SignOff](txn, KindSignOff, week.String())
		return err
	})
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	return so, err
}

// errStopScan ends a scan early.
var errStopScan = errors.New("stop scan")
