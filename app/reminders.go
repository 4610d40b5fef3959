package app

import (
	"time"

	"fyne.io/fyne/v2"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// Reminders: at unlock, and then every reminderTick while the vault is
// open, the app counts the open deadlines that need attention (overdue, or
// whose reminder day has come) and that it has not yet notified in this
// session, and sends one desktop notification with that number. The text
// never names a person, a case or a rule: notifications show on a locked
// screen and may be kept by the system.

// reminderTick is how often reminders are looked at; a variable for tests.
var reminderTick = time.Minute

// reminderLead is how far ahead of today reminders are read: a reminder
// is at most a few days before its deadline (two working days by default,
// the notification instant for hour rules), so a deadline due later has
// no reminder due yet.
const reminderLead = 31

// needAttention returns the deadlines among items that need attention on
// today and are not in notified: overdue, or with their reminder day
// reached.
func needAttention(items []store.ReminderItem, today model.Date, notified map[string]bool) []string {
	var out []string
	for _, it := range items {
		if notified[it.DeadlineID] {
			continue
		}
		overdue := it.Due.Before(today)
		reminded := !it.Reminder.IsZero() && !today.Before(it.Reminder)
		if overdue || reminded || it.Due == today {
			out = append(out, it.DeadlineID)
		}
	}
	return out
}

// reminderText is the notification for n deadlines: a count, nothing else.
func reminderText(n int) *fyne.Notification {
	key := "app.reminders.body"
	if n == 1 {
		key = "app.reminders.body_one"
	}
	return fyne.NewNotification(i18n.T("app.reminders.title"), i18n.T(key, map[string]int{"N": n}))
}

// reminders is one session's reminder state.
type reminders struct {
	notified map[string]bool
	send     func(*fyne.Notification)
}

// check reads the vault's reminders and notifies the new ones, if any.
func (r *reminders) check(v *store.Vault, now time.Time) error {
	today := dateOf(now)
	items, err := v.Reminders(today, today.AddDays(reminderLead))
	if err != nil {
		return err
	}
	ids := needAttention(items, today, r.notified)
	if len(ids) == 0 {
		return nil
	}
	for _, id := range ids {
		r.notified[id] = true
	}
	r.send(reminderText(len(ids)))
	return nil
}

// watchReminders checks reminders at once and then every reminderTick,
// until stop is closed (the vault locked).
func (a *App) watchReminders(v *store.Vault, stop chan struct{}) {
	r := &reminders{notified: map[string]bool{}, send: func(n *fyne.Notification) {
		fyne.Do(func() { a.fa.SendNotification(n) })
	}}
	t := time.NewTicker(reminderTick)
	defer t.Stop()
	for {
		// A failed read (the vault locked meanwhile) waits for the next tick.
		_ = r.check(v, nowFunc())
		select {
		case <-stop:
			return
		case <-t.C:
		}
	}
}
