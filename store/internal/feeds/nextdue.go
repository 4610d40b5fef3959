package feeds

import (
	"fmt"
	"math"
	"time"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/model/deadline"
	"casefile/store/internal/layout"
)

// When deadlines run out, as the faces rank them (docs/review.md,
// "Urgency"). A deadline runs out at its instant when it has one (an hour
// rule, a hearing with a time), else at the midnight that ends its day: a
// deadline due today is not yet past, one due yesterday is. It is past
// from that minute on.
//
// The case list keeps these instants as wall-clock minutes of the zone
// that read them, counted from 1900-01-01 00:00 (a uint32 reaches past
// the year 9999): they sort as the instants do and cost four bytes a row.

var wallEpoch = time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

// wallKey is a wall-clock minute as such a number (1 for anything before
// the epoch: 0 means none).
func wallKey(y int, m time.Month, d, hh, mm int) uint32 {
	s := (time.Date(y, m, d, hh, mm, 0, 0, time.UTC).Unix() - wallEpoch) / 60
	return uint32(min(max(s, 1), math.MaxUint32))
}

func wallKeyOf(t time.Time) uint32 {
	return wallKey(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute())
}

// expiryKey is when a deadline due on day (at at, if set) runs out, in loc.
func expiryKey(day model.Date, at time.Time, loc *time.Location) uint32 {
	if !at.IsZero() {
		return wallKeyOf(at.In(loc))
	}
	return wallKey(day.Year, day.Month, day.Day+1, 0, 0)
}

// Due is when an open deadline runs out, as the faces show it.
type Due struct {
	// Day is the deadline's day (for a deadline with a time, the day of At
	// in the zone it is shown in).
	Day model.Date
	// At is when it runs out: its own instant when Timed, else the
	// midnight that ends Day.
	At time.Time
	// Timed: the deadline has a time of day (hour rules, hearings with a
	// time), which the faces show with the day.
	Timed bool
	// Hours: its rule counts hours (a 48-hour appeal in rétention).
	Hours bool
}

// Left is the time left until d runs out at now (negative once past).
func (d Due) Left(now time.Time) time.Duration { return d.At.Sub(now) }

// dueOfKey turns a wall-clock key back into a Due in loc.
func dueOfKey(key uint32, timed, hours bool, loc *time.Location) Due {
	w := time.Unix(wallEpoch+int64(key)*60, 0).UTC()
	at := time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), 0, 0, loc)
	day := model.DateOf(at)
	if !timed {
		day = model.DateOf(at.AddDate(0, 0, -1))
	}
	return Due{Day: day, At: at, Timed: timed, Hours: hours}
}

// DueOf is when the open deadline d runs out, in now's zone.
func DueOf(d model.Deadline, now time.Time) Due {
	loc := now.Location()
	if d.DueAt.IsZero() {
		at := time.Date(d.Due.Year, d.Due.Month, d.Due.Day+1, 0, 0, 0, 0, loc)
		return Due{Day: d.Due, At: at, Hours: CountsHours(d.Kind, d.RuleID)}
	}
	// Shown in now's zone, day and time agree.
	at := d.DueAt.In(loc)
	return Due{Day: model.DateOf(at), At: at, Timed: true, Hours: CountsHours(d.Kind, d.RuleID)}
}

// CountsHours says whether a deadline's rule counts hours.
func CountsHours(kind model.DeadlineKind, rule string) bool {
	if kind != model.DeadlineComputed {
		return false
	}
	r, ok := deadline.Lookup(rule)
	return ok && r.Duration.Unit == deadline.Hours
}

// NextOpen returns, of a case's deadlines, the open one that runs out
// first among those not yet past at now, and how many open ones are past:
// what the case screen's header shows.
func NextOpen(ds []model.Deadline, now time.Time) (next model.Deadline, due Due, ok bool, overdue int) {
	for _, d := range ds {
		if d.Status != model.DeadlineOpen {
			continue
		}
		u := DueOf(d, now)
		if !u.At.After(now) {
			overdue++
			continue
		}
		if !ok || u.At.Before(due.At) {
			next, due, ok = d, u, true
		}
	}
	return next, due, ok, overdue
}

// caseDues is what a case's open deadlines say at the instant the case
// list is read: the next one not yet past, the latest one past, how many
// are past (saturating), flags (dueNext…).
type caseDues struct {
	next, late uint32
	lateN      uint16
	flags      uint8
}

// Flags of caseDues and listRow.
const (
	dueNextTimed uint8 = 1 << iota
	dueNextHours
	dueLateTimed
	dueLateHours
	dueSoon // the case has open deadlines within soonWindow
)

