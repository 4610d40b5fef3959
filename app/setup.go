package app

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/crypto"
	"casefile/demo"
	"casefile/i18n"
	"casefile/internal/pdf"
	"casefile/model"
	"casefile/store"
)

// DemoCases is how many fictional cases the set-up wizard's demo option
// creates: enough to scroll and search, quick to write.
const DemoCases = 300

// setupView is the first-run wizard's passphrase step.
type setupView struct {
	pass, repeat *widget.Entry
	meter        *strengthMeter
	meterLabel   *widget.Label
	demo         *widget.Check
	errLabel     *widget.Label
	create       *widget.Button
	progress     *widget.ProgressBarInfinite
}

func (a *App) showSetup() {
	v := &setupView{
		pass:       widget.NewPasswordEntry(),
		repeat:     widget.NewPasswordEntry(),
		meter:      newStrengthMeter(),
		meterLabel: widget.NewLabel(""),
		errLabel:   widget.NewLabel(""),
		progress:   widget.NewProgressBarInfinite(),
	}
	v.errLabel.Importance = widget.DangerImportance
	v.errLabel.Wrapping = fyne.TextWrapWord
	v.progress.Hide()
	v.progress.Stop()
	v.demo = widget.NewCheck(i18n.T("app.setup.demo"), func(bool) { a.touch() })
	v.pass.OnChanged = func(s string) {
		a.touch()
		showStrength(v.meter, v.meterLabel, crypto.EstimateStrength(s, a.strengthInputs()...), s != "")
	}
	v.pass.OnChanged("")
	v.create = widget.NewButton(i18n.T("app.setup.create"), func() { a.createVault(v) })
	v.create.Importance = widget.HighImportance
	v.repeat.OnSubmitted = func(string) { a.createVault(v) }

	intro := widget.NewLabel(i18n.T("app.setup.intro"))
	intro.Wrapping = fyne.TextWrapWord
	hint := widget.NewLabel(i18n.T("app.setup.hint", map[string]int{"Min": crypto.MinPassphraseLen}))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	form := widget.NewForm(
		widget.NewFormItem(i18n.T("app.setup.passphrase"), v.pass),
		widget.NewFormItem(i18n.T("app.setup.repeat"), v.repeat),
	)
	content := container.NewVBox(
		title(i18n.T("app.setup.title")),
		intro,
		form,
		v.meter.box,
		v.meterLabel,
		hint,
		v.demo,
		v.errLabel,
		v.progress,
		container.NewHBox(a.restoreButton(), layoutSpacer(), v.create), // restore.go: a new computer
	)
	a.win.SetContent(centered(content))
	a.win.Canvas().Focus(v.pass)
}

// say shows text under the form: in the error colour for a problem, in the
// ordinary one for progress ("Creating the vault…" in red read as a failure).
func (v *setupView) say(text string, problem bool) {
	v.errLabel.Importance = widget.MediumImportance
	if problem {
		v.errLabel.Importance = widget.DangerImportance
	}
	v.errLabel.SetText(text)
}

func (a *App) createVault(v *setupView) {
	a.touch()
	pass := v.pass.Text
	switch {
	case pass != v.repeat.Text:
		v.say(i18n.T("app.setup.differ"), true)
		return
	case len([]rune(pass)) < crypto.MinPassphraseLen:
		v.say(i18n.Error(crypto.ErrPassphraseTooShort), true)
		return
	}
	v.say(i18n.T("app.setup.creating"), false) // progress, not an error
	v.create.Disable()
	v.progress.Show()
	v.progress.Start()
	withDemo := v.demo.Checked
	var c *store.Created
	var err error
	background(func() {
		c, err = store.Create(a.dir, pass)
		if err == nil && withDemo {
			err = demo.Fill(c.Vault, DemoCases, time.Now().UnixNano(), nil)
		}
	}, func() {
		v.progress.Stop()
		v.progress.Hide()
		if err != nil {
			if c != nil {
				c.Vault.Close()
			}
			v.create.Enable()
			v.say(i18n.Error(err), true)
			return
		}
		a.showRecoveryKey(c.Vault, c.RecoveryKey)
	})
}

