package app

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/search"
	"casefile/store"
)

// caseForm edits one case and its main person. Fields are keyed by their
// JSON path ("person.family_name"), the names validation errors use.
//
// It saves only what the user changed (the paths whose widgets differ from
// what was loaded), against the field versions it loaded (base): a field
// someone else changed meanwhile keeps their value, or becomes a collision
// when the user changed it too (store.Vault.SaveCaseChanges).
type caseForm struct {
	app     *App
	file    model.CaseFile
	base    *store.CaseBase // nil for a new case
	ref     string          // "" for a new case
	entries map[string]*appEntry
	selects map[string]*widget.Select
	status  *widget.Label

	interpreter *widget.Check
	vulns       map[model.Vulnerability]*widget.Check
	tabs        *container.AppTabs
	note        *appEntry         // the note being typed (notes tab)
	loaded      map[string]string // each widget's value as loaded
	root        fyne.CanvasObject // the window's content while this form is shown
}

var caseFields = []string{"procedure", "prefecture", "channel", "anef_number", "anef_state", "status", "lawyer",
	"opened", "closed", "outcome", "end_of_mission"}

// showCaseForm shows the form for the case ref, or an empty form for a new
// case when ref is "". Showing again the case on screen keeps what the user
// typed and has not saved (after an event is added, a collision resolved).
func (a *App) showCaseForm(ref string) {
	var d *formDraft
	if f := a.activeForm(); f != nil && ref != "" && f.ref == ref && f.dirty() {
		d = f.draft()
	}
	a.openCaseForm(ref, d)
}

