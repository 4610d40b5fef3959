package store

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
)

// Retention (docs/retention.md): a closed case may be erased once the end of
// the mission plus RetentionYears has passed. The setting is device-local,
// meta/settings/retention.years, in decimal.

const retentionSetting = "retention.years"

// ErrBadRetention: a retention period outside 1 to 100 years.
var ErrBadRetention = fmt.Errorf("retention period must be 1 to 100 years")

// RetentionYears is how many years after the end of the mission a closed
// case is kept (model.DefaultRetentionYears unless set).
func (v *Vault) RetentionYears() (int, error) {
	b, ok, err := v.Setting(retentionSetting)
	if err != nil || !ok {
		return model.DefaultRetentionYears, err
	}
	n, err := strconv.Atoi(string(b))
	if err != nil || n < 1 || n > 100 {
		return model.DefaultRetentionYears, nil
	}
	return n, nil
}

// SetRetentionYears changes the retention period.
func (v *Vault) SetRetentionYears(n int) error {
	if n < 1 || n > 100 {
		return ErrBadRetention
	}
	return v.SetSetting(retentionSetting, []byte(strconv.Itoa(n)))
}

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

// CasesDue lists the closed cases that may be erased on today (deletable
// from today or earlier), oldest first, then those closed without any date.
// One scan of the case records: erasure is reviewed rarely.
func (v *Vault) CasesDue(today model.Date) ([]RetentionRow, error) {
	if v.isClosed() {
		return nil, ErrClosed
	}
	if err := v.ResumeErasures(); err != nil { // a crash may have cut one short
		return nil, err
	}
	years, err := v.RetentionYears()
	if err != nil {
		return nil, err
	}
	var due, undated []RetentionRow
	err = v.db.View(func(txn *badger.Txn) error {
		return scan(txn, layout.RecPrefix(KindCase), func(k, b []byte) error {
			var c model.Case
			if _, err := changelog.DecodeEnvelope(b, &c); err != nil {
				return fmt.Errorf("store: %s: %w", k, err)
			}
			if c.Status == model.StatusOpen {
				return nil
			}
			c.ID = strings.TrimPrefix(string(k), layout.RecPrefix(KindCase))
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
			if s, ok, err := getRaw(txn, layout.ListKey(c.ID)); err != nil {
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
