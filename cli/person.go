package cli

import (
	"fmt"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

func init() {
	commands["person"] = cmdPerson
	helpSections = append(helpSections, "person.usage")
}

func cmdPerson(env *Env, args []string) error {
	if len(args) > 0 && args[0] == "export" {
		return personExport(env, args[1:]) // retention.go
	}
	if len(args) == 0 || args[0] != "merge" {
		return usagef("person needs merge KEEP DROP")
	}
	fs := flags(env, "person merge")
	pos, err := parse(fs, args[1:])
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("person merge needs KEEP and DROP (person ids, or case references for their main person)")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	var ids [2]string
	for i, a := range pos {
		if ids[i], err = personID(v, a); err != nil {
			return err
		}
	}
	conflicts, err := v.MergePersons(ids[0], ids[1])
	if err != nil {
		return err
	}
	for _, c := range conflicts {
		fmt.Fprintln(env.Stderr, i18n.T("person.merge.conflict", map[string]string{
			"Field": i18n.Field(c.Field), "Kept": c.Kept, "Dropped": c.Dropped}))
	}
	fmt.Fprintln(env.Stderr, i18n.T("person.merged", map[string]string{"Keep": ids[0], "Drop": ids[1]}))
	return nil
}

// personID reads a person id, or a case reference (or case id) for its
// main person.
func personID(v *store.Vault, arg string) (string, error) {
	if model.ValidRef(arg) {
		f, err := v.Case(arg)
		if err != nil {
			return "", err
		}
		return f.PersonID, nil
	}
	if _, err := v.Person(arg); err == nil {
		return arg, nil
	}
	f, err := v.Case(arg)
	if err != nil {
		return "", err
	}
	return f.PersonID, nil
}
