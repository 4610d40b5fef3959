package deadline

import "time"

// Reminder is when a deadline should first be brought to the lawyer's
// attention.
type Reminder struct {
	// Date is the day of the reminder.
	Date Date
	// At is set for hour rules: the instant of the reminder.
	At time.Time
}

// DefaultReminder returns the default reminder for a computed deadline: two
// working days (in the result's region) before the due day for day and
// month rules, but never before the trigger day; at the trigger instant
// (the notification) for hour rules, which leave no time to wait.
func DefaultReminder(res Result) Reminder {
	if res.IsHours {
		return Reminder{Date: DateOf(res.TriggerAt), At: res.TriggerAt}
	}
	d := WorkingDaysBefore(res.Due, 2, res.Region)
	if res.Rule.Duration.N > 0 && d.Before(res.Trigger) {
		d = res.Trigger
	}
	return Reminder{Date: d}
}
