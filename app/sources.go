package app

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model/deadline"
)

// sourceEntry is one source of the deadline rules with the rules citing it.
type sourceEntry struct {
	src   deadline.Source
	rules []string
}

// deadlineSources lists every source the rules cite, texts first, with the
// ids of the rules that cite each one (as the main or the other reading).
func deadlineSources() []sourceEntry {
	cited := map[deadline.Source][]string{}
	for _, r := range deadline.Rules() {
		all := r.Sources
		if r.Alt != nil {
			all = append(slices.Clone(all), r.Alt.Sources...)
		}
		for _, s := range all {
			if !slices.Contains(cited[s], r.ID) {
				cited[s] = append(cited[s], r.ID)
			}
		}
	}
	srcs := deadline.AllSources()
	out := make([]sourceEntry, len(srcs))
	for i, s := range srcs {
		out[i] = sourceEntry{src: s, rules: cited[s]}
	}
	return out
}

// showSources shows the sources of the deadline rules as a lawyer cites
// them (article with its code, decision with court, date and number, the
// Légifrance or ArianeWeb identifier when known), grouped by kind, with the
// rules citing each; a filter narrows the list. Esc and Enter close it.
func (a *App) showSources() {
	entries := deadlineSources()
	list := container.NewVBox()
	fill := func(filter string) {
		list.RemoveAll()
		f := strings.ToLower(strings.TrimSpace(filter))
		kind := deadline.SourceKind(255)
		for _, e := range entries {
			text := e.src.String()
			// The rules by their names (an id such as "oqtf-7d" means
			// nothing to a lawyer); the filter finds either.
			names := make([]string, len(e.rules))
			for i, id := range e.rules {
				names[i] = id
				if r, ok := deadline.Lookup(id); ok {
					names[i] = r.Label(i18n.Lang())
				}
			}
			rules := strings.Join(names, " ; ")
			if f != "" && !strings.Contains(strings.ToLower(text+" "+rules+" "+strings.Join(e.rules, " ")), f) {
				continue
			}
			if e.src.Kind != kind {
				kind = e.src.Kind
				h := widget.NewLabel(i18n.T("sources.kind." + kind.String()))
				h.TextStyle = fyne.TextStyle{Bold: true}
				list.Add(widget.NewSeparator())
				list.Add(h)
			}
			l := widget.NewLabel("– " + text)
			l.Wrapping = fyne.TextWrapWord
			list.Add(l)
			if rules != "" {
				r := widget.NewLabel("    " + i18n.T("sources.rules", map[string]string{"Rules": rules}))
				r.Importance = widget.LowImportance
				r.Wrapping = fyne.TextWrapWord
				list.Add(r)
			}
		}
		list.Refresh()
	}
	fill("")
	filter := widget.NewEntry()
	filter.SetPlaceHolder(i18n.T("sources.filter"))
	filter.OnChanged = func(s string) {
		a.touch()
		fill(s)
	}
	hint := widget.NewLabel(i18n.T("sources.hint") + " " + deadline.LawAsOfText(i18n.Lang()))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	scroll := container.NewVScroll(list)
	scroll.SetMinSize(fyne.NewSize(720, 420))
	var d *dialog.CustomDialog
	closeBtn := widget.NewButton(i18n.T("why.close"), func() {
		a.touch()
		d.Hide()
	})
	closeBtn.Importance = widget.HighImportance
	d = dialog.NewCustomWithoutButtons(i18n.T("sources.title"), container.NewBorder(container.NewVBox(hint, filter), nil, nil, nil, scroll), a.win)
	d.SetButtons([]fyne.CanvasObject{closeBtn})
	a.closeOnKeys(d)
	d.Show()
}
