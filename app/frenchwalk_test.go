package app

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"casefile/demo"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// The French window speaks French: a walk through every screen and dialog
// checks each text a widget shows (labels, buttons, entries and their
// placeholders, drop-downs' options and placeholders, checks, radio
// choices, tabs, cards, form labels and hints, accordions, menus, dialog
// titles) against the French catalogue. A text passes when it is
//
//   - a value of the French catalogue (i18n/translations/*.fr.json, and
//     Fyne's own French texts: "Annuler", "Oui", …), or a template of it
//     filled in ("{{.N}} délais …" → "3 délais …"), the filled parts
//     passing in turn;
//   - data of the vault (the fictional clinic of demo.Fill);
//   - numbers, dates, times, punctuation;
//   - one of frenchAllowed (names that are the same in both languages);
//   - or made of such parts joined by " — ", " · ", ", ", new lines…
//
// Fyne's file dialog names its shortcuts in English ("Home", "Computer",
// "Desktop", …) with no way to translate them (fyne/v2 dialog, v2.7):
// frenchFyneUntranslatable lists them, allowed in dialogs only.

// frenchAllowed are texts the same in French and English.
var frenchAllowed = map[string]bool{
	"ANEF": true, "OQTF": true, "Casefile": true, "PDF": true, "RTF": true, "ICS": true, "CSV": true,
	"HH:MM": true, "AGE-SECRET-KEY-PQ-1…": true, "OFPRA": true, "CNDA": true, "OFII": true, "IRTF": true,
	"—": true, "…": true, "OK": true,
	// French words the English catalogue uses too, and proper names.
	"applicable": true, "Post": true,
	// The language chooser says "Language" too, for a user who reads no
	// French to find it.
	"Langue / Language": true, "Langue / Language…": true,
}

// shortcutText is a key combination ("Ctrl+I", "Ctrl+Maj+S").
var shortcutText = regexp.MustCompile(`^(Ctrl|Alt|Maj|Shift|Cmd|Super)(\+[^\s+]+)+$`)

// frenchAllowedPrefixes start texts that are a file format, not prose: the
// identity card a user sends a colleague ("casefile-identity v1", its
// field names and keys).
var frenchAllowedPrefixes = []string{"casefile-identity v1"}

// frenchFyneUntranslatable are the file dialog's names Fyne hard-codes in
// English (dialog/file.go, file_unix.go).
var frenchFyneUntranslatable = map[string]bool{
	"Home": true, "Computer": true, "Desktop": true, "Documents": true, "Downloads": true,
	"Music": true, "Pictures": true, "Videos": true, "App Files": true,
}

type frenchCatalogue struct {
	frWords   map[string]bool // every word of the French catalogue
	enOnly    map[string]bool // words of the English catalogue (and Fyne's) never in the French one
	values    map[string]bool
	templates []frenchTemplate
	data      map[string]bool // the vault's strings and their words
}

type frenchTemplate struct {
	literal string // the template's longest literal part: a cheap filter
	re      *regexp.Regexp
	detail  bool // its one placeholder is {{.Detail}}: the system's own text for support, kept as is
}

var placeholder = regexp.MustCompile(`\{\{\s*\.[A-Za-z]+\s*\}\}`)