// openCaseForm shows the case ref ("" for a new one), then puts back what
// a draft holds, if any; false when the case cannot be read.
func (a *App) openCaseForm(ref string, d *formDraft) bool {
	v := a.Vault()
	if v == nil {
		return false
	}
	f := &caseForm{app: a, ref: ref, entries: map[string]*appEntry{}, selects: map[string]*widget.Select{}}
	if ref != "" {
		cf, base, err := v.CaseForEdit(ref)
		if err != nil {
			a.showError(err)
			return false
		}
		f.file, f.base = *cf, base
	} else {
		f.file.Status = model.StatusOpen
		f.file.Opened = model.ParisDate(nowFunc())
		f.file.Lawyer = v.Author()
	}
	f.status = widget.NewLabel("")
	f.status.Wrapping = fyne.TextWrapWord

	personForm := widget.NewForm()
	for _, name := range model.PersonFields {
		switch name {
		case "civility":
			personForm.Append(i18n.Field(name), f.choice("person.civility", selectOptions("person.civility"))) // letters.go
		case "interpreter":
			f.interpreter = widget.NewCheck(i18n.T("app.form.interpreter_needed"), func(bool) { a.touch() })
			personForm.Append(i18n.Field(name), f.interpreter)
		case "vulnerabilities":
			// A grid of three columns: one row of twelve flags would widen
			// the window past the screen.
			grid := container.NewGridWithColumns(3)
			f.vulns = map[model.Vulnerability]*widget.Check{}
			for _, v := range model.Vulnerabilities {
				c := widget.NewCheck(i18n.T("vulnerability."+string(v)), func(bool) { a.touch() })
				f.vulns[v] = c
				grid.Add(c)
			}
			personForm.Append(i18n.Field(name), grid)
		default:
			personForm.Append(i18n.Field(name), f.entry("person."+name))
		}
	}
	caseForm := widget.NewForm()
	for _, name := range caseFields {
		if opts := selectOptions(name); opts != nil {
			caseForm.Append(i18n.Field(name), f.choice(name, opts))
			continue
		}
		caseForm.Append(i18n.Field(name), f.entry(name))
	}
	f.load()
	f.loaded = f.state()
	for _, e := range f.entries {
		e.OnChanged = func(string) { a.touch() }
	}

	heading := i18n.T("app.form.new_title")
	if ref != "" {
		heading = i18n.T("app.form.edit_title", map[string]string{"Ref": ref})
	}
	save := widget.NewButton(i18n.T("app.form.save"), func() { a.saveCaseForm(f) })
	save.Importance = widget.HighImportance
	cancel := widget.NewButton(i18n.T("app.form.cancel"), func() {
		a.touch()
		a.leaveForm(a.showCaseList)
	})
	buttons := container.NewHBox(cancel, save)
	open := func(ref string) { a.leaveForm(func() { a.showCaseForm(ref) }) }
	personTab := container.NewVBox()
	if ref == "" {
		// The conflict check: people already in the vault who look like
		// the one being typed (name variants and birth date, or AGDREF).
		conflicts := a.newConflictPanel(open, nil)
		check := func(string) {
			a.touch()
			p, _ := f.collect()
			conflicts.Show(p.Person)
		}
		for _, k := range []string{"person.family_name", "person.given_names", "person.birth_date", "person.agdref"} {
			f.entries[k].OnChanged = check
		}
		personTab.Add(conflicts.Object())
	} else {
		// Likely duplicates of this case's person, which can be merged.
		conflicts := a.newConflictPanel(open, func(m search.Conflict) {
			a.confirmMerge(m, f.file.Person, ref)
		})
		conflicts.Show(f.file.Person)
		personTab.Add(conflicts.Object())
		summary := widget.NewButtonWithIcon(i18n.T("app.form.summary_pdf"), theme.DocumentPrintIcon(), func() {
			a.touch()
			a.saveCaseSummary(f.file.ID, ref)
		})
		export := widget.NewButtonWithIcon(i18n.T("app.form.export"), theme.MailSendIcon(), func() {
			a.touch()
			a.showExport([]string{f.file.ID})
		})
		buttons.Objects = append([]fyne.CanvasObject{summary, export}, buttons.Objects...)
	}
	personTab.Add(personForm)
	procedureTab := container.NewVBox(caseForm)
	scroll := func(o fyne.CanvasObject) *container.Scroll { return container.NewVScroll(container.NewPadded(o)) }
	personScroll, procedureScroll := scroll(personTab), scroll(procedureTab)
	// The mouse wheel over a field scrolls the form (widgets.go).
	for path, e := range f.entries {
		if strings.HasPrefix(path, "person.") {
			e.setWheel(personScroll)
		} else {
			e.setWheel(procedureScroll)
		}
	}
	tabs := container.NewAppTabs(
		container.NewTabItem(i18n.T("app.tab.person"), personScroll),
		container.NewTabItem(i18n.T("app.tab.procedure"), procedureScroll),
	)
	var banner fyne.CanvasObject
	if ref != "" {
		id := f.file.ID
		banner = a.collisionsBanner(id, ref, func() { a.showCaseForm(ref) })
		banner = a.deadlineAlerts(banner, id) // situation.go: situation to record, overseas alert
		procedureTab.Add(a.malfunctionsCard(id))
		procedureTab.Objects = append([]fyne.CanvasObject{a.retentionLine(f.file.Case)}, procedureTab.Objects...) // retention.go
		personTab.Add(a.accessExportButton(f.file.PersonID))                                                      // retention.go
		notes, note := a.notesCard(id)
		f.note = note
		notesScroll := scroll(notes)
		note.setWheel(notesScroll)
		tabs.Append(container.NewTabItem(i18n.T("app.tab.events"), scroll(a.eventsCard(id))))
		tabs.Append(container.NewTabItem(i18n.T("app.tab.deadlines"), scroll(a.deadlinesCard(id))))
		tabs.Append(container.NewTabItem(i18n.T("app.tab.notes"), notesScroll))
		tabs.Append(container.NewTabItem(i18n.T("app.tab.documents"), a.documentsTab(id)))
		tabs.Append(container.NewTabItem(i18n.T("evidence.tab"), scroll(a.evidenceTab(id))))
		tabs.Append(container.NewTabItem(i18n.T("app.tab.history"), a.historyTab(id)))
		tabs.Append(container.NewTabItem(i18n.T("letters.tab"), a.lettersTab(id))) // letters.go
	}
	tabs.OnSelected = func(*container.TabItem) { a.touch() }
	f.tabs = tabs
	a.caseTabs = tabs
	var top fyne.CanvasObject = container.NewBorder(nil, nil, nil, buttons, a.caseHeading(heading, f.file.ID)) // urgency.go
	if banner != nil {
		top = container.NewVBox(top, banner)
	}
	f.root = container.NewBorder(container.NewPadded(top), container.NewPadded(f.status), nil, nil, tabs)
	a.win.SetContent(f.root)
	a.form = f
	a.win.Canvas().Focus(f.entries["person.family_name"])
	if d != nil {
		f.apply(d)
	}
	return true
}

func (f *caseForm) entry(path string) *appEntry {
	multi := path == "outcome" || path == "person.address"
	e := f.app.newEntry(multi)
	switch path {
	case "person.birth_date", "opened", "closed", "end_of_mission":
		e.SetPlaceHolder(i18n.DateHint())
	case "person.languages":
		e.SetPlaceHolder(i18n.T("app.form.languages_hint"))
	}
	if multi {
		e.SetMinRowsVisible(2)
		e.Wrapping = fyne.TextWrapWord
	}
	// A validator that accepts anything lets the entry show the errors
	// that saving reports (SetValidationError) and clear them on edit.
	e.Validator = func(string) error { return nil }
	f.entries[path] = e
	return e
}

type option struct{ value, label string }

func procedureOptions() []option {
	var o []option
	for _, p := range model.Procedures {
		o = append(o, option{string(p), i18n.Procedure(p)})
	}
	return o
}