// showRecoveryKey is the wizard's second step: the recovery key, shown once,
// with a way to save it as a PDF to print, and a confirmation before going on.
func (a *App) showRecoveryKey(v *store.Vault, key string) {
	keyText := widget.NewLabel(groupKey(key))
	keyText.TextStyle = fyne.TextStyle{Monospace: true}
	keyText.Wrapping = fyne.TextWrapWord
	keyText.Selectable = true
	intro := widget.NewLabel(i18n.T("app.setup.recovery_intro"))
	intro.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	cont := widget.NewButton(i18n.T("app.setup.continue"), func() {
		a.touch()
		a.showNameStep(v)
	})
	cont.Importance = widget.HighImportance
	cont.Disable()
	confirm := widget.NewCheck(i18n.T("app.setup.confirm"), func(on bool) {
		a.touch()
		if on {
			cont.Enable()
		} else {
			cont.Disable()
		}
	})
	savePDF := widget.NewButton(i18n.T("app.setup.save_pdf"), func() {
		a.touch()
		d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
			if err != nil || w == nil {
				return
			}
			defer w.Close()
			if _, err := w.Write(recoverySheet(key, a.dir, time.Now())); err != nil {
				a.showError(err)
				return
			}
			status.SetText(i18n.T("app.setup.saved_pdf", map[string]string{"Path": w.URI().Path()}))
		}, a.win)
		d.SetFileName("casefile-recovery-key.pdf")
		d.Show()
	})
	copyBtn := widget.NewButton(i18n.T("app.setup.copy"), func() {
		a.touch()
		a.fa.Clipboard().SetContent(key)
	})
	content := container.NewVBox(
		title(i18n.T("app.setup.recovery_title")),
		intro,
		widget.NewCard("", "", keyText),
		container.NewHBox(savePDF, copyBtn),
		status,
		confirm,
		container.NewHBox(layoutSpacer(), cont),
	)
	a.win.SetContent(centered(content))
}

// groupKey keeps the "AGE-SECRET-KEY-PQ-1" prefix whole and breaks the
// rest into groups of six, for reading and copying by hand;
// ParseRecoveryKey ignores the spaces.
func groupKey(key string) string {
	const prefix = "AGE-SECRET-KEY-PQ-1"
	rest, ok := strings.CutPrefix(key, prefix)
	if !ok {
		return key
	}
	var b strings.Builder
	b.WriteString(prefix)
	for i := 0; i < len(rest); i += 6 {
		b.WriteByte(' ')
		b.WriteString(rest[i:min(i+6, len(rest))])
	}
	return b.String()
}

// recoverySheet is the printable page: what the key is for, the key in
// groups, and where the vault was.
func recoverySheet(key, dir string, now time.Time) []byte {
	var d pdf.Doc
	d.Line(pdf.HelveticaBold, 20, i18n.T("app.name")+" — "+i18n.T("app.setup.recovery_title"))
	d.Gap(10)
	d.Para(pdf.Helvetica, 11, i18n.T("app.setup.recovery_intro"))
	d.Gap(6)
	for _, l := range pdf.Wrap(groupKey(key), pdf.Courier, 13, pdf.PageWidth-2*pdf.Margin) {
		d.Line(pdf.Courier, 13, l)
	}
	d.Gap(14)
	d.Para(pdf.Helvetica, 10, i18n.T("app.recovery.key")+i18n.T("punct.colon")+key)
	d.Para(pdf.Helvetica, 10, dir)
	d.Para(pdf.Helvetica, 10, i18n.Date(model.ParisDate(now)))
	return d.Bytes()
}

// strengthMeter shows a passphrase's strength as four segments, filled and
// coloured from red to green as it grows (a progress bar's track looked
// half full while the passphrase was still empty).
type strengthMeter struct {
	box  *fyne.Container
	segs [4]*canvas.Rectangle
}

func newStrengthMeter() *strengthMeter {
	m := &strengthMeter{}
	objs := make([]fyne.CanvasObject, len(m.segs))
	for i := range m.segs {
		r := canvas.NewRectangle(theme.Color(theme.ColorNameInputBorder))
		r.SetMinSize(fyne.NewSize(100, 8))
		r.CornerRadius = 3
		m.segs[i] = r
		objs[i] = r
	}
	m.box = container.NewGridWithColumns(len(m.segs), objs...)
	return m
}

// set fills as many segments as the strength's grade (1 to 4; one for a
// very weak passphrase, none while it is empty).
func (m *strengthMeter) set(st crypto.Strength, typed bool) {
	filled := int(st)
	if typed && filled == 0 {
		filled = 1
	}
	fill := theme.Color(theme.ColorNameError)
	switch {
	case st >= crypto.StrengthStrong:
		fill = theme.Color(theme.ColorNameSuccess)
	case st == crypto.StrengthFair:
		fill = theme.Color(theme.ColorNameWarning)
	}
	for i, r := range m.segs {
		if i < filled {
			r.FillColor = fill
		} else {
			r.FillColor = theme.Color(theme.ColorNameInputBorder)
		}
		r.Refresh()
	}
}