func loadFrenchCatalogue(t *testing.T) *frenchCatalogue {
	t.Helper()
	c := &frenchCatalogue{values: map[string]bool{}, data: map[string]bool{}, frWords: map[string]bool{}, enOnly: map[string]bool{}}
	texts := catalogueTexts(t, "fr.json")
	for _, s := range texts {
		for _, w := range wordsOf(s) {
			c.frWords[w] = true
		}
	}
	// Fyne's English defaults that no catalogue holds.
	english := append(catalogueTexts(t, "en.json"), "(Select one)", "Submit", "Cancel", "Overwrite?",
		"Home Computer Desktop Downloads Music Pictures Videos App Files Parent Enter filename Show Hidden Files")
	for _, s := range english {
		for _, w := range wordsOf(s) {
			if !c.frWords[w] {
				c.enOnly[w] = true
			}
		}
	}
	// Fyne's own texts, as its French catalogue gives them.
	for _, k := range []string{"Cancel", "Confirm", "OK", "Yes", "No", "Open", "Save", "File", "Folder",
		"Enter filename", "Error", "Favourites", "New Folder", "Create Folder", "Show Hidden Files",
		"Copy", "Cut", "Paste", "Select all", "Undo", "Redo", "Quit", "Advanced"} {
		texts = append(texts, lang.L(k))
	}
	texts = append(texts, "("+lang.X("file.parent", "Parent")+")")
	for _, s := range texts {
		c.values[strings.TrimSpace(s)] = true
		for _, line := range strings.Split(s, "\n") {
			c.values[strings.TrimSpace(line)] = true
		}
		if !placeholder.MatchString(s) {
			continue
		}
		parts := placeholder.Split(s, -1)
		longest := ""
		for _, p := range parts {
			if len(p) > len(longest) {
				longest = p
			}
		}
		if letterCount(longest) < 3 {
			continue // "{{.N}}, {{.Records}}": would match anything
		}
		quoted := make([]string, len(parts))
		for i, p := range parts {
			quoted[i] = regexp.QuoteMeta(p)
		}
		re := regexp.MustCompile(`^(?s)` + strings.Join(quoted, `(.+?)`) + `$`)
		detail := strings.Count(s, "{{") == 1 && strings.Contains(s, "{{.Detail}}")
		c.templates = append(c.templates, frenchTemplate{literal: longest, re: re, detail: detail})
	}
	return c
}

// catalogueTexts are the values of the catalogue files whose names end
// with suffix (plural forms included).
func catalogueTexts(t *testing.T, suffix string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("..", "i18n", "translations", "*"+suffix))
	if err != nil || len(files) == 0 {
		t.Fatalf("no catalogue *%s: %v", suffix, err)
	}
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, v := range m {
			switch v := v.(type) {
			case string:
				texts = append(texts, v)
			case map[string]any:
				for _, p := range v {
					if s, ok := p.(string); ok {
						texts = append(texts, s)
					}
				}
			}
		}
	}
	return texts
}

var wordRE = regexp.MustCompile(`\p{L}[\p{L}'’-]*`)

// wordsOf are the words of s, placeholders left out.
func wordsOf(s string) []string {
	return wordRE.FindAllString(placeholder.ReplaceAllString(s, " "), -1)
}