func channelOptions() []option {
	var o []option
	for _, c := range model.Channels {
		o = append(o, option{string(c), i18n.T("channel." + string(c))})
	}
	return o
}

func anefStateOptions() []option {
	var o []option
	for _, st := range model.ANEFStates {
		o = append(o, option{string(st), i18n.T("anef_state." + string(st))})
	}
	return o
}

func statusOptions() []option {
	var o []option
	for _, s := range model.Statuses {
		o = append(o, option{string(s), i18n.Status(s)})
	}
	return o
}

// selectOptions are the choices of a case field shown as a drop-down, nil
// for the others.
func selectOptions(path string) []option {
	switch path {
	case "person.civility":
		return civilityOptions() // letters.go
	case "procedure":
		return procedureOptions()
	case "status":
		return statusOptions()
	case "channel":
		return channelOptions()
	case "anef_state":
		return anefStateOptions()
	}
	return nil
}

func (f *caseForm) choice(path string, opts []option) *widget.Select {
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.label
	}
	s := newSelect(labels, func(string) { f.app.touch() })
	s.PlaceHolder = "—"
	f.selects[path] = s
	return s
}

func selectValue(s *widget.Select, opts []option) string {
	for _, o := range opts {
		if o.label == s.Selected {
			return o.value
		}
	}
	return ""
}

func selectLabel(opts []option, value string) string {
	for _, o := range opts {
		if o.value == value {
			return o.label
		}
	}
	return ""
}

// load puts the case file into the widgets, dates as the locale writes them.
func (f *caseForm) load() {
	p, c := f.file.Person, f.file.Case
	set := func(path, val string) { f.entries[path].SetText(val) }
	set("person.family_name", p.FamilyName)
	set("person.given_names", p.GivenNames)
	set("person.birth_date", i18n.Date(p.BirthDate))
	set("person.birth_place", p.BirthPlace)
	set("person.nationality", p.Nationality)
	set("person.agdref", p.AGDREF)
	set("person.languages", strings.Join(p.Languages, ", "))
	set("person.phone", p.Phone)
	set("person.email", p.Email)
	set("person.address", p.Address)
	set("person.interpreter_language", p.InterpreterLanguage)
	f.interpreter.SetChecked(p.Interpreter)
	for v, c := range f.vulns {
		c.SetChecked(slices.Contains(p.Vulnerabilities, v))
	}
	set("prefecture", c.Prefecture)
	set("anef_number", c.ANEFNumber)
	set("lawyer", c.Lawyer)
	set("opened", i18n.Date(c.Opened))
	set("closed", i18n.Date(c.Closed))
	set("outcome", c.Outcome)
	set("end_of_mission", i18n.Date(c.EndOfMission))
	f.selects["person.civility"].SetSelected(selectLabel(civilityOptions(), string(p.Civility)))
	f.selects["procedure"].SetSelected(selectLabel(procedureOptions(), string(c.Procedure)))
	f.selects["status"].SetSelected(selectLabel(statusOptions(), string(c.Status)))
	f.selects["channel"].SetSelected(selectLabel(channelOptions(), string(c.Channel)))
	f.selects["anef_state"].SetSelected(selectLabel(anefStateOptions(), string(c.ANEFState)))
}

// collect reads the widgets into a copy of the case file. Dates that cannot
// be read are reported as problems for those fields.
func (f *caseForm) collect() (model.CaseFile, []model.FieldProblem) {
	out := f.file
	var problems []model.FieldProblem
	for path, e := range f.entries {
		val := e.Text
		if d, isDate := dateField(path); isDate {
			parsed, err := i18n.ParseDate(val)
			if err != nil {
				problems = append(problems, model.FieldProblem{Field: path, Code: model.ProblemInvalidDate})
				continue
			}
			*d(&out) = parsed
			continue
		}
		if err := model.SetField(&out, path, val); err != nil {
			problems = append(problems, model.FieldProblem{Field: path, Code: model.ProblemUnknown})
		}
	}
	out.Person.Civility = model.Civility(selectValue(f.selects["person.civility"], selectOptions("person.civility")))
	out.Procedure = model.Procedure(selectValue(f.selects["procedure"], selectOptions("procedure")))
	out.Status = model.Status(selectValue(f.selects["status"], selectOptions("status")))
	out.Channel = model.Channel(selectValue(f.selects["channel"], selectOptions("channel")))
	out.ANEFState = model.ANEFState(selectValue(f.selects["anef_state"], selectOptions("anef_state")))
	out.Person.Interpreter = f.interpreter.Checked
	out.Person.Vulnerabilities = nil
	for _, v := range model.Vulnerabilities {
		if f.vulns[v].Checked {
			out.Person.Vulnerabilities = append(out.Person.Vulnerabilities, v)
		}
	}
	return out, problems
}

