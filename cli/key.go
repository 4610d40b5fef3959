package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"casefile/crypto"
	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

func init() {
	commands["key"] = cmdKey
	commands["contacts"] = cmdContacts
	helpSections = append(helpSections, "bundle.usage")
}

// cmdKey: `casefile key show` prints the age recipient alone on its first
// line (for scripts and `age -r`), then the whole public identity with its
// fingerprint, to send to a colleague.
func cmdKey(env *Env, args []string) error {
	if len(args) == 0 || args[0] != "show" {
		return usagef("key needs show")
	}
	fs := flags(env, "key show")
	if pos, err := parse(fs, args[1:]); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("key show takes no argument")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	pub, err := v.PublicIdentity()
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, pub.Recipient())
	fmt.Fprintln(env.Stdout)
	fmt.Fprint(env.Stdout, pub.String())
	return nil
}

func cmdContacts(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("contacts needs add, list or verify")
	}
	switch args[0] {
	case "add":
		return contactsAdd(env, args[1:])
	case "list":
		return contactsList(env, args[1:])
	case "verify":
		return contactsVerify(env, args[1:])
	}
	return usagef("unknown contacts subcommand %q", args[0])
}

// readKeyArg takes a key given on the command line, or the name of a file
// holding one (an identity sent by a colleague).
func readKeyArg(arg string) (crypto.PublicIdentity, error) {
	text := arg
	if !strings.HasPrefix(arg, "age1") && !strings.HasPrefix(arg, "casefile-identity") {
		b, err := os.ReadFile(arg)
		if err != nil {
			return crypto.PublicIdentity{}, crypto.ErrNotAnIdentity
		}
		text = string(b)
	}
	return crypto.ParsePublicIdentity(text)
}

func contactsAdd(env *Env, args []string) error {
	fs := flags(env, "contacts add")
	org := fs.String("org", "", "")
	verified := fs.Bool("verified", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 2 {
		return usagef("contacts add needs NAME and KEY or FILE")
	}
	key, err := readKeyArg(pos[1])
	if err != nil {
		return err
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	c := &store.Contact{Name: pos[0], Organisation: *org, Key: key}
	if *verified {
		c.Verified = time.Now().UTC().Truncate(time.Second)
	}
	if err := v.SaveContact(c); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.T("bundle.contact_added", map[string]string{"Name": c.Name, "Fingerprint": c.Fingerprint}))
	if c.Verified.IsZero() {
		fmt.Fprintln(env.Stdout, i18n.T("bundle.contact_verify_hint", map[string]string{"Name": c.Name}))
	}
	return nil
}

func contactsVerify(env *Env, args []string) error {
	fs := flags(env, "contacts verify")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("contacts verify needs NAME")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	c, err := v.FindContact(pos[0])
	if err != nil {
		return err
	}
	c.Verified = time.Now().UTC().Truncate(time.Second)
	if err := v.SaveContact(c); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.T("bundle.contact_verified", map[string]string{"Name": c.Name, "Fingerprint": c.Fingerprint}))
	return nil
}

func contactsList(env *Env, args []string) error {
	fs := flags(env, "contacts list")
	asJSON := fs.Bool("json", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("contacts list takes no argument")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	cs, err := v.Contacts()
	if err != nil {
		return err
	}
	if *asJSON {
		if cs == nil {
			cs = []store.Contact{}
		}
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(cs)
	}
	tw := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, c := range cs {
		verified := i18n.T("bundle.not_verified")
		if !c.Verified.IsZero() {
			verified = i18n.T("bundle.verified_on", map[string]string{"Date": i18n.Date(model.DateOf(c.Verified.Local()))})
		}
		kind := "Casefile"
		if len(c.Key.Verify) == 0 {
			kind = "age"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", c.Name, c.Organisation, kind, c.Fingerprint, verified)
	}
	return tw.Flush()
}
