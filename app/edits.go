package app

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// Nothing typed is lost: the case form knows what the user changed since
// it loaded (state against loaded); leaving it with changes asks first;
// locking (by hand, by inactivity, or closing the window) keeps them as a
// draft inside the vault, which the next unlock puts back.

// formDraft is an unsaved case form: what the user changed, with what the
// form had loaded for those fields and the versions it loaded, so that
// saving it later still saves against what the user saw (a field changed
// meanwhile becomes a collision, not a silent overwrite). Only the changed
// fields are kept. It is stored inside the vault (store.SaveDraft), never
// in a file.
type formDraft struct {
	CaseID string            `json:"case_id,omitempty"`
	Ref    string            `json:"ref,omitempty"`
	Tab    int               `json:"tab"`
	State  map[string]string `json:"state"`
	Loaded map[string]string `json:"loaded"`
	Base   *store.CaseBase   `json:"base,omitempty"`
	Note   string            `json:"note,omitempty"`
	// Dialog is the event or evidence dialog that was open over the form
	// (dialogdraft.go).
	Dialog *dialogDraft `json:"dialog,omitempty"`
}

// state is each widget's value, by field path: entries as typed, drop-downs
// as their option's value, the interpreter as true/false, vulnerabilities
// as their codes.
func (f *caseForm) state() map[string]string {
	s := make(map[string]string, len(f.entries)+len(f.selects)+2)
	for p, e := range f.entries {
		s[p] = e.Text
	}
	for p, sel := range f.selects {
		s[p] = selectValue(sel, selectOptions(p))
	}
	s["person.interpreter"] = strconv.FormatBool(f.interpreter.Checked)
	var vs []string
	for _, v := range model.Vulnerabilities {
		if f.vulns[v].Checked {
			vs = append(vs, string(v))
		}
	}
	s["person.vulnerabilities"] = strings.Join(vs, ",")
	return s
}

// setState puts a value of state back into its widget.
func (f *caseForm) setState(path, val string) {
	switch {
	case f.entries[path] != nil:
		f.entries[path].SetText(val)
	case f.selects[path] != nil:
		f.selects[path].SetSelected(selectLabel(selectOptions(path), val))
	case path == "person.interpreter":
		f.interpreter.SetChecked(val == "true")
	case path == "person.vulnerabilities":
		on := strings.Split(val, ",")
		for v, c := range f.vulns {
			c.SetChecked(slices.Contains(on, string(v)))
		}
	}
}

