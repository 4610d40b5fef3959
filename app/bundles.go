package app

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/bundle"
	"casefile/i18n"
	"casefile/internal/atomicfile"
	"casefile/store"
)

// Export and import of bundles (docs/bundles.md). The screens only gather
// choices and show results; the work is bundle's and store's, run off the
// UI goroutine. The lead wires showExport, showImport and showMyKey into
// the menus.

// exportChoice is what the export dialog gathers.
type exportChoice struct {
	contacts   []string // contact names
	passphrase string   // a one-off passphrase, alone
	armor      bool
}

// showMyKey shows this vault's public identity, to copy or save for a
// colleague, with its fingerprint to read to them.
func (a *App) showMyKey() {
	v := a.Vault()
	if v == nil {
		return
	}
	var pub string
	var err error
	background(func() {
		p, e := v.PublicIdentity()
		pub, err = p.String(), e
	}, func() {
		if err != nil {
			a.showError(err)
			return
		}
		text := widget.NewLabel(pub)
		text.Wrapping = fyne.TextWrapBreak
		text.TextStyle.Monospace = true
		copyBtn := widget.NewButton(i18n.T("app.bundle.copy"), func() { a.fa.Clipboard().SetContent(pub) })
		saveBtn := widget.NewButton(i18n.T("app.bundle.save_key"), func() {
			dialog.ShowFileSave(func(w fyne.URIWriteCloser, err error) {
				if err != nil || w == nil {
					return
				}
				defer w.Close()
				if _, err := w.Write([]byte(pub)); err != nil {
					a.showError(err)
				}
			}, a.win)
		})
		d := dialog.NewCustom(i18n.T("app.bundle.my_key"), i18n.T("app.bundle.close"),
			container.NewBorder(widget.NewLabel(i18n.T("app.bundle.my_key_help")), container.NewHBox(copyBtn, saveBtn), nil, nil,
				container.NewVScroll(text)), a.win)
		d.Resize(fyne.NewSize(640, 420))
		d.Show()
	})
}

// showExport asks to whom the cases go, then where to write the bundle.
func (a *App) showExport(caseIDs []string) {
	v := a.Vault()
	if v == nil || len(caseIDs) == 0 {
		return
	}
	contacts, err := v.Contacts()
	if err != nil {
		a.showError(err)
		return
	}
	var names []string
	for _, c := range contacts {
		names = append(names, c.Name)
	}
	who := widget.NewCheckGroup(names, nil)
	p1, p2 := widget.NewPasswordEntry(), widget.NewPasswordEntry()
	armor := widget.NewCheck(i18n.T("app.bundle.armor"), nil)
	items := []*widget.FormItem{
		widget.NewFormItem(i18n.T("app.bundle.to_contacts"), who),
		widget.NewFormItem(i18n.T("app.bundle.or_passphrase"), p1),
		widget.NewFormItem(i18n.T("app.setup.repeat"), p2),
		widget.NewFormItem("", armor),
	}
	dialog.ShowForm(i18n.TPlural("app.bundle.export_title", len(caseIDs)), i18n.T("app.bundle.export"),
		i18n.T("app.form.cancel"), items, func(ok bool) {
			a.touch()
			if !ok {
				return
			}
			if p1.Text != p2.Text {
				dialog.ShowInformation(i18n.T("app.error.title"), i18n.T("app.setup.differ"), a.win)
				return
			}
			choice := exportChoice{contacts: who.Selected, passphrase: p1.Text, armor: armor.Checked}
			dialog.ShowFileSave(func(w fyne.URIWriteCloser, err error) {
				if err != nil || w == nil {
					return
				}
				path := w.URI().Path()
				w.Close()
				a.exportTo(path, caseIDs, choice, nil)
			}, a.win)
		}, a.win)
}

// exportTo writes the bundle in the background, then says so; done, if not
// nil, gets the outcome (tests).
func (a *App) exportTo(path string, caseIDs []string, ch exportChoice, done func(error)) {
	v := a.Vault()
	if v == nil {
		return
	}
	var err error
	background(func() { err = writeBundle(v, path, caseIDs, ch) }, func() {
		if done != nil {
			done(err)
		}
		if err != nil {
			a.showError(err)
			return
		}
		dialog.ShowInformation(i18n.T("app.bundle.export"), i18n.TPlural("bundle.exported", len(caseIDs), map[string]any{"File": path}), a.win)
	})
}

