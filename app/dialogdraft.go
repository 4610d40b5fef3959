package app

import (
	"encoding/json"
	"strconv"

	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// The event and evidence dialogs are part of the draft kept at lock: what
// the user typed in them goes, with the case form's changes, into the
// draft stored inside the vault (edits.go: formDraft, store.SaveDraft),
// never into a file; the next unlock opens the case, then the dialog with
// the typed fields back, and says so.

const (
	dialogEvent    = "event"
	dialogEvidence = "evidence"
)

// dialogDraft is an event or evidence dialog's unsaved fields. State holds
// only the fields the user changed, by the i18n key of their label (so
// that the unlock message names them); a correction also keeps the record
// as it loaded it and the versions it loaded, so that a field a colleague
// changed meanwhile is a collision when saved, not an overwrite.
type dialogDraft struct {
	Kind   string            `json:"kind"`
	ID     string            `json:"id,omitempty"` // the record corrected; "" for a new one
	State  map[string]string `json:"state"`
	Loaded json.RawMessage   `json:"loaded,omitempty"`
	Base   store.Versions    `json:"base,omitempty"`
	// Files are the proofs picked and not saved: their bytes are not kept,
	// only their names, for the user to pick again.
	Files []string `json:"files,omitempty"`
}

// liveDialog is an event or evidence dialog on screen: how to read and set
// each of its fields, and what it showed when it opened.
type liveDialog struct {
	kind, caseID, id string
	loaded           any
	base             store.Versions
	names            []string
	get              map[string]func() string
	set              map[string]func(string)
	initial          map[string]string
	files            func() []string
	restored         bool // opened from a draft: closing it updates the draft
}

func newLiveDialog(kind, caseID, id string, loaded any, base store.Versions) *liveDialog {
	return &liveDialog{kind: kind, caseID: caseID, id: id, loaded: loaded, base: base,
		get: map[string]func() string{}, set: map[string]func(string){}}
}

func (l *liveDialog) field(name string, get func() string, set func(string)) {
	l.names = append(l.names, name)
	l.get[name], l.set[name] = get, set
}

func (l *liveDialog) entry(name string, e *appEntry) {
	l.field(name, func() string { return e.Text }, e.SetText)
}

// choice keeps a drop-down by its option's value, not its label.
func (l *liveDialog) choice(name string, s *widget.Select, opts []option) {
	l.field(name, func() string { return selectValue(s, opts) },
		func(v string) { s.SetSelected(selectLabel(opts, v)) })
}

func (l *liveDialog) check(name string, c *widget.Check) {
	l.field(name, func() string { return strconv.FormatBool(c.Checked) },
		func(v string) { c.SetChecked(v == "true") })
}

func (l *liveDialog) state() map[string]string {
	s := make(map[string]string, len(l.names))
	for _, n := range l.names {
		s[n] = l.get[n]()
	}
	return s
}

// begin records what the dialog shows as its unchanged state, then puts a
// draft's changes back (the fields in the order the dialog lists them, so
// that a field another one enables is set after it).
func (l *liveDialog) begin(d *dialogDraft) {
	l.initial = l.state()
	if d == nil {
		return
	}
	l.restored = true
	for _, n := range l.names {
		if v, ok := d.State[n]; ok {
			l.set[n](v)
		}
	}
}

// draft is the dialog's unsaved changes; nil when it has none.
func (l *liveDialog) draft() *dialogDraft {
	d := &dialogDraft{Kind: l.kind, ID: l.id, State: map[string]string{}, Base: l.base}
	for n, v := range l.state() {
		if l.initial[n] != v {
			d.State[n] = v
		}
	}
	if l.files != nil {
		d.Files = l.files()
	}
	if len(d.State) == 0 && len(d.Files) == 0 {
		return nil
	}
	if l.id != "" && l.loaded != nil {
		d.Loaded, _ = json.Marshal(l.loaded)
	}
	return d
}

// fieldNames are the translated labels of the fields a draft holds, in
// the order the dialog shows them (order: its fields' keys).
func (d *dialogDraft) fieldNames(order []string) []string {
	var out []string
	for _, k := range order {
		if _, ok := d.State[k]; ok {
			out = append(out, i18n.T(k))
		}
	}
	return out
}

// showLive shows dlg as the dialog l describes, until it closes.
func (a *App) showLive(l *liveDialog, dlg dialog.Dialog) {
	a.dialog = l
	dlg.SetOnClosed(func() {
		if a.dialog == l {
			a.dialog = nil
		}
		if l.restored {
			a.dropDialogDraft()
		}
	})
	dlg.Show()
}

// liveDialogDraft is the unsaved changes of the event or evidence dialog
// on screen over the case form, if any.
func (a *App) liveDialogDraft() *dialogDraft {
	f := a.activeForm()
	if a.dialog == nil || f == nil || f.file.ID != a.dialog.caseID {
		return nil
	}
	return a.dialog.draft()
}

// dropDialogDraft forgets the dialog part of the draft the vault keeps (a
// dialog restored from it was saved or cancelled); the case form's part
// stays until the form is saved or discarded.
func (a *App) dropDialogDraft() {
	v := a.Vault()
	if v == nil {
		return
	}
	caseID, raw, ok, err := v.Draft()
	if err != nil || !ok {
		return
	}
	var d formDraft
	if json.Unmarshal(raw, &d) != nil || d.Dialog == nil {
		return
	}
	d.Dialog = nil
	if len(d.State) == 0 && d.Note == "" {
		_ = v.DropDraft()
		return
	}
	if b, err := json.Marshal(d); err == nil {
		_ = v.SaveDraft(caseID, b)
	}
}

// reopenDialog shows again the dialog a draft kept, on the case shown; it
// reports whether it could (a record corrected and erased meanwhile
// cannot).
func (a *App) reopenDialog(caseID string, d *dialogDraft) bool {
	v := a.Vault()
	if v == nil {
		return false
	}
	switch d.Kind {
	case dialogEvent:
		if d.ID == "" {
			a.showEventFormDraft(caseID, nil, d)
			return true
		}
		evs, err := v.Events(caseID)
		if err != nil {
			return false
		}
		for i := range evs {
			if evs[i].ID == d.ID {
				a.showEventFormDraft(caseID, &evs[i], d)
				return true
			}
		}
	case dialogEvidence:
		if d.ID == "" {
			a.evidenceDialogDraft(caseID, nil, nil, func() { a.showEvidenceTab(caseID) }, d)
			return true
		}
		log, err := v.EvidenceLog(caseID)
		if err != nil {
			return false
		}
		for i := range log {
			if log[i].ID == d.ID {
				a.evidenceDialogDraft(caseID, &log[i], nil, func() { a.showEvidenceTab(caseID) }, d)
				return true
			}
		}
	}
	return false
}

// loadedEvent is the event a correction's draft had loaded, or cur when
// the draft has none.
func (d *dialogDraft) loadedEvent(cur model.Event) model.Event {
	if d == nil || len(d.Loaded) == 0 {
		return cur
	}
	var e model.Event
	if json.Unmarshal(d.Loaded, &e) != nil || e.ID != cur.ID {
		return cur
	}
	return e
}

// loadedEvidence is loadedEvent for an evidence entry.
func (d *dialogDraft) loadedEvidence(cur model.Evidence) model.Evidence {
	if d == nil || len(d.Loaded) == 0 {
		return cur
	}
	var e model.Evidence
	if json.Unmarshal(d.Loaded, &e) != nil || e.ID != cur.ID {
		return cur
	}
	return e
}
