package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/search"
)

// likelyMatches returns the people already in the vault who are likely p
// (same AGDREF, or name variants with the same birth date); nothing while
// the index is still being built.
func (a *App) likelyMatches(p model.Person) []search.Conflict {
	ix := a.searchIndex()
	if ix == nil {
		return nil
	}
	return ix.LikelyMatches(search.Person{ID: p.ID, FamilyName: p.FamilyName, GivenNames: p.GivenNames,
		BirthDate: p.BirthDate, AGDREF: p.AGDREF})
}

// conflictPanel shows, while a person is being created or edited, the
// existing people who are likely the same, each with "Open" (their first
// case) and "Merge" (when the person being edited already exists). The
// case form calls Show with the person as typed.
type conflictPanel struct {
	app     *App
	box     *fyne.Container
	onOpen  func(ref string)
	onMerge func(existing search.Conflict)
}

func (a *App) newConflictPanel(onOpen func(ref string), onMerge func(existing search.Conflict)) *conflictPanel {
	return &conflictPanel{app: a, box: container.NewVBox(), onOpen: onOpen, onMerge: onMerge}
}

// Object is the panel's widget tree.
func (c *conflictPanel) Object() fyne.CanvasObject { return c.box }

// Show lists the likely matches of p, or nothing.
func (c *conflictPanel) Show(p model.Person) {
	c.box.RemoveAll()
	matches := c.app.likelyMatches(p)
	if len(matches) == 0 {
		c.box.Refresh()
		return
	}
	title := "app.conflict.title"
	if !slices.ContainsFunc(matches, func(m search.Conflict) bool { return m.Reason != search.ReasonName }) {
		title = "app.conflict.title_name" // the weaker warning: names alone
	}
	head := widget.NewLabel(i18n.T(title))
	head.TextStyle = fyne.TextStyle{Bold: true}
	head.Importance = widget.WarningImportance
	c.box.Add(head)
	for _, m := range matches {
		refs := make([]string, len(m.Cases))
		for i, r := range m.Cases {
			refs[i] = r.Ref
		}
		text := i18n.T("app.conflict.row."+string(m.Reason), map[string]string{
			"Name": strings.TrimSpace(strings.ToUpper(m.Person.FamilyName) + " " + m.Person.GivenNames),
			"Born": i18n.Date(m.Person.BirthDate), "Refs": strings.Join(refs, ", ")})
		label := widget.NewLabel(text)
		label.Wrapping = fyne.TextWrapWord
		m := m
		open := widget.NewButton(i18n.T("app.conflict.open"), func() {
			c.app.touch()
			if c.onOpen != nil && len(m.Cases) > 0 {
				c.onOpen(m.Cases[0].Ref)
			}
		})
		buttons := container.NewHBox(open)
		if c.onMerge != nil && p.ID != "" {
			buttons.Add(widget.NewButton(i18n.T("app.conflict.merge"), func() {
				c.app.touch()
				c.onMerge(m)
			}))
		}
		c.box.Add(container.NewBorder(nil, nil, nil, buttons, label))
	}
	c.box.Refresh()
}

// confirmMerge asks, then merges the person of the case on screen (ref)
// into the existing record m: that record is kept, this one becomes a
// tombstone pointing to it, every case follows, and fields both filled
// differently are listed (neither value is lost: the tombstone keeps its
// own).
func (a *App) confirmMerge(m search.Conflict, current model.Person, ref string) {
	name := strings.TrimSpace(strings.ToUpper(m.Person.FamilyName) + " " + m.Person.GivenNames)
	dialog.ShowConfirm(i18n.T("app.conflict.merge"), i18n.T("app.merge.confirm", map[string]string{"Name": name}), func(ok bool) {
		a.touch()
		v := a.Vault()
		if !ok || v == nil {
			return
		}
		conflicts, err := v.MergePersons(m.Person.ID, current.ID)
		if err != nil {
			a.showError(err)
			return
		}
		msg := i18n.T("app.merge.done", map[string]string{"Name": name})
		for _, c := range conflicts {
			msg += "\n" + i18n.T("app.merge.kept", map[string]string{"Field": i18n.Field(c.Field), "Kept": c.Kept, "Dropped": c.Dropped})
		}
		a.showCaseForm(ref)
		dialog.ShowInformation(i18n.T("app.conflict.merge"), msg, a.win)
	}, a.win)
}