func writeBundle(v *store.Vault, path string, caseIDs []string, ch exportChoice) error {
	opts, err := bundle.VaultOptions(v, bundle.Target{Contacts: ch.contacts, Passphrase: ch.passphrase, Armor: ch.armor}, time.Now())
	if err != nil {
		return err
	}
	return atomicfile.WriteStream(path, 0o600, func(f *os.File) error { return bundle.WriteVault(f, opts, v, caseIDs) })
}

// showImport asks for a bundle file, then previews it.
func (a *App) showImport() {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		a.openImport(path, "")
	}, a.win)
}

var errNeedPassphrase = errors.New("passphrase needed")

// importView is a bundle read and previewed, waiting for the user's choice.
type importView struct {
	b       *bundle.Bundle
	preview []store.ImportPreview
	sender  string // the translated sender line
	checks  []*widget.Check
	path    string
	// fields holds, per case, a tick for each incoming value that would
	// replace a local one; unticked, it is kept as a collision instead.
	fields [][]fieldTick
}

type fieldTick struct {
	ref   store.FieldRef
	check *widget.Check
}

// openImport reads and previews the bundle at path in the background, then
// shows the preview; a passphrase bundle asks for its passphrase first.
func (a *App) openImport(path, passphrase string) {
	v := a.Vault()
	if v == nil {
		return
	}
	var view *importView
	var err error
	background(func() { view, err = readForImport(v, path, passphrase) }, func() {
		if errors.Is(err, errNeedPassphrase) || (passphrase != "" && errors.Is(err, bundle.ErrWrongPassphrase)) {
			a.askBundlePassphrase(path, err)
			return
		}
		if err != nil {
			a.showError(err)
			return
		}
		a.showImportPreview(view)
	})
}

func readForImport(v *store.Vault, path, passphrase string) (*importView, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	id, err := v.Identity()
	if err != nil {
		return nil, err
	}
	b, err := bundle.Read(f, id.AgeIdentities(), func() (string, error) {
		if passphrase == "" {
			return "", errNeedPassphrase
		}
		return passphrase, nil
	})
	if err != nil {
		return nil, err
	}
	pre, err := v.PreviewImport(b.Cases)
	if err != nil {
		return nil, err
	}
	data := map[string]string{"Name": b.Manifest.Sender.Name, "Fingerprint": b.Manifest.Sender.Fingerprint()}
	sender := i18n.T("bundle.from_unknown", data)
	if c, err := v.ContactByVerifyKey(b.Manifest.Sender.Verify); err == nil {
		data["Contact"] = c.Name
		if c.Verified.IsZero() {
			sender = i18n.T("bundle.from_unverified", data)
		} else {
			sender = i18n.T("bundle.from_verified", data)
		}
	}
	return &importView{b: b, preview: pre, sender: sender, path: path}, nil
}

func (a *App) askBundlePassphrase(path string, err error) {
	p := widget.NewPasswordEntry()
	items := []*widget.FormItem{widget.NewFormItem(i18n.T("bundle.prompt_passphrase"), p)}
	title := i18n.T("app.bundle.import")
	if errors.Is(err, bundle.ErrWrongPassphrase) {
		title = i18n.T("bundle.err.wrong_passphrase")
	}
	dialog.ShowForm(title, i18n.T("app.bundle.open"), i18n.T("app.form.cancel"), items, func(ok bool) {
		if ok && p.Text != "" {
			a.openImport(path, p.Text)
		}
	}, a.win)
}

