package letters

import (
	"casefile/model"
	"casefile/store"
)

// The sender and the templates folder are device settings
// (meta/settings/letters.<name>): the clinic's own details, never a client's.
var senderSettings = []string{"clinic", "address", "city", "signatory"}

// LoadSender reads the sender settings; unset ones are empty.
func LoadSender(v *store.Vault) (Sender, error) {
	var vals [4]string
	for i, name := range senderSettings {
		b, _, err := v.Setting("letters." + name)
		if err != nil {
			return Sender{}, err
		}
		vals[i] = string(b)
	}
	return Sender{Clinic: vals[0], Address: vals[1], City: vals[2], Signatory: vals[3]}, nil
}

// SaveSender writes the sender settings.
func SaveSender(v *store.Vault, s Sender) error {
	for i, val := range []string{s.Clinic, s.Address, s.City, s.Signatory} {
		if err := v.SetSetting("letters."+senderSettings[i], []byte(val)); err != nil {
			return err
		}
	}
	return nil
}

// Folder is the clinic's templates folder, "" for the defaults only.
func Folder(v *store.Vault) (string, error) {
	b, _, err := v.Setting("letters.folder")
	return string(b), err
}

// SetFolder chooses the templates folder ("" for the defaults only).
func SetFolder(v *store.Vault, dir string) error { return v.SetSetting("letters.folder", []byte(dir)) }

// Compose fills template id (from the templates folder dir, "" for the
// defaults) for the case: the text the lawyer then edits.
func Compose(v *store.Vault, f *model.CaseFile, dir, id string, today model.Date) (Template, string, error) {
	t, err := Find(dir, id)
	if err != nil {
		return Template{}, "", err
	}
	from, err := LoadSender(v)
	if err != nil {
		return t, "", err
	}
	events, err := v.Events(f.ID)
	if err != nil {
		return t, "", err
	}
	text, err := t.Fill(Fields(*f, events, from, today))
	return t, text, err
}
