package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"casefile/i18n"
	"casefile/model"
	"casefile/model/deadline"
	"casefile/store"
)

// The deadline alerts a case shows above everything else: the person's
// situation to record when a removal order, transfer, house arrest or ban
// on return was planned without it (48 hours assumed), and, overseas, the
// appeal that does not suspend the removal (docs/deadlines.md).

// deadlineAlerts returns banner followed by the case's deadline alerts, or
// banner alone when there are none.
func (a *App) deadlineAlerts(banner fyne.CanvasObject, caseID string) fyne.CanvasObject {
	v := a.Vault()
	if v == nil {
		return banner
	}
	views, err := v.DeadlineViews(caseID)
	if err != nil {
		return banner
	}
	box := container.NewVBox()
	if banner != nil {
		box.Add(banner)
	}
	situation, overseas := false, false
	for _, dv := range views {
		if dv.Plan == nil || dv.Deadline.Status != model.DeadlineOpen {
			continue
		}
		if dv.Plan.NeedsSituation() && !situation {
			situation = true
			box.Add(a.situationPrompt(caseID, dv))
		}
		if dv.Plan.Overseas() && !overseas {
			overseas = true
			box.Add(a.overseasAlert(caseID))
		}
	}
	if len(box.Objects) == 0 {
		return nil
	}
	return box
}

// situationPrompt is the prominent "record the situation" line with its
// button, for the deadline dv planned without the situation.
func (a *App) situationPrompt(caseID string, dv store.DeadlineView) fyne.CanvasObject {
	msg := widget.NewLabel("⚠ " + i18n.T("situation.prompt"))
	msg.Importance = widget.DangerImportance
	msg.TextStyle = fyne.TextStyle{Bold: true}
	msg.Wrapping = fyne.TextWrapWord
	btn := widget.NewButtonWithIcon(i18n.T("situation.prompt_action"), theme.WarningIcon(), func() {
		a.touch()
		a.askSituation(caseID, dv.Deadline.Source)
	})
	btn.Importance = widget.DangerImportance
	return container.NewBorder(nil, nil, nil, btn, msg)
}

// overseasAlert says that here an appeal does not stop a removal and that
// a référé-liberté does.
func (a *App) overseasAlert(caseID string) fyne.CanvasObject {
	region := deadline.Metropole
	if v := a.Vault(); v != nil {
		if f, err := v.Case(caseID); err == nil {
			r, set, _ := v.CaseRegion(caseID)
			on, _ := v.LocalHolidays()
			var s *model.DeadlineSettings
			if set {
				s = &model.DeadlineSettings{ID: caseID, Region: r}
			}
			region = model.FactsFor(f.Case, s, model.HolidayPolicy{LocalHolidays: on}).Place
		}
	}
	return a.overseasLabel(region)
}

func (a *App) overseasLabel(region deadline.Region) fyne.CanvasObject {
	l := widget.NewLabel("⚠ " + i18n.T("overseas.alert_title") + " — " +
		i18n.T("overseas.alert", map[string]string{"Region": region.Label(i18n.Lang())}))
	l.Importance = widget.WarningImportance
	l.TextStyle = fyne.TextStyle{Bold: true}
	l.Wrapping = fyne.TextWrapWord
	return l
}

// askSituation asks for the person's situation at the notification of the
// event eventID and records it: the vault recomputes the deadlines in the
// same change.
func (a *App) askSituation(caseID, eventID string) {
	v := a.Vault()
	if v == nil {
		return
	}
	e, err := v.Event(eventID)
	if err != nil {
		a.showError(err)
		return
	}
	opts := make([]option, 0, len(model.Situations))
	for _, s := range model.Situations {
		opts = append(opts, option{string(s), i18n.T("event.situation." + string(s))})
	}
	labels := make([]string, len(opts))
	for i, o := range opts {
		labels[i] = o.label
	}
	choice := widget.NewRadioGroup(labels, func(string) { a.touch() })
	hint := widget.NewLabel(i18n.T("situation.dialog_hint"))
	hint.Wrapping = fyne.TextWrapWord
	what := widget.NewLabel(i18n.Date(e.Date) + " — " + i18n.T("event.kind."+string(e.Kind)) + " · " + i18n.EventDetails(*e))
	what.TextStyle = fyne.TextStyle{Bold: true}
	what.Wrapping = fyne.TextWrapWord
	content := container.NewVBox(what, hint, choice)
	d := dialog.NewCustomConfirm(i18n.T("situation.dialog_title"), i18n.T("situation.prompt_action"), i18n.T("app.form.cancel"), content, func(ok bool) {
		a.touch()
		if !ok || choice.Selected == "" {
			return
		}
		for _, o := range opts {
			if o.label == choice.Selected {
				e.Situation = model.Situation(o.value)
			}
		}
		if err := v.UpdateEvent(e); err != nil {
			a.showError(err)
			return
		}
		a.showCaseFormTab(caseID, deadlinesTab)
	}, a.win)
	d.Resize(fyne.NewSize(560, 360))
	d.Show()
}

// deadlinesTab is the index of the deadlines tab on a case.
const deadlinesTab = 3

// reviewNeedsSituation reports whether the review row's deadline was
// planned without the person's situation. Only the 48-hour rules can be;
// their case's plan is read to tell.
func (a *App) reviewNeedsSituation(row store.ReviewRow) bool {
	if row.Kind != model.DeadlineComputed || (row.RuleID != "oqtf-48h" && row.RuleID != "dublin-transfert-48h") {
		return false
	}
	v := a.Vault()
	if v == nil {
		return false
	}
	views, err := v.DeadlineViews(row.CaseID)
	if err != nil {
		return false
	}
	for _, dv := range views {
		if dv.Deadline.ID == row.DeadlineID {
			return dv.Plan != nil && dv.Plan.NeedsSituation()
		}
	}
	return false
}

// reviewSituationButton is the review row's prompt: it opens the case on
// its deadlines, where the situation is recorded.
func (a *App) reviewSituationButton(row store.ReviewRow) fyne.CanvasObject {
	b := widget.NewButtonWithIcon(i18n.T("situation.prompt_review"), theme.WarningIcon(), func() {
		a.touch()
		a.showCaseFormTab(row.CaseID, deadlinesTab)
	})
	b.Importance = widget.DangerImportance
	return b
}