// soonWindow is how far ahead the list keeps every open deadline (for
// CaseList.Soon): a week, so that a count of the next 72 hours stays
// exact for days while the list is shown.
const soonWindow = 7 * 24 * 60

// soonDue is one open deadline within soonWindow: when it runs out, and
// its case (while reading) or its row (once the list is sorted).
type soonDue struct {
	key uint32
	row int32
	cid string
}

// readDues scans the due-date index once: each case's dues as of nowKey
// (in loc), and every deadline running out within soonWindow. It is the
// case list's second scan, over every open deadline of the vault: each
// entry costs a walk of its value (layout.DueFields) and, for a case not met
// before, one map entry.
func readDues(txn *badger.Txn, nowKey uint32, loc *time.Location) (map[string]*caseDues, []soonDue, error) {
	dues := map[string]*caseDues{}
	var soon []soonDue
	var lastRule []byte
	lastHours := false
	err := scanInline(txn, layout.IdxDue, func(k, b []byte) error {
		day, ok := dueKeyDay(k)
		if !ok {
			return fmt.Errorf("store: malformed index key %q", k)
		}
		f, ok := layout.DueFields(b)
		if !ok {
			return fmt.Errorf("store: %s: malformed due-date entry", k)
		}
		var key uint32
		var flags uint8
		if len(f.At) > 0 {
			at, err := time.Parse(time.RFC3339, string(f.At))
			if err != nil {
				return fmt.Errorf("store: %s: %w", k, err)
			}
			key, flags = wallKeyOf(at.In(loc)), dueNextTimed
			// An hour rule always has its instant: only these entries are
			// looked up.
			if string(f.Kind) == string(model.DeadlineComputed) {
				if string(f.Rule) != string(lastRule) {
					lastRule, lastHours = append(lastRule[:0], f.Rule...), CountsHours(model.DeadlineComputed, string(f.Rule))
				}
				if lastHours {
					flags |= dueNextHours
				}
			}
		} else {
			key = dayEndKey(day)
		}
		cd := dues[string(f.Case)] // no allocation for the lookup
		if cd == nil {
			cd = &caseDues{}
			dues[string(f.Case)] = cd
		}
		switch {
		case key <= nowKey:
			if cd.lateN < math.MaxUint16 {
				cd.lateN++
			}
			if key > cd.late {
				cd.late = key
				cd.flags = cd.flags&^(dueLateTimed|dueLateHours) | flags<<2
			}
		default:
			if cd.next == 0 || key < cd.next || key == cd.next && flags&dueNextHours != 0 {
				cd.next = key
				cd.flags = cd.flags&^(dueNextTimed|dueNextHours) | flags
			}
			if key-nowKey <= soonWindow {
				cd.flags |= dueSoon
				soon = append(soon, soonDue{key: key, cid: string(f.Case)})
			}
		}
		return nil
	})
	return dues, soon, err
}

// dayEndKey is the key of the midnight that ends day, computed from the
// civil date alone (days from 1900-01-01, Howard Hinnant's algorithm):
// the list computes it for every open deadline.
func dayEndKey(d model.Date) uint32 {
	y, m := int64(d.Year), int64(d.Month)
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + int64(d.Day) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	days := era*146097 + doe - 693901 // 1900-01-01 is day 693,901 from 0000-03-01
	return uint32(min(max((days+1)*24*60, 1), math.MaxUint32))
}

// dueKeyDay reads the day of an idx/due/<yyyymmdd>/<id> key.
func dueKeyDay(k []byte) (model.Date, bool) {
	const p = len(layout.IdxDue)
	if len(k) < p+9 || k[p+8] != '/' {
		return model.Date{}, false
	}
	n := 0
	for _, c := range k[p : p+8] {
		if c < '0' || c > '9' {
			return model.Date{}, false
		}
		n = n*10 + int(c-'0')
	}
	d := model.Date{Year: n / 10000, Month: time.Month(n / 100 % 100), Day: n % 100}
	if d.Month < 1 || d.Month > 12 || d.Day < 1 || d.Day > 31 {
		return model.Date{}, false
	}
	return d, true
}

// scanInline is scan for the short values of indexes, which Badger keeps
// in its tree (below valueThreshold): read in place, without prefetching,
// which starts a goroutine per item and cost the case list more than
// reading them.
func scanInline(txn *badger.Txn, prefix string, fn func(key, val []byte) error) error {
	opts := badger.DefaultIteratorOptions
	opts.Prefix, opts.PrefetchValues = []byte(prefix), false
	it := txn.NewIterator(opts)
	defer it.Close()
	for it.Rewind(); it.Valid(); it.Next() {
		item := it.Item()
		if err := item.Value(func(b []byte) error { return fn(item.Key(), b) }); err != nil {
			return err
		}
	}
	return nil
}
