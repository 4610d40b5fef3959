package letters

import (
	"slices"
	"time"

	"casefile/model"
	"casefile/store"
)

// The sender, the Défenseur des droits' title and the templates folder
// are device settings (meta/settings/letters.<name>): the clinic's own
// details, never a client's.
var senderSettings = []string{"clinic", "address", "city", "signatory", "defender_title"}

// LoadSender reads the sender settings as they were saved; unset ones are
// empty (Compose applies the defaults: DefaultSignatory, and
// DefaultDefenderTitle).
func LoadSender(v *store.Vault) (Sender, error) {
	var vals [5]string
	for i, name := range senderSettings {
		b, _, err := v.Setting("letters." + name)
		if err != nil {
			return Sender{}, err
		}
		vals[i] = string(b)
	}
	return Sender{Clinic: vals[0], Address: vals[1], City: vals[2], Signatory: vals[3], DefenderTitle: vals[4]}, nil
}

// SaveSender writes the sender settings.
func SaveSender(v *store.Vault, s Sender) error {
	for i, val := range []string{s.Clinic, s.Address, s.City, s.Signatory, s.DefenderTitle} {
		if err := v.SetSetting("letters."+senderSettings[i], []byte(val)); err != nil {
			return err
		}
	}
	return nil
}

// DefaultSignatory is who signs when the signatory setting is empty: the
// name this vault's user gave (store.Vault.Author, once chosen in the
// set-up wizard or the settings), else the case's lawyer, else "" (the
// letter then shows Missing). A name the system account gives the vault
// by default is never used: it may be "root".
func DefaultSignatory(v *store.Vault, f *model.CaseFile) (string, error) {
	if chosen, err := v.AuthorChosen(); err != nil {
		return "", err
	} else if chosen && v.Author() != "" {
		return v.Author(), nil
	}
	if f != nil {
		return f.Lawyer, nil
	}
	return "", nil
}

// Folder is the clinic's templates folder, "" for the defaults only.
func Folder(v *store.Vault) (string, error) {
	b, _, err := v.Setting("letters.folder")
	return string(b), err
}

// SetFolder chooses the templates folder ("" for the defaults only).
func SetFolder(v *store.Vault, dir string) error { return v.SetSetting("letters.folder", []byte(dir)) }

// Letter is a template filled for a case: the text the lawyer then edits,
// and what the faces must say before it goes out.
type Letter struct {
	Template Template
	Text     string
	// DelayNotExtended: the case's decision is contested under the
	// CESEDA's own procedure, where an administrative appeal does not
	// extend the court delay (model.CaseDelayNotExtended). The faces warn
	// that the court appeal must still be filed in time when the letter
	// is a recours gracieux or speaks of the delay.
	DelayNotExtended bool
	// Misleading: DelayNotExtended, and the text says an appeal
	// interrupts or extends the delay (ClaimsExtension): a clinic's own
	// template, or a letter not meant for this decision.
	Misleading bool
	// Deadline is the case's nearest open deadline (zero ID if none),
	// which the warning names.
	Deadline model.Deadline
	// RespondBy is the date a formal notice gives the administration
	// (the {{date_limite}} of the template), zero when the template
	// gives none.
	RespondBy model.Date
}

// WarnDelay reports whether the faces must warn that the court appeal
// still has to be filed in time: a recours gracieux on such a case, or a
// letter that claims an extension there.
func (l *Letter) WarnDelay() bool {
	return l.DelayNotExtended && (l.Template.ID == "recours-gracieux" || l.Misleading)
}

// Options are the choices a face makes beyond the template.
type Options struct {
	// RespondBy is the date a formal notice gives (zero: DefaultNoticeDays
	// from today).
	RespondBy model.Date
}

// Compose fills template id (from the templates folder dir, "" for the
// defaults) for the case, as of today: the text the lawyer then edits,
// with what the faces must warn about.
func Compose(v *store.Vault, f *model.CaseFile, dir, id string, today model.Date, opt Options) (*Letter, error) {
	t, err := Find(dir, id)
	if err != nil {
		return nil, err
	}
	in, err := LoadInput(v, f, today)
	if err != nil {
		return nil, err
	}
	in.RespondBy = opt.RespondBy
	return ComposeWith(t, in)
}

// LoadInput reads what Fields needs of a case from the vault.
func LoadInput(v *store.Vault, f *model.CaseFile, today model.Date) (Input, error) {
	in := Input{File: *f, Today: today}
	var err error
	if in.Sender, err = LoadSender(v); err != nil {
		return in, err
	}
	if in.Sender.Signatory == "" {
		if in.Sender.Signatory, err = DefaultSignatory(v, f); err != nil {
			return in, err
		}
	}
	if in.Events, err = v.Events(f.ID); err != nil {
		return in, err
	}
	if in.Evidence, err = v.EvidenceLog(f.ID); err != nil {
		return in, err
	}
	views, err := v.DeadlineViews(f.ID)
	if err != nil {
		return in, err
	}
	for _, dv := range views {
		in.Deadlines = append(in.Deadlines, dv.Deadline)
	}
	return in, nil
}

// ComposeWith fills t from in.
func ComposeWith(t Template, in Input) (*Letter, error) {
	fields := Fields(in)
	text, err := t.Fill(fields)
	if err != nil {
		return nil, err
	}
	l := &Letter{Template: t, Text: text, DelayNotExtended: model.CaseDelayNotExtended(in.File.Procedure, in.Events)}
	l.Misleading = l.DelayNotExtended && ClaimsExtension(text)
	if t.Uses("date_limite") {
		l.RespondBy, _ = model.ParseLocalDate(fieldDate(in))
	}
	open := slices.DeleteFunc(slices.Clone(in.Deadlines), func(d model.Deadline) bool { return d.Status != model.DeadlineOpen })
	slices.SortStableFunc(open, func(a, b model.Deadline) int { return a.Due.Compare(b.Due) })
	for _, d := range open {
		if !d.Due.Before(in.Today) {
			l.Deadline = d
			break
		}
	}
	if l.Deadline.ID == "" && len(open) > 0 {
		l.Deadline = open[0] // overdue: still the one to act on
	}
	return l, nil
}

// fieldDate is the formal notice's date as Fields computes it, ISO.
func fieldDate(in Input) string {
	if !in.RespondBy.IsZero() {
		return in.RespondBy.String()
	}
	return model.DateOf(in.Today.Time(time.UTC).AddDate(0, 0, DefaultNoticeDays)).String()
}
