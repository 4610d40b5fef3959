package store

import (
	"fmt"
	"strconv"

	"github.com/dgraph-io/badger/v4"

	"casefile/model"
	"casefile/store/internal/feeds"
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
type RetentionRow = feeds.RetentionRow

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
	var rows []RetentionRow
	err = v.db.View(func(txn *badger.Txn) (err error) {
		rows, err = feeds.CasesDue(txn, today, years)
		return err
	})
	return rows, err
}
