package check

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// checkReview is Check's part for the weekly review: sign-off records
// against the change log, and idx/noowner, idx/timed, idx/opendl and
// idx/idle against what idx/due and idx/list imply (both checked against
// the records elsewhere). Problems name keys, never contents.
func checkReview(txn *badger.Txn, r *Report, folded changelog.Fold, seen map[string]bool) error {
	if err := eachRecord(txn, r, folded, seen, changelog.KindSignOff, func(id, key string, so model.SignOff) {
		week, _, _ := strings.Cut(id, ".")
		if w, err := model.ParseISOWeek(week); err != nil || layout.SignOffID(w, so.Lawyer) != id || so.ID != id {
			r.addf("record %s is not named by its week", key)
		}
	}); err != nil {
		return err
	}

	noOwner := map[string]bool{} // idx/noowner key expected
	timed := map[string]string{} // idx/timed key expected -> its value (idx/due's)
	open := map[string]int{}     // case id -> open deadlines
	if err := read.Scan(txn, layout.IdxDue, func(k, b []byte) error {
		var e layout.DueEntry
		if json.Unmarshal(b, &e) != nil {
			return nil // reported by checkDeadlines
		}
		open[e.Case]++
		if e.Owner == "" {
			noOwner[layout.IdxNoOwner+strings.TrimPrefix(string(k), layout.IdxDue)] = true
		}
		if e.At != "" {
			timed[layout.IdxTimed+strings.TrimPrefix(string(k), layout.IdxDue)] = string(b)
		}
		return nil
	}); err != nil {
		return err
	}
	if err := read.Scan(txn, layout.IdxTimed, func(k, b []byte) error {
		if at, ok := timed[string(k)]; !ok || at != string(b) {
			r.addf("index %s disagrees with the open deadlines", k)
		}
		delete(timed, string(k))
		return nil
	}); err != nil {
		return err
	}
	for k := range timed {
		r.addf("open deadline with a time lacks its index %s", k)
	}
	if err := read.ScanKeys(txn, layout.IdxNoOwner, func(k []byte) error {
		if !noOwner[string(k)] {
			r.addf("index %s names no open deadline without an owner", k)
		}
		delete(noOwner, string(k))
		return nil
	}); err != nil {
		return err
	}
	for k := range noOwner {
		r.addf("open deadline without an owner lacks its index %s", k)
	}
	if err := read.Scan(txn, layout.IdxOpenDL, func(k, b []byte) error {
		cid := strings.TrimPrefix(string(k), layout.IdxOpenDL)
		if n, err := strconv.Atoi(string(b)); err != nil || n != open[cid] || n == 0 {
			r.addf("index %s disagrees with the case's open deadlines", k)
		}
		delete(open, cid)
		return nil
	}); err != nil {
		return err
	}
	for cid := range open {
		r.addf("case %s lacks its open-deadline count", cid)
	}
	idle := map[string]bool{}
	if err := read.Scan(txn, layout.IdxList, func(k, b []byte) error {
		cid := strings.TrimPrefix(string(k), layout.IdxList)
		s, err := layout.DecodeSummary(cid, b)
		if err == nil && s.Status == model.StatusOpen {
			if _, ok, err := read.Raw(txn, layout.OpenCountKey(cid)); err != nil {
				return err
			} else if !ok {
				idle[cid] = true
			}
		}
		return nil
	}); err != nil {
		return err
	}
	if err := read.ScanKeys(txn, layout.IdxIdle, func(k []byte) error {
		cid := strings.TrimPrefix(string(k), layout.IdxIdle)
		if !idle[cid] {
			r.addf("index %s names a case that is not open without deadlines", k)
		}
		delete(idle, cid)
		return nil
	}); err != nil {
		return err
	}
	for cid := range idle {
		r.addf("open case %s without open deadlines lacks its idx/idle entry", cid)
	}
	return nil
}