func dateField(path string) (func(*model.CaseFile) *model.Date, bool) {
	switch path {
	case "person.birth_date":
		return func(c *model.CaseFile) *model.Date { return &c.Person.BirthDate }, true
	case "opened":
		return func(c *model.CaseFile) *model.Date { return &c.Opened }, true
	case "closed":
		return func(c *model.CaseFile) *model.Date { return &c.Closed }, true
	case "end_of_mission":
		return func(c *model.CaseFile) *model.Date { return &c.EndOfMission }, true
	}
	return nil, false
}

// saveCaseForm saves what the user changed: a new case whole; an existing
// one field by field, against the versions the form loaded, with a note
// being typed. A new case stays on screen (what comes next is the decision
// that was notified); an edited one goes back to the list, or stays to
// show the collisions its save made.
func (a *App) saveCaseForm(f *caseForm) {
	a.touch()
	v := a.Vault()
	if v == nil {
		return
	}
	for _, e := range f.entries {
		e.SetValidationError(nil)
	}
	out, problems := f.collect()
	var err error
	var res *store.SaveResult
	if len(problems) > 0 {
		// Report unreadable dates together with every other problem.
		var ve *model.ValidationError
		if errors.As(out.Validate(model.ParisDate(nowFunc())), &ve) {
			problems = append(problems, ve.Problems...)
		}
		err = &model.ValidationError{Problems: problems}
	} else if f.base == nil {
		err = v.SaveCase(&out)
	} else {
		var edits []store.FieldEdit
		if edits, err = store.CaseEdits(&out, f.changed()); err == nil {
			_, res, err = v.SaveCaseChanges(f.file.ID, edits, f.base)
		}
	}
	var ve *model.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			if e, ok := f.entries[p.Field]; ok {
				e.SetValidationError(errors.New(i18n.T("problem." + p.Code)))
			}
		}
		f.status.Importance = widget.DangerImportance
		f.status.SetText(i18n.Error(err))
		return
	}
	if err != nil {
		a.showError(err)
		return
	}
	if f.note != nil && strings.TrimSpace(f.note.Text) != "" {
		if err := v.AddNote(&model.Note{CaseID: out.ID, Text: f.note.Text}); err != nil {
			a.showError(err)
			return
		}
		f.note.SetText("")
	}
	a.form = nil // saved: nothing to carry over
	if err := v.DropDraft(); err != nil {
		a.showError(err)
	}
	switch {
	case f.base == nil:
		if a.openCaseForm(out.Ref, nil) {
			a.form.status.Importance = widget.SuccessImportance
			a.form.status.SetText(i18n.T("edits.created", map[string]string{"Ref": out.Ref}))
		}
	case res != nil && len(res.Collisions) > 0:
		a.openCaseForm(f.ref, nil) // its banner lists them, with Keep / Use the other
		names := make([]string, len(res.Collisions))
		for i, p := range res.Collisions {
			names[i] = i18n.Field(p)
		}
		dialog.ShowInformation(i18n.T("edits.collided_title"), i18n.T("edits.collided",
			map[string]any{"Fields": strings.Join(names, ", "), "N": len(names)}), a.win)
	default:
		a.showCaseList()
	}
}

// notesCard lists a case's notes, oldest first, with a box to add one
// (returned too: what is typed there counts as unsaved).
func (a *App) notesCard(caseID string) (fyne.CanvasObject, *appEntry) {
	box := container.NewVBox()
	reload := func() {
		box.RemoveAll()
		v := a.Vault()
		if v == nil {
			return
		}
		notes, err := v.Notes(caseID)
		if err != nil {
			a.showError(err)
			return
		}
		for _, n := range notes {
			t := n.Time.In(model.Paris())
			head := widget.NewLabel(i18n.Date(model.DateOf(t)) + " " + t.Format("15:04") + " — " + n.Author)
			head.TextStyle = fyne.TextStyle{Bold: true}
			body := widget.NewLabel(n.Text)
			body.Wrapping = fyne.TextWrapWord
			box.Add(head)
			box.Add(body)
		}
	}
	reload()
	input := a.newEntry(true)
	input.SetPlaceHolder(i18n.T("app.form.note_placeholder"))
	input.Wrapping = fyne.TextWrapWord
	input.SetMinRowsVisible(3)
	input.OnChanged = func(string) { a.touch() }
	add := widget.NewButton(i18n.T("app.form.add_note"), func() {
		a.touch()
		v := a.Vault()
		if v == nil || strings.TrimSpace(input.Text) == "" {
			return
		}
		if err := v.AddNote(&model.Note{CaseID: caseID, Text: input.Text}); err != nil {
			a.showError(err)
			return
		}
		input.SetText("")
		reload()
	})
	return widget.NewCard(i18n.T("app.form.notes"), "", container.NewVBox(box, input, container.NewHBox(layoutSpacer(), add))), input
}
