// Package feeds holds the store's read feeds that only read: they take a
// read-only transaction and never write. It imports changelog, layout and
// read, never store; store.Vault's methods open the transaction and call it.
package feeds

import (
	"fmt"

	"github.com/dgraph-io/badger/v4"

	"casefile/changelog"
	"casefile/model"
	"casefile/store/internal/layout"
	"casefile/store/internal/read"
)

// ReminderItem is an open deadline as reminders see it.
type ReminderItem struct {
	DeadlineID string
	Due        model.Date
	// Reminder is the deadline's reminder day; left zero for deadlines
	// due before the scan's from day, whose reminder has passed anyway.
	Reminder model.Date
}

// Reminders returns the open deadlines due up to until, by due date: a
// key-only scan of idx/due, and for those due from from on a point read
// of their case index entry for the reminder day. Nothing personal is
// read.
func Reminders(txn *badger.Txn, from, until model.Date) ([]ReminderItem, error) {
	end := layout.DueEnd(layout.Day(until))
	var out []ReminderItem
	err := func() error {
		opts := badger.DefaultIteratorOptions
		opts.Prefix, opts.PrefetchValues = []byte(layout.IdxDue), false
		it := txn.NewIterator(opts)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().Key()
			if string(k) > end {
				break
			}
			due, id, err := layout.ParseDueKey(k)
			if err != nil {
				return err
			}
			item := ReminderItem{DeadlineID: id, Due: due}
			if !due.Before(from) {
				var e layout.DueEntry
				if err := it.Item().Value(func(b []byte) (err error) { e, err = layout.DecodeDueEntry(b); return err }); err != nil {
					return err
				}
				raw, ok, err := read.Raw(txn, layout.CaseChildKey(e.Case, changelog.KindDeadline, id))
				if err != nil {
					return err
				}
				if ok {
					d, err := layout.DecodeDeadlineIdx(e.Case, id, raw)
					if err != nil {
						return fmt.Errorf("store: %s: %w", layout.CaseChildKey(e.Case, changelog.KindDeadline, id), err)
					}
					item.Reminder = d.Reminder
				}
			}
			out = append(out, item)
		}
		return nil
	}()
	return out, err
}
