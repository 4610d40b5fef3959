package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// ErrUnknownField is returned by SetField for a name that is not a settable
// field of a case or its person.
var ErrUnknownField = errors.New("unknown field")

// ErrNotSettable is returned for fields that exist but are not set this way
// (ids, the reference, related people).
var ErrNotSettable = errors.New("field cannot be set this way")

// SetField sets one field of a case file by its JSON name, as the CLI's
// `case set REF FIELD=VALUE` and imports name them: "prefecture",
// "person.family_name". Dates take YYYY-MM-DD or dd/mm/yyyy; languages take a
// comma-separated list. The result is not validated here: SaveCase does it.
func SetField(f *CaseFile, field, value string) error {
	target := any(&f.Case)
	name := field
	if strings.HasPrefix(field, "person.") {
		target, name = &f.Person, strings.TrimPrefix(field, "person.")
	}
	switch name {
	case "id", "ref", "person_id", "related", "person", "malfunctions", "merged_into":
		return fmt.Errorf("%w: %s", ErrNotSettable, field)
	}
	b, err := json.Marshal(target)
	if err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	old, ok := m[name]
	if !ok {
		return fmt.Errorf("%w: %s", ErrUnknownField, field)
	}
	var raw []byte
	switch {
	case name == "civility":
		c, ok := ParseCivility(value)
		if !ok {
			return fmt.Errorf("%w: %s=%q (madame, monsieur or empty)", ErrNotSettable, field, value)
		}
		raw, _ = json.Marshal(c)
	case name == "interpreter":
		b, ok := parseBool(value)
		if !ok {
			return fmt.Errorf("%w: %s=%q (yes or no)", ErrNotSettable, field, value)
		}
		raw, _ = json.Marshal(b)
	case name == "languages" || name == "vulnerabilities" || name == "checklist":
		var list []string
		for _, l := range strings.Split(value, ",") {
			if l = strings.TrimSpace(l); l != "" {
				list = append(list, l)
			}
		}
		raw, _ = json.Marshal(list)
	case isDateField(name):
		d, err := ParseLocalDate(strings.TrimSpace(value))
		if err != nil && value != "" {
			return fmt.Errorf("%s: %w", field, err)
		}
		raw, _ = json.Marshal(d)
	case len(old) > 0 && old[0] == '"':
		raw, _ = json.Marshal(strings.TrimSpace(value))
	default:
		return fmt.Errorf("%w: %s", ErrNotSettable, field)
	}
	m[name] = raw
	b, _ = json.Marshal(m)
	return json.Unmarshal(b, target)
}

// parseBool reads yes/no the ways a French or English user types them.
func parseBool(s string) (bool, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "y", "true", "1", "oui", "o":
		return true, true
	case "no", "n", "false", "0", "non", "":
		return false, true
	}
	return false, false
}

func isDateField(name string) bool {
	switch name {
	case "birth_date", "opened", "closed", "end_of_mission":
		return true
	}
	return false
}