// changed lists the paths the user changed, in order.
func (f *caseForm) changed() []string {
	var out []string
	for p, v := range f.state() {
		if f.loaded[p] != v {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out
}

// dirty reports whether leaving the form would lose something typed.
func (f *caseForm) dirty() bool {
	return len(f.changed()) > 0 || f.note != nil && strings.TrimSpace(f.note.Text) != ""
}

// draft is the form's unsaved changes.
func (f *caseForm) draft() *formDraft {
	d := &formDraft{CaseID: f.file.ID, Ref: f.ref, State: map[string]string{}, Loaded: map[string]string{}, Base: f.base}
	cur := f.state()
	for _, p := range f.changed() {
		d.State[p], d.Loaded[p] = cur[p], f.loaded[p]
	}
	if f.tabs != nil {
		d.Tab = f.tabs.SelectedIndex()
	}
	if f.note != nil {
		d.Note = f.note.Text
	}
	return d
}

// apply puts a draft's changes back into a form just loaded: each changed
// field shows the user's value, and keeps as its loaded value and base
// version those of the form the user typed in, so that a field changed
// since then is a collision when saved rather than overwritten.
func (f *caseForm) apply(d *formDraft) {
	for p, val := range d.State {
		if _, known := f.loaded[p]; !known {
			continue
		}
		f.setState(p, val)
		f.loaded[p] = d.Loaded[p]
		if f.base == nil || d.Base == nil {
			continue
		}
		if n, ok := strings.CutPrefix(p, "person."); ok {
			if d.Base.PersonID == f.base.PersonID { // else merged meanwhile: the new person's versions
				f.base.Person[n] = d.Base.Person[n]
			}
		} else {
			f.base.Case[p] = d.Base.Case[p]
		}
	}
	if f.note != nil && d.Note != "" {
		f.note.SetText(d.Note)
	}
	if f.tabs != nil && d.Tab > 0 && d.Tab < len(f.tabs.Items) {
		f.tabs.SelectIndex(d.Tab)
	}
}

// activeForm is the case form on screen, or nil.
func (a *App) activeForm() *caseForm {
	if f := a.form; f != nil && a.win.Content() == f.root {
		return f
	}
	return nil
}

// leaveForm runs next, asking first when the case form on screen has
// unsaved changes; discarding them forgets its draft too.
func (a *App) leaveForm(next func()) {
	f := a.activeForm()
	if f == nil || !f.dirty() {
		next()
		return
	}
	d := dialog.NewConfirm(i18n.T("edits.discard_title"), i18n.T("edits.discard"), func(ok bool) {
		a.touch()
		if !ok {
			return
		}
		a.form = nil
		if v := a.Vault(); v != nil {
			if err := v.DropDraft(); err != nil {
				a.showError(err)
			}
		}
		next()
	}, a.win)
	d.SetConfirmText(i18n.T("edits.discard_yes"))
	d.SetConfirmImportance(widget.DangerImportance)
	d.SetDismissText(i18n.T("edits.keep_editing"))
	d.Show()
}

// keepDraft stores the form on screen as a draft inside v when it has
// unsaved changes (before the vault locks); true when it did.
func (a *App) keepDraft(v *store.Vault) bool {
	f := a.activeForm()
	if v == nil || f == nil {
		return false
	}
	dd := a.liveDialogDraft()
	if !f.dirty() && dd == nil {
		return false
	}
	d := f.draft()
	d.Dialog = dd
	b, err := json.Marshal(d)
	if err == nil {
		err = v.SaveDraft(f.file.ID, b)
	}
	if err != nil {
		a.showError(err)
		return false
	}
	return true
}

// restoreDraft shows the draft the vault keeps, if any, on its case, and
// says so; true when one was shown.
func (a *App) restoreDraft(v *store.Vault) bool {
	caseID, raw, ok, err := v.Draft()
	if err != nil || !ok {
		return false
	}
	var d formDraft
	if err := json.Unmarshal(raw, &d); err != nil {
		_ = v.DropDraft() // written by this app: unreadable means damaged
		return false
	}
	ref := ""
	if caseID != "" {
		f, err := v.Case(caseID)
		if errors.Is(err, store.ErrNotFound) {
			// Erased or gone meanwhile: nothing to put it back on.
			_ = v.DropDraft()
			dialog.ShowInformation(i18n.T("edits.restored_title"), i18n.T("edits.draft_case_gone"), a.win)
			return false
		} else if err != nil {
			a.showError(err)
			return false
		}
		ref = f.Ref
	}
	if !a.openCaseForm(ref, &d) {
		return false
	}
	var fields []string
	for _, p := range a.form.changed() {
		fields = append(fields, i18n.Field(p))
	}
	if strings.TrimSpace(d.Note) != "" {
		fields = append(fields, i18n.T("app.form.notes"))
	}
	msg := i18n.T("edits.restored_new")
	if ref != "" && len(fields) > 0 {
		msg = i18n.T("edits.restored", map[string]string{"Ref": ref, "Fields": strings.Join(fields, ", ")})
	}
	// The dialog that was open over the form, on top of it (a correction
	// of a record erased meanwhile has nothing to come back on).
	if d.Dialog != nil && (ref == "" || !a.reopenDialog(caseID, d.Dialog)) {
		d.Dialog = nil
	}
	if dd := d.Dialog; dd != nil {
		key := "french.restored_" + dd.Kind
		if dd.ID != "" {
			key += "_correction"
		}
		line := i18n.T(key, map[string]string{"Ref": ref, "Fields": strings.Join(dd.fieldNames(a.dialog.names), ", ")})
		if len(dd.Files) > 0 {
			line += " " + i18n.T("french.restored_files", map[string]string{"Files": strings.Join(dd.Files, ", ")})
		}
		if len(fields) == 0 {
			msg = line
		} else {
			msg += "\n" + line
		}
	}
	a.form.status.Importance = widget.WarningImportance
	a.form.status.SetText(msg)
	dialog.ShowInformation(i18n.T("edits.restored_title"), msg, a.win)
	return true
}

// closeWindow is the window's close button: with unsaved changes it asks
// whether to keep them as a draft in the vault, discard them, or go on
// editing; then it locks and closes.
func (a *App) closeWindow() {
	f := a.activeForm()
	if f == nil || !f.dirty() || a.Vault() == nil {
		a.Lock()
		a.win.Close()
		return
	}
	var d *dialog.CustomDialog
	keep := widget.NewButton(i18n.T("edits.close_keep"), func() {
		d.Hide()
		a.Lock() // keeps the draft
		a.win.Close()
	})
	keep.Importance = widget.HighImportance
	discard := widget.NewButton(i18n.T("edits.discard_yes"), func() {
		d.Hide()
		a.form = nil
		if v := a.Vault(); v != nil {
			_ = v.DropDraft()
		}
		a.Lock()
		a.win.Close()
	})
	discard.Importance = widget.DangerImportance
	stay := widget.NewButton(i18n.T("edits.keep_editing"), func() { a.touch(); d.Hide() })
	msg := widget.NewLabel(i18n.T("edits.close"))
	msg.Wrapping = fyne.TextWrapWord
	d = dialog.NewCustomWithoutButtons(i18n.T("edits.discard_title"), msg, a.win)
	d.SetButtons([]fyne.CanvasObject{stay, discard, keep})
	d.Resize(fyne.NewSize(560, 200))
	d.Show()
}

// The event and evidence correction dialogs save what the user changed
// the same way (events.go, evidence.go).

// eventForEdit reads the event being corrected again, with its versions:
// what the dialog shows and saves against (old as given if it cannot).
func (a *App) eventForEdit(old *model.Event) (*model.Event, store.Versions) {
	if v := a.Vault(); v != nil {
		if cur, base, err := v.EventForEdit(old.ID); err == nil {
			return cur, base
		}
	}
	return old, nil
}

// saveEventCorrection saves the fields of the event the dialog changed
// (loaded, as shown, against edited), against the versions it loaded.
func (a *App) saveEventCorrection(v *store.Vault, loaded, edited model.Event, base store.Versions) error {
	edits, err := store.Changes(loaded, edited)
	if err != nil {
		return err
	}
	_, res, err := v.SaveEventChanges(loaded.ID, edits, base)
	if err == nil {
		a.tellCollisions(res, "event.")
	}
	return err
}

// evidenceForEdit is eventForEdit for an evidence entry.
func (a *App) evidenceForEdit(old *model.Evidence) (*model.Evidence, store.Versions) {
	if v := a.Vault(); v != nil {
		if cur, base, err := v.EvidenceForEdit(old.ID); err == nil {
			return cur, base
		}
	}
	return old, nil
}

// saveEvidenceCorrection is saveEventCorrection for an evidence entry,
// with the proof files to add.
func (a *App) saveEvidenceCorrection(v *store.Vault, loaded, edited model.Evidence, base store.Versions, files []store.ProofFile) error {
	edits, err := store.Changes(loaded, edited)
	if err != nil {
		return err
	}
	_, res, err := v.SaveEvidenceChanges(loaded.ID, edits, base, files)
	if err == nil {
		a.tellCollisions(res, "evidence.")
	}
	return err
}

// tellCollisions says which fields someone else had changed meanwhile
// (labels: field.<prefix><name>).
func (a *App) tellCollisions(res *store.SaveResult, prefix string) {
	if res == nil || len(res.Collisions) == 0 {
		return
	}
	names := make([]string, len(res.Collisions))
	for i, f := range res.Collisions {
		names[i] = i18n.T("field." + prefix + f)
	}
	dialog.ShowInformation(i18n.T("edits.collided_title"), i18n.T("edits.collided",
		map[string]any{"Fields": strings.Join(names, ", ")}), a.win)
}

// typedOr is what a settings form saves for one setting: what was typed
// if the user changed it from what the form loaded, else what the setting
// holds now (someone may have changed it meanwhile).
func typedOr(typed, loaded, now string) string {
	if t := strings.TrimSpace(typed); t != strings.TrimSpace(loaded) {
		return t
	}
	return now
}