// previewLine is one case of the preview as the user reads it.
func previewLine(p store.ImportPreview) string {
	var state string
	switch {
	case p.Problem != nil:
		state = i18n.T("bundle.case_refused")
	case p.New:
		state = i18n.T("bundle.case_new")
	case p.UpToDate():
		state = i18n.T("bundle.case_up_to_date")
	default:
		state = i18n.TCounts("bundle.case_changes", map[string]int{"N": len(p.Changes), "Records": p.NewRecords})
	}
	if p.Evidence > 0 {
		state += ", " + i18n.TPlural("bundle.case_evidence", p.Evidence)
	}
	line := ltrSpaces(fmt.Sprintf("%s  %s — %s", p.Ref, p.Name, state))
	for _, c := range p.Changes {
		key := "bundle.change_kept"
		if c.Taken {
			key = "bundle.change_taken"
		}
		line += "\n    " + i18n.T(key, map[string]string{"Field": c.Kind + "." + c.Field, "Local": string(c.Local), "Incoming": string(c.Incoming)})
	}
	return line
}

// showImportPreview lists the cases with a tick each (new and changed
// cases ticked); nothing is written until the user imports.
func (a *App) showImportPreview(view *importView) {
	rows := container.NewVBox()
	for _, p := range view.preview {
		c := widget.NewCheck(previewLine(p), nil)
		c.SetChecked(p.Problem == nil && !p.UpToDate())
		if p.Problem != nil || p.UpToDate() {
			c.Disable()
		}
		view.checks = append(view.checks, c)
		rows.Add(c)
		var ticks []fieldTick
		for _, ch := range p.Changes {
			if !ch.Taken || p.Problem != nil {
				continue
			}
			t := widget.NewCheck(i18n.T("app.bundle.take_field", map[string]string{"Field": ch.Kind + "." + ch.Field, "Incoming": string(ch.Incoming)}), nil)
			t.SetChecked(true)
			ticks = append(ticks, fieldTick{store.FieldRef{Kind: ch.Kind, ID: ch.ID, Field: ch.Field}, t})
			rows.Add(container.NewPadded(t))
		}
		view.fields = append(view.fields, ticks)
	}
	sender := widget.NewLabel(view.sender)
	sender.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(i18n.T("app.bundle.import"), i18n.T("app.bundle.import_selected"), i18n.T("app.form.cancel"),
		container.NewBorder(sender, nil, nil, nil, container.NewVScroll(rows)), func(ok bool) {
			if ok {
				a.importSelected(view, nil)
			}
		}, a.win)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}

// importSelected merges the ticked cases in the background.
func (a *App) importSelected(view *importView, done func(store.ImportResult, error)) {
	v := a.Vault()
	if v == nil {
		return
	}
	var take []store.CaseExport
	keep := map[string][]store.FieldRef{}
	for i, c := range view.checks {
		if c.Checked && !c.Disabled() {
			take = append(take, view.b.Cases[i])
			if i < len(view.fields) {
				for _, t := range view.fields[i] {
					if !t.check.Checked {
						keep[view.b.Cases[i].ID] = append(keep[view.b.Cases[i].ID], t.ref)
					}
				}
			}
		}
	}
	var res store.ImportResult
	var err error
	// An import is one atomic change: every read of the vault waits until
	// it is committed (about 1.3 s per 1,000 cases). Say so, and keep the
	// user from clicking into screens that would seem frozen meanwhile.
	busy := importingDialog(len(take), a.win)
	busy.Show()
	background(func() {
		var f *os.File
		if f, err = os.Open(view.path); err != nil {
			return
		}
		defer f.Close()
		res, err = v.ImportBundle(take, store.ImportOptions{Documents: view.b.DocumentsFrom(f), KeepLocal: keep})
	}, func() {
		if done != nil {
			done(res, err)
		}
		busy.Hide()
		if err != nil {
			a.showError(err)
			return
		}
		if a.list != nil {
			a.showCaseList()
		}
		dialog.ShowInformation(i18n.T("app.bundle.import"), strings.TrimSpace(i18n.TCounts("bundle.imported",
			map[string]int{"New": res.NewCases, "Updated": res.UpdatedCases, "Unchanged": res.Unchanged})), a.win)
	})
}

// importingDialog is the modal shown while n cases are being imported.
func importingDialog(n int, win fyne.Window) dialog.Dialog {
	msg := widget.NewLabel(i18n.TPlural("app.bundle.importing", n))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons(i18n.T("app.bundle.import"), container.NewVBox(msg, widget.NewProgressBarInfinite()), win)
	d.Resize(fyne.NewSize(420, 0))
	return d
}