func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// addData adds the strings of a record of the vault (and their words).
func (c *frenchCatalogue) addData(x any) {
	b, err := json.Marshal(x)
	if err != nil {
		return
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			c.data[v] = true
			for _, w := range strings.Fields(v) {
				c.data[strings.Trim(w, ",.;:()«»\"")] = true
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	var v any
	_ = json.Unmarshal(b, &v)
	walk(v)
}

var noLetters = regexp.MustCompile(`^[^\p{L}]*$`)
var separators = regexp.MustCompile(` — | – | · |, |; | ; | : |\n| / | › | → | \(|\) ?|\[|\] ?|« | »|“|”| \+ `)

// ok reports whether s is French (catalogue, data, numbers) as the test's
// comment says.
func (c *frenchCatalogue) ok(s string, depth int) bool {
	s = strings.TrimSpace(s)
	s = strings.Trim(s, ".:;,!?…")
	s = strings.TrimSpace(s)
	if s == "" || noLetters.MatchString(s) || frenchAllowed[s] || c.values[s] || c.data[s] {
		return true
	}
	if shortcutText.MatchString(s) {
		return true
	}
	for _, p := range frenchAllowedPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	if depth > 3 {
		return false
	}
	for _, tp := range c.templates {
		if !strings.Contains(s, tp.literal) {
			continue
		}
		if m := tp.re.FindStringSubmatch(s); m != nil {
			good := true
			if tp.detail {
				return true
			}
			for _, g := range m[1:] {
				if !c.ok(g, depth+1) {
					good = false
					break
				}
			}
			if good {
				return true
			}
		}
	}
	if parts := separators.Split(s, -1); len(parts) > 1 {
		for _, p := range parts {
			if !c.ok(p, depth+1) {
				return false
			}
		}
		return true
	}
	// A name, a reference, an address: every word from the vault, or a
	// number (days, hours: "9 h 30", "12 j").
	words := strings.Fields(s)
	for _, w := range words {
		if !c.data[w] && !noLetters.MatchString(w) && !frenchUnits[w] {
			return false
		}
	}
	return true
}

// english is the first word of s that only the English catalogue (or
// Fyne's English defaults) uses, and neither the French catalogue nor the
// vault's data: a text from no catalogue (the rules' explanations, the
// sources, the letters' templates) is French unless it holds one.
func (c *frenchCatalogue) english(s string) string {
	for _, w := range wordsOf(s) {
		if c.enOnly[w] && !c.data[w] && !frenchAllowed[w] {
			return w
		}
	}
	return ""
}

// frenchUnits are the abbreviations the app writes after numbers.
var frenchUnits = map[string]bool{"h": true, "min": true, "j": true, "s": true, "Mo": true, "ko": true, "o": true, "Go": true, "UTC": true}

// shownTexts lists each text the widgets of o show, with where it is.
func shownTexts(t *testing.T, o fyne.CanvasObject) []string {
	var out []string
	add := func(kind, s string) {
		if strings.TrimSpace(s) != "" {
			out = append(out, kind+"\x00"+s)
		}
	}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch w := o.(type) {
		case *widget.Label:
			add("label", w.Text)
		case *widget.Button:
			add("button", w.Text)
		case *appEntry:
			add("entry placeholder", w.PlaceHolder)
			if !w.Password {
				add("entry", w.Text)
			}
		case *widget.Entry:
			add("entry placeholder", w.PlaceHolder)
			if !w.Password {
				add("entry", w.Text)
			}
		case *widget.Select:
			ph := w.PlaceHolder
			if ph == "" {
				ph = "(Select one)" // what Fyne shows then (widget/select.go)
			}
			add("select placeholder", ph)
			add("select", w.Selected)
			for _, opt := range w.Options {
				add("select option", opt)
			}
		case *widget.Check:
			add("check", w.Text)
		case *widget.RadioGroup:
			for _, opt := range w.Options {
				add("radio", opt)
			}
		case *container.AppTabs:
			for _, it := range w.Items {
				add("tab", it.Text)
			}
		case *widget.Card:
			add("card title", w.Title)
			add("card subtitle", w.Subtitle)
		case *widget.Form:
			for _, it := range w.Items {
				add("form label", it.Text)
				add("form hint", it.HintText)
			}
			if w.OnSubmit != nil {
				add("form submit", w.SubmitText)
			}
			if w.OnCancel != nil {
				add("form cancel", w.CancelText)
			}
		case *widget.Hyperlink:
			add("link", w.Text)
		case *widget.Accordion:
			for _, it := range w.Items {
				add("accordion", it.Title)
			}
		case *widget.PopUpMenu:
			for _, tx := range objectsIn[*canvas.Text](t, w) {
				add("menu", tx.Text)
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, ch := range c.Objects {
				walk(ch)
			}
		}
		if wd, ok := o.(fyne.Widget); ok {
			for _, ch := range test.TempWidgetRenderer(t, wd).Objects() {
				walk(ch)
			}
		}
	}
	walk(o)
	return out
}

// frenchWalk is one walk: what was seen, what is not French.
type frenchWalk struct {
	t      *testing.T
	c      *frenchCatalogue
	w      fyne.Window
	seen   int
	screen map[string]bool
	bad    map[string][]string // text → where
}

// look checks what the window shows now, on screen name, then closes the
// dialogs.
func (fw *frenchWalk) look(name string) {
	fw.t.Helper()
	for i := 0; running.Load() > 0; i++ {
		if i > 12000 {
			fw.t.Fatalf("%s: background jobs still running", name)
		}
		time.Sleep(10 * time.Millisecond)
	}
	fw.screen[name] = true
	objs := []fyne.CanvasObject{fw.w.Content()}
	objs = append(objs, fw.w.Canvas().Overlays().List()...)
	if m := fw.w.MainMenu(); m != nil {
		var items func(ms []*fyne.MenuItem)
		items = func(ms []*fyne.MenuItem) {
			for _, it := range ms {
				fw.check(name, "menu", it.Label, false)
				if it.ChildMenu != nil {
					items(it.ChildMenu.Items)
				}
			}
		}
		for _, mn := range m.Items {
			fw.check(name, "menu", mn.Label, false)
			items(mn.Items)
		}
	}
	for i, o := range objs {
		inDialog := i > 0
		for _, kt := range shownTexts(fw.t, o) {
			kind, text, _ := strings.Cut(kt, "\x00")
			fw.check(name, kind, text, inDialog)
		}
	}
	c := fw.w.Canvas()
	for o := c.Overlays().Top(); o != nil; o = c.Overlays().Top() {
		c.Overlays().Remove(o)
	}
}

// check counts one text of screen name and records it when it is not French.
func (fw *frenchWalk) check(name, kind, text string, inDialog bool) {
	if strings.TrimSpace(text) == "" {
		return
	}
	fw.seen++
	if inDialog && frenchFyneUntranslatable[text] {
		return
	}
	if !fw.c.ok(text, 0) && fw.c.english(text) != "" {
		fw.bad[text] = append(fw.bad[text], name+" ("+kind+"): "+fw.c.english(text))
	}
}

// tapIn taps the first button labelled text in the window or its dialogs.
func tapIn(t *testing.T, w fyne.Window, text string) bool {
	objs := append([]fyne.CanvasObject{w.Content()}, w.Canvas().Overlays().List()...)
	for i := len(objs) - 1; i >= 0; i-- {
		for _, b := range objectsIn[*widget.Button](t, objs[i]) {
			if b.Text == text && b.Visible() && !b.Disabled() {
				test.Tap(b)
				return true
			}
		}
	}
	return false
}

func TestEveryScreenSpeaksFrench(t *testing.T) {
	homeUnder(t)
	t.Setenv("LANG", "fr_FR.UTF-8")
	i18n.Reload()
	t.Cleanup(func() { t.Setenv("LANG", "en_US.UTF-8"); i18n.Reload() })
	c := loadFrenchCatalogue(t)
	a := New(test.NewTempApp(t), filepath.Join(t.TempDir(), "vault"))
	w := a.Window()
	w.Resize(fyne.NewSize(1024, 700))
	fw := &frenchWalk{t: t, c: c, w: w, screen: map[string]bool{}, bad: map[string][]string{}}
	walkEveryScreen(t, a, true, fw.look, func(v *store.Vault, refs []string) {
		for _, ref := range refs {
			f, err := v.Case(ref)
			if err != nil {
				t.Fatal(err)
			}
			c.addData(f)
			c.addData(f.Person)
			for _, r := range f.Related {
				c.addData(r)
			}
			evs, _ := v.Events(f.ID)
			c.addData(evs)
			notes, _ := v.Notes(f.ID)
			c.addData(notes)
			ds, _ := v.DeadlineViews(f.ID)
			c.addData(ds)
			log, _ := v.EvidenceLog(f.ID)
			c.addData(log)
			docs, _ := v.Documents(f.ID)
			c.addData(docs)
		}
		c.addData("Me Claire Fontaine")
	})

	if fw.seen < 500 {
		t.Fatalf("only %d texts seen on %d screens: the walk is broken", fw.seen, len(fw.screen))
	}
	t.Logf("%d texts on %d screens", fw.seen, len(fw.screen))
	var bad []string
	for text, where := range fw.bad {
		sort.Strings(where)
		if len(where) > 3 {
			where = append(where[:3], "…")
		}
		bad = append(bad, "  "+strings.ReplaceAll(text, "\n", "⏎")+"  ← "+strings.Join(where, ", "))
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Errorf("%d texts not French:\n%s", len(bad), strings.Join(bad, "\n"))
	}
}

// walkEveryScreen shows each screen and dialog of the app in turn on a's
// window (a demo clinic of 12 cases), calling look after each (look closes
// the dialogs it finds); every case and each of its tabs when allCases,
// else one case. data gets the vault and its cases' references once filled.
func walkEveryScreen(t *testing.T, a *App, allCases bool, look func(name string), data func(v *store.Vault, refs []string)) {
	w := a.Window()
	dir := a.dir
	// The set-up wizard and its steps.
	a.showSetup()
	look("setup")
	created, err := store.Create(dir, pass)
	if err != nil {
		t.Fatal(err)
	}
	v := created.Vault
	a.showRecoveryKey(v, created.RecoveryKey)
	look("setup-recovery-key")
	a.showNameStep(v)
	look("setup-name")
	if err := demo.Fill(v, 12, 20, nil); err != nil {
		t.Fatal(err)
	}
	if err := v.SetAuthor("Me Claire Fontaine"); err != nil {
		t.Fatal(err)
	}
	list, err := v.CaseList()
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for i := range list.Len() {
		refs = append(refs, list.Ref(i))
	}
	sort.Strings(refs)
	data(v, refs)
	a.unlocked(v)
	t.Cleanup(a.Lock)
	// No reminder over the list.
	c := w.Canvas()
	for o := c.Overlays().Top(); o != nil; o = c.Overlays().Top() {
		c.Overlays().Remove(o)
	}
	look("case-list")
	tapIn(t, w, i18n.T("app.list.more"))
	look("case-list-menu")

	// A case, each tab; its dialogs. The richest case first: the one with
	// the most events.
	best, most := refs[0], -1
	for _, ref := range refs {
		f, _ := v.Case(ref)
		if evs, _ := v.Events(f.ID); len(evs) > most {
			best, most = ref, len(evs)
		}
	}
	cases := []string{best}
	if allCases {
		cases = refs
	}
	for _, ref := range cases {
		a.showCaseForm(ref)
		tabs := find(t, w, func(*container.AppTabs) bool { return true })
		for i := range tabs.Items {
			tabs.SelectIndex(i)
			name := fmt.Sprintf("case-tab%d", i)
			if i < len(tourTabs) {
				name = "case-" + tourTabs[i]
			}
			if allCases {
				name = "case " + ref + ": " + tabs.Items[i].Text
			}
			look(name)
		}
	}
	f, _ := v.Case(best)
	a.showCaseForm(best)
	a.showEventForm(f.ID, nil)
	look("event-dialog")
	if evs, _ := v.Events(f.ID); len(evs) > 0 {
		a.showEventForm(f.ID, &evs[0])
		look("event-correction-dialog")
	}
	a.showEvidenceDialog(f.ID, nil)
	look("evidence-dialog")
	a.showAddMalfunction(f.ID, func() {})
	look("malfunction-dialog")
	a.showLetterSender(f.ID, func() {})
	look("letters-sender-dialog")
	// "Why this date?" on the deadlines tab.
	for _, r := range append([]string{best}, refs...) {
		a.showCaseForm(r)
		selectTab(t, w, 3)
		if tapIn(t, w, i18n.T("app.deadlines.why")) {
			look("why-this-date")
			break
		}
	}
	// Documents: the file dialog, and a document the computer cannot open.
	a.showCaseForm(best)
	tabs := find(t, w, func(*container.AppTabs) bool { return true })
	for i, it := range tabs.Items {
		if it.Text == i18n.T("app.tab.documents") {
			tabs.SelectIndex(i)
		}
	}
	if tapIn(t, w, i18n.T("app.documents.add")) {
		look("documents-file-dialog")
	}
	a.cannotOpen(model.Document{Name: "decision.pdf"}, &exec.Error{Name: "xdg-open", Err: exec.ErrNotFound})
	look("documents-no-viewer")

	a.showReview()
	look("weekly-review")
	a.showSettings()
	look("settings")
	a.showChangePassphrase()
	look("change-passphrase")
	a.showTeam()
	look("team-sync")
	a.showMyKey()
	look("bundles-my-key")
	a.showExport([]string{f.ID})
	look("bundles-export")
	a.showImport()
	look("bundles-import-file-dialog")
	a.showFigures()
	look("figures")
	a.showRetention()
	look("retention")
	a.showSources()
	look("sources")
	a.showAbout()
	look("about")
	a.showLanguage()
	look("language")
	a.showShortcuts()
	look("shortcuts")
	a.showCSVExport()
	look("csv-export")
	a.showCaseList()
	a.Lock()
	a.showUnlock(i18n.T("app.locked_idle"))
	look("unlock")
	a.showRecoveryUnlock()
	look("unlock-recovery-key")
	a.showRestore()
	look("restore")
}

// tourTabs name the case screen's tabs in the screenshots' file names.
var tourTabs = []string{"person", "procedure", "events", "deadlines", "notes", "documents", "evidence", "history", "letters"}