// showNameStep is the wizard's last step: who is writing. The name signs
// every change in the history, is the lawyer of the cases opened here
// (and so owns their new deadlines), and signs the letters; the clinic's
// name heads them. Each laptop keeps its own (a device setting).
func (a *App) showNameStep(v *store.Vault) {
	name, clinic := a.newEntry(false), a.newEntry(false)
	name.SetPlaceHolder(i18n.T("edits.name_hint"))
	clinic.SetPlaceHolder(i18n.T("edits.clinic_hint"))
	intro := widget.NewLabel(i18n.T("edits.name_intro"))
	intro.Wrapping = fyne.TextWrapWord
	problem := widget.NewLabel("")
	problem.Wrapping = fyne.TextWrapWord
	problem.Importance = widget.DangerImportance
	var cont *widget.Button
	submit := func() {
		a.touch()
		if err := setIdentity(v, name.Text, clinic.Text); err != nil {
			problem.SetText(i18n.Error(err))
			return
		}
		a.unlocked(v)
	}
	cont = widget.NewButton(i18n.T("app.setup.continue"), submit)
	cont.Importance = widget.HighImportance
	name.OnSubmitted = func(string) { submit() }
	clinic.OnSubmitted = func(string) { submit() }
	content := container.NewVBox(
		title(i18n.T("edits.name_title")),
		intro,
		widget.NewForm(
			widget.NewFormItem(i18n.T("edits.name"), name),
			widget.NewFormItem(i18n.T("edits.clinic"), clinic),
		),
		problem,
		container.NewHBox(layoutSpacer(), cont),
	)
	a.win.SetContent(centered(content))
	a.win.Canvas().Focus(name)
}

// setIdentity records who writes on this device: the author (refused
// empty or with control characters), and, for the letters, the signatory
// and the clinic where none is set yet.
func setIdentity(v *store.Vault, name, clinic string) error {
	name, clinic = strings.TrimSpace(name), strings.TrimSpace(clinic)
	if err := store.CheckName("author", name); err != nil {
		return err
	}
	if clinic != "" {
		if err := store.CheckName("clinic", clinic); err != nil {
			return err
		}
	}
	if err := v.SetAuthor(name); err != nil {
		return err
	}
	setIfEmpty := func(key, val string) error {
		if val == "" {
			return nil
		}
		if cur, _, err := v.Setting(key); err != nil || strings.TrimSpace(string(cur)) != "" {
			return err
		}
		return v.SetSetting(key, []byte(val))
	}
	if err := setIfEmpty(settingSignatory, name); err != nil {
		return err
	}
	return setIfEmpty(settingClinic, clinic)
}

// The letters' sender settings (docs/letters.md) the name step fills.
const (
	settingSignatory = "letters.signatory"
	settingClinic    = "letters.clinic"
	settingAsked     = "author.asked" // the question below was asked
)

// askAuthorAtUnlock: whether unlocking a vault whose author was never
// chosen asks for it (tests of other screens turn it off).
var askAuthorAtUnlock = true

// askAuthorOnce asks, once, on a vault made before the wizard asked, who
// is writing on this laptop; "Later" is not asked again (the settings
// change it any time).
func (a *App) askAuthorOnce(v *store.Vault) {
	if !askAuthorAtUnlock {
		return
	}
	if chosen, err := v.AuthorChosen(); err != nil || chosen {
		return
	}
	if _, asked, err := v.Setting(settingAsked); err != nil || asked {
		return
	}
	name, clinic := a.newEntry(false), a.newEntry(false)
	name.SetPlaceHolder(i18n.T("edits.name_hint"))
	clinic.SetPlaceHolder(i18n.T("edits.clinic_hint"))
	intro := widget.NewLabel(i18n.T("edits.name_intro"))
	intro.Wrapping = fyne.TextWrapWord
	problem := widget.NewLabel("")
	problem.Wrapping = fyne.TextWrapWord
	problem.Importance = widget.DangerImportance
	var d *dialog.CustomDialog
	save := widget.NewButton(i18n.T("app.form.save"), func() {
		a.touch()
		if a.Vault() != v {
			d.Hide()
			return
		}
		if err := setIdentity(v, name.Text, clinic.Text); err != nil {
			problem.SetText(i18n.Error(err))
			return
		}
		d.Hide()
	})
	save.Importance = widget.HighImportance
	save.Disable()
	name.OnChanged = func(s string) {
		a.touch()
		if strings.TrimSpace(s) == "" {
			save.Disable()
		} else {
			save.Enable()
		}
	}
	later := widget.NewButton(i18n.T("edits.later"), func() {
		a.touch()
		d.Hide()
		if a.Vault() == v {
			if err := v.SetSetting(settingAsked, []byte("1")); err != nil {
				a.showError(err)
			}
		}
	})
	content := container.NewVBox(intro, widget.NewForm(
		widget.NewFormItem(i18n.T("edits.name"), name),
		widget.NewFormItem(i18n.T("edits.clinic"), clinic),
	), problem)
	d = dialog.NewCustomWithoutButtons(i18n.T("edits.name_title"), content, a.win)
	d.SetButtons([]fyne.CanvasObject{later, save})
	d.Resize(fyne.NewSize(560, 340))
	d.Show()
	a.win.Canvas().Focus(name)
}
