package store

import (
	"fmt"

	"casefile/model"
)

// Two rules of erasure live here rather than in the faces, so that the app
// and the CLI cannot differ on them (docs/retention.md, docs/architecture.md):
//
//   - EraseDue refuses a case that is open or whose retention period has
//     not run out (model.DeletableFrom); a closed case with neither end of
//     mission nor closing date may be erased, once someone decides to.
//   - A team sync and an erasure never overlap: an erasure closes and
//     reopens Badger and rewrites change-log entries that a sync reads and
//     publishes. EraseCase and ResumeErasures hold syncErase; a sync holds
//     it from BeginSync to the end it returns. Erasures a sync brings in
//     (EraseReceived) run inside the sync and do not reopen Badger.

// NotDueError is EraseDue's refusal: the case is open, or may be erased
// only from From.
type NotDueError struct {
	Ref  string
	Open bool
	From model.Date
}

func (e *NotDueError) Error() string {
	if e.Open {
		return fmt.Sprintf("store: case %s is open: it cannot be erased", e.Ref)
	}
	return fmt.Sprintf("store: case %s may be erased only from %s", e.Ref, e.From)
}

// EraseDue erases the case (by id or reference) as EraseCase does, if it is
// due on today: closed, and past the end of its retention period. Otherwise
// it returns a *NotDueError and erases nothing.
func (v *Vault) EraseDue(idOrRef string, today model.Date) (*EraseReport, error) {
	v.syncErase.Lock()
	defer v.syncErase.Unlock()
	f, err := v.Case(idOrRef)
	if err != nil {
		return nil, err
	}
	years, err := v.RetentionYears()
	if err != nil {
		return nil, err
	}
	if f.Status == model.StatusOpen {
		return nil, &NotDueError{Ref: f.Ref, Open: true}
	}
	if from, ok := model.DeletableFrom(f.Case, years); ok && today.Before(from) {
		return nil, &NotDueError{Ref: f.Ref, From: from}
	}
	return v.eraseCase(f.ID)
}

// BeginSync marks the start of a team sync (sync.Team.Sync): it waits for
// a running erasure to end, keeps any other from starting, and returns the
// function that ends the sync. Not reentrant: a sync must not erase
// through EraseCase or EraseDue.
func (v *Vault) BeginSync() (end func()) {
	v.syncErase.Lock()
	return v.syncErase.Unlock
}
