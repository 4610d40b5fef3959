package feeds

import (
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// RetentionRow is a closed case with the day it may be erased from.
type RetentionRow struct {
	ID            string       `json:"id"`
	Ref           string       `json:"ref"`
	Name          string       `json:"name"`
	Status        model.Status `json:"status"`
	Closed        model.Date   `json:"closed"`
	EndOfMission  model.Date   `json:"end_of_mission"`
	DeletableFrom model.Date   `json:"deletable_from"`
	// NoDate: closed, but with neither end of mission nor closing date, so
	// nobody can say when it may go; shown so that someone fills one in.
	NoDate bool `json:"no_date,omitempty"`
}

// CasesDue reads the closed cases that may be erased on today, kept years
// after the end of the mission (deletable from today or earlier), oldest
// first, then those closed without any date. One scan of the case records:
// erasure is reviewed rarely.
func CasesDue(txn *badger.Txn, today model.Date, years int) ([]RetentionRow, error) {
	var due, undated []RetentionRow
	err := read.Scan(txn, layout.RecPrefix(changelog.KindCase), func(k, b []byte) error {
		var c model.Case
		if _, err := changelog.DecodeEnvelope(b, &c); err != nil {
			return fmt.Errorf("store: %s: %w", k, err)
		}
		if c.Status == model.StatusOpen {
			return nil
		}
		c.ID = strings.TrimPrefix(string(k), layout.RecPrefix(changelog.KindCase))
		row := RetentionRow{ID: c.ID, Ref: c.Ref, Status: c.Status, Closed: c.Closed, EndOfMission: c.EndOfMission}
		from, ok := model.DeletableFrom(c, years)
		switch {
		case !ok:
			row.NoDate = true
		case today.Before(from):
			return nil
		default:
			row.DeletableFrom = from
		}
		if s, ok, err := read.Raw(txn, layout.ListKey(c.ID)); err != nil {
			return err
		} else if ok {
			if sum, err := layout.DecodeSummary(c.ID, s); err == nil {
				row.Name = sum.Name
			}
		}
		if row.NoDate {
			undated = append(undated, row)
		} else {
			due = append(due, row)
		}
		return nil
	})
	slices.SortFunc(due, func(a, b RetentionRow) int {
		if c := a.DeletableFrom.Compare(b.DeletableFrom); c != 0 {
			return c
		}
		return strings.Compare(a.Ref, b.Ref)
	})
	slices.SortFunc(undated, func(a, b RetentionRow) int { return strings.Compare(a.Ref, b.Ref) })
	return append(due, undated...), err
}
