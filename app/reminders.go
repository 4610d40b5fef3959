package app

import (
	"time"

	"github.com/google/uuid"

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

// readReminders reads the vault's reminders; a variable so tests can count
// the reads.
var readReminders = (*store.Vault).Reminders

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
		if notified[compactID(it.DeadlineID)] {
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

// compactID is the key of a deadline id in a notified set: its 16 bytes
// rather than its 36 characters (a vault of 100,000 cases has some 60,000
// overdue deadlines, all notified in the first check), or the id itself if
// it is not a UUID.
func compactID(id string) string {
	u, err := uuid.Parse(id)
	if err != nil {
		return id
	}
	return string(u[:])
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
	// The vault's version and the day of the last read: while neither
	// moves, a new read would find nothing new to notify.
	readAt  uint64
	readDay model.Date
}

// check reads the vault's reminders and notifies the new ones, if any. It
// reads only when something was written to the vault since the last read,
// or the day changed: on a vault of 100,000 cases a read goes through
// about 130,000 open deadlines (1.5–1.9 s of CPU, 730 MB allocated), which
// every minute kept a core busy and the heap growing.
func (r *reminders) check(v *store.Vault, now time.Time) error {
	today := model.ParisDate(now)
	ver := v.Version()
	if ver != 0 && ver == r.readAt && today == r.readDay {
		return nil
	}
	items, err := readReminders(v, today, today.AddDays(reminderLead))
	if err != nil {
		return err
	}
	r.readAt, r.readDay = ver, today
	ids := needAttention(items, today, r.notified)
	if len(ids) == 0 {
		return nil
	}
	for _, id := range ids {
		r.notified[compactID(id)] = true
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
