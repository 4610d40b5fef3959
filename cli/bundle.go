package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"casefile/bundle"
	"casefile/i18n"
	"casefile/internal/atomicfile"
	"casefile/store"
)

func init() {
	commands["export"] = cmdExport
	commands["import"] = cmdImport
}

// listFlag collects a flag given several times (--case A --case B).
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

func cmdExport(env *Env, args []string) error {
	fs := flags(env, "export")
	var cases, to, toContact listFlag
	fs.Var(&cases, "case", "")
	fs.Var(&to, "to", "")
	fs.Var(&toContact, "to-contact", "")
	usePass := fs.Bool("passphrase", false, "")
	armor := fs.Bool("armor", false, "")
	out := fs.String("out", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	targets := 0
	for _, set := range []bool{len(to) > 0, len(toContact) > 0, *usePass} {
		if set {
			targets++
		}
	}
	if len(pos) > 0 || len(cases) == 0 || *out == "" || targets == 0 {
		return usagef("export needs --case REF, one of --to KEY, --to-contact NAME or --passphrase, and --out FILE")
	}
	if *usePass && targets > 1 {
		return bundle.ErrMixedRecipients // a passphrase must be alone in an age file
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	t := bundle.Target{Contacts: toContact, Armor: *armor}
	for _, k := range to { // a key, an identity text, or the file a colleague sent
		p, err := readKeyArg(k)
		if err != nil {
			return err
		}
		t.Keys = append(t.Keys, p.Recipient())
	}
	if *usePass {
		if t.Passphrase, err = bundlePassphrase(env); err != nil {
			return err
		}
	}
	opts, err := bundle.VaultOptions(v, t, time.Now())
	if errors.Is(err, bundle.ErrVaultPassphrase) {
		return exitError{ExitInvalid, nil}.withMessage(env, i18n.T("bundle.passphrase_is_vaults"))
	}
	if err != nil {
		return err
	}
	if err := writeFile(*out, func(f *os.File) error { return bundle.WriteVault(f, opts, v, cases) }); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.TPlural("bundle.exported", len(cases), map[string]any{"File": *out}))
	return nil
}

// bundlePassphrase is the one-off passphrase of a bundle: from
// CASEFILE_BUNDLE_PASSPHRASE or asked twice. That it is not the vault's
// own is bundle.VaultOptions' rule.
func bundlePassphrase(env *Env) (string, error) {
	p, err := newPassphrase(env, "CASEFILE_BUNDLE_PASSPHRASE", "")
	if err != nil {
		return "", err
	}
	if p == "" { // an empty answer: no bundle passphrase
		return "", exitError{ExitInvalid, nil}.withMessage(env, i18n.T("bundle.passphrase_is_vaults"))
	}
	return p, nil // bundle.VaultOptions refuses the vault's own
}

func writeFile(path string, fill func(f *os.File) error) error {
	return atomicfile.WriteStream(path, 0o600, fill)
}

// importJSON is what `import --json` prints.
type importJSON struct {
	Sender   senderJSON            `json:"sender"`
	Cases    []store.ImportPreview `json:"cases"`
	Imported *store.ImportResult   `json:"imported,omitempty"`
}

type senderJSON struct {
	Name        string `json:"name"`
	Fingerprint string `json:"fingerprint"`
	Contact     string `json:"contact,omitempty"`
	Verified    bool   `json:"verified"`
}

func cmdImport(env *Env, args []string) error {
	fs := flags(env, "import")
	dry := fs.Bool("dry-run", false, "")
	asJSON := fs.Bool("json", false, "")
	yes := fs.Bool("yes", false, "")
	printed := false
	var only, keepLocal listFlag
	fs.Var(&only, "case", "")
	fs.Var(&keepLocal, "keep-local", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("import needs FILE")
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	id, err := v.Identity()
	if err != nil {
		return err
	}
	b, err := bundle.Read(f, id.AgeIdentities(), func() (string, error) {
		return passphraseFrom(env, "CASEFILE_BUNDLE_PASSPHRASE", "bundle.prompt_passphrase")
	})
	if err != nil {
		return exitError{ExitInvalid, err}
	}
	sender := senderJSON{Name: b.Manifest.Sender.Name, Fingerprint: b.Manifest.Sender.Fingerprint()}
	if c, err := v.ContactByVerifyKey(b.Manifest.Sender.Verify); err == nil {
		sender.Contact, sender.Verified = c.Name, !c.Verified.IsZero()
	} else if !errors.Is(err, store.ErrNotFound) {
		return err
	}
	cases := b.Cases
	if len(only) > 0 {
		cases = slices.DeleteFunc(slices.Clone(cases), func(c store.CaseExport) bool {
			return !slices.Contains(only, c.Ref) && !slices.Contains(only, c.ID)
		})
	}
	pre, err := v.PreviewImport(cases)
	if err != nil {
		return err
	}
	var res *store.ImportResult
	var refused []string
	if !*dry && !*yes && isTerminal(env) {
		// A person at a terminal sees the preview first, then decides.
		if !*asJSON {
			printSender(env, sender)
			for _, p := range pre {
				printPreview(env, p)
			}
		}
		if !confirmPrompt(env, "bundle.confirm_import") {
			fmt.Fprintln(env.Stderr, i18n.T("bundle.dry_run"))
			return nil
		}
		*asJSON, printed = false, true
	}
	if !*dry {
		var take []store.CaseExport
		for i, p := range pre {
			if p.Problem == nil {
				take = append(take, cases[i])
			} else {
				refused = append(refused, p.Ref)
			}
		}
		r, err := v.ImportBundle(take, store.ImportOptions{Documents: b.Documents, KeepLocal: declined(pre, keepLocal)})
		if err != nil {
			return err
		}
		res = &r
	}
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(importJSON{Sender: sender, Cases: pre, Imported: res})
	}
	if !printed {
		printSender(env, sender)
		for _, p := range pre {
			printPreview(env, p)
		}
	}
	if res != nil {
		fmt.Fprintln(env.Stderr, i18n.TCounts("bundle.imported", map[string]int{"New": res.NewCases, "Updated": res.UpdatedCases, "Unchanged": res.Unchanged}))
	} else {
		fmt.Fprintln(env.Stderr, i18n.T("bundle.dry_run"))
	}
	if res != nil {
		for _, p := range pre {
			if p.Problem != nil || p.New || len(p.Changes) == 0 {
				continue // only cases where both sides changed can collide
			}
			col, err := v.Collisions(p.ID)
			if err != nil {
				return err
			}
			for _, c := range col {
				fmt.Fprintln(env.Stdout, i18n.T("bundle.collision", map[string]string{"Ref": p.Ref,
					"Field": c.Kind + "." + c.Field, "Value": string(c.Value), "Lost": string(c.Lost), "Author": c.LostAuthor}))
			}
		}
	}
	for _, ref := range refused {
		fmt.Fprintln(env.Stderr, i18n.T("bundle.ref_taken", map[string]string{"Ref": ref}))
	}
	return nil
}

func printSender(env *Env, s senderJSON) {
	data := map[string]string{"Name": s.Name, "Fingerprint": s.Fingerprint, "Contact": s.Contact}
	switch {
	case s.Verified:
		fmt.Fprintln(env.Stdout, i18n.T("bundle.from_verified", data))
	case s.Contact != "":
		fmt.Fprintln(env.Stdout, i18n.T("bundle.from_unverified", data))
	default:
		fmt.Fprintln(env.Stdout, i18n.T("bundle.from_unknown", data))
	}
}

func printPreview(env *Env, p store.ImportPreview) {
	var state string
	switch {
	case p.Problem != nil:
		state = i18n.T("bundle.case_refused")
	case p.New:
		state = i18n.T("bundle.case_new")
	case p.UpToDate():
		state = i18n.T("bundle.case_up_to_date")
	default:
		state = i18n.TCounts("bundle.case_changes", map[string]int{"N": len(p.Changes), "Records": p.NewRecords})
	}
	if p.Evidence > 0 {
		state += ", " + i18n.TPlural("bundle.case_evidence", p.Evidence)
	}
	fmt.Fprintf(env.Stdout, "%s  %s  %s\n", p.Ref, p.Name, state) // escaped by safeWriter
	if p.New {
		return
	}
	for _, c := range p.Changes {
		key := "bundle.change_kept"
		if c.Taken {
			key = "bundle.change_taken"
		}
		fmt.Fprintln(env.Stdout, "    "+i18n.T(key, map[string]string{
			"Field": c.Kind + "." + c.Field, "Local": string(c.Local), "Incoming": string(c.Incoming)}))
	}
}

// declined turns --keep-local KIND.FIELD (as the preview prints a field)
// into the differences to keep as collisions, in every case imported.
func declined(pre []store.ImportPreview, fields []string) map[string][]store.FieldRef {
	if len(fields) == 0 {
		return nil
	}
	out := map[string][]store.FieldRef{}
	for _, p := range pre {
		for _, c := range p.Changes {
			if c.Taken && slices.Contains(fields, c.Kind+"."+c.Field) {
				out[p.ID] = append(out[p.ID], store.FieldRef{Kind: c.Kind, ID: c.ID, Field: c.Field})
			}
		}
	}
	return out
}
