package app

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"casefile/fakeclinic"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

func d(s string) model.Date {
	x, err := model.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return x
}

func TestNeedAttention(t *testing.T) {
	items := []store.ReminderItem{
		{DeadlineID: "overdue", Due: d("2026-11-30")},
		{DeadlineID: "reminder-today", Due: d("2026-12-04"), Reminder: d("2026-12-02")},
		{DeadlineID: "reminder-past", Due: d("2026-12-03"), Reminder: d("2026-12-01")},
		{DeadlineID: "due-today", Due: d("2026-12-02")},
		{DeadlineID: "reminder-tomorrow", Due: d("2026-12-07"), Reminder: d("2026-12-03")},
		{DeadlineID: "far", Due: d("2026-12-20"), Reminder: d("2026-12-16")},
	}
	tests := []struct {
		name     string
		today    string
		notified map[string]bool
		want     []string
	}{
		{"first look", "2026-12-02", nil, []string{"overdue", "reminder-today", "reminder-past", "due-today"}},
		{"already notified are left out", "2026-12-02", map[string]bool{"overdue": true, "due-today": true}, []string{"reminder-today", "reminder-past"}},
		{"the next day brings the next reminder", "2026-12-03",
			map[string]bool{"overdue": true, "reminder-today": true, "reminder-past": true, "due-today": true}, []string{"reminder-tomorrow"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := needAttention(items, d(tt.today), tt.notified); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("needAttention = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestReminderTextIsOnlyACount(t *testing.T) {
	for _, lang := range []string{"en_US.UTF-8", "fr_FR.UTF-8"} {
		t.Run(lang, func(t *testing.T) {
			t.Cleanup(i18n.Reload)
			t.Setenv("LANG", lang)
			i18n.Reload()
			n := reminderText(3)
			if !strings.Contains(n.Content, "3") || n.Title == "" || strings.Contains(n.Content, "{{") {
				t.Errorf("notification = %+v", n)
			}
			if one := reminderText(1); !strings.Contains(one.Content, "1 ") {
				t.Errorf("singular = %q", one.Content)
			}
		})
	}
}

// check notifies once per deadline per session, with a count only.
func TestRemindersCheck(t *testing.T) {
	t.Setenv("LANG", "en_US.UTF-8")
	i18n.Reload()
	c, err := store.Create(filepath.Join(t.TempDir(), "vault"), pass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	t.Cleanup(func() { v.Close() })
	f := fakeclinic.New(9).CaseFile(d("2026-11-01"))
	f.Status = model.StatusOpen
	if err := v.SaveCase(&f); err != nil {
		t.Fatal(err)
	}
	for _, due := range []string{"2026-11-25", "2026-12-03", "2026-12-20"} {
		dl := model.Deadline{CaseID: f.ID, Label: "to do", Due: d(due)}
		if err := v.AddManualDeadline(&dl); err != nil {
			t.Fatal(err)
		}
	}
	var sent []*fyne.Notification
	r := &reminders{notified: map[string]bool{}, send: func(n *fyne.Notification) { sent = append(sent, n) }}
	at := func(s string) time.Time { return d(s).Time(time.Local).Add(9 * time.Hour) }
	// On 1 December: the overdue one, and the one due on the 3rd (its
	// reminder, two working days before, is 1 December).
	if err := r.check(v, at("2026-12-01")); err != nil {
		t.Fatal(err)
	}
	if len(sent) != 1 || !strings.HasPrefix(sent[0].Content, "2 deadlines") {
		t.Fatalf("sent = %+v", sent)
	}
	for _, n := range sent {
		for _, part := range []string{f.Person.FamilyName, f.Ref, "to do"} {
			if strings.Contains(n.Title+n.Content, part) {
				t.Errorf("notification names %q: %+v", part, n)
			}
		}
	}
	reads := 0
	readReminders = func(v *store.Vault, from, until model.Date) ([]store.ReminderItem, error) {
		reads++
		return v.Reminders(from, until)
	}
	t.Cleanup(func() { readReminders = (*store.Vault).Reminders })
	// Checking again the same day sends nothing, and with nothing written
	// since, reads nothing.
	if err := r.check(v, at("2026-12-01")); err != nil || len(sent) != 1 || reads != 0 {
		t.Fatalf("second check: %v, %d sent, %d reads", err, len(sent), reads)
	}
	// A deadline added the same day is read and notified at the next check.
	dl := model.Deadline{CaseID: f.ID, Label: "to do", Due: d("2026-11-30")}
	if err := v.AddManualDeadline(&dl); err != nil {
		t.Fatal(err)
	}
	if err := r.check(v, at("2026-12-01")); err != nil || len(sent) != 2 || reads != 1 || !strings.HasPrefix(sent[1].Content, "1 deadline") {
		t.Fatalf("check after a write: %v, %+v, %d reads", err, sent, reads)
	}
	// On 18 December, the third one's reminder has come.
	if err := r.check(v, at("2026-12-18")); err != nil || len(sent) != 3 || reads != 2 || !strings.HasPrefix(sent[2].Content, "1 deadline") {
		t.Fatalf("later check: %v, %+v", err, sent)
	}
}
