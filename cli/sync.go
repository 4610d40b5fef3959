package cli

import (
	"errors"
	"fmt"
	"strings"

	"casefile/i18n"
	"casefile/store"
	"casefile/sync"
)

// Team sync through a shared folder (docs/sync.md):
//
//	casefile team create --folder DIR --name NAME
//	casefile team join --folder DIR --name NAME
//	casefile team list [--json]
//	casefile team accept ID --fingerprint FP
//	casefile team remove ID
//	casefile sync [--json]
//	casefile collisions [--json]
//	casefile collisions resolve KIND/ID/FIELD (--keep | --take HLC)
func init() {
	commands["team"] = cmdTeam
	commands["sync"] = cmdSync
	commands["collisions"] = cmdCollisions
	helpSections = append(helpSections, "sync.usage")
}

// syncError names the translated sentence for an error of package sync
// (i18n.Error reads MessageKey).
type syncError struct {
	err error
	key string
}

func (e syncError) Error() string      { return e.err.Error() }
func (e syncError) Unwrap() error      { return e.err }
func (e syncError) MessageKey() string { return e.key }

var syncErrorKeys = []struct {
	err error
	key string
}{
	{sync.ErrNoTeam, "sync.err.no_team"},
	{sync.ErrAlreadyInTeam, "sync.err.already"},
	{sync.ErrUnsafeFile, "sync.err.unsafe"}, // before ErrFolderUnavailable, which they also match
	{sync.ErrTooLarge, "sync.err.too_large"},
	{sync.ErrTooSlow, "sync.err.too_slow"},
	{sync.ErrFolderUnavailable, "sync.err.folder"},
	{sync.ErrTeamExists, "sync.err.team_exists"},
	{sync.ErrFingerprintMismatch, "sync.err.fingerprint"},
	{sync.ErrUnknownMember, "sync.err.unknown_member"},
	{sync.ErrMemberRemoved, "sync.err.removed"},
	{sync.ErrSelf, "sync.err.self"},
}

func translateSync(err error) error {
	for _, k := range syncErrorKeys {
		if errors.Is(err, k.err) {
			return syncError{err, k.key}
		}
	}
	return err
}

func cmdTeam(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("team needs create, join, list, accept or remove")
	}
	var err error
	switch args[0] {
	case "create", "join":
		err = teamStart(env, args[0], args[1:])
	case "list":
		err = teamList(env, args[1:])
	case "accept":
		err = teamAccept(env, args[1:])
	case "remove":
		err = teamRemove(env, args[1:])
	default:
		return usagef("team needs create, join, list, accept or remove")
	}
	return translateSync(err)
}

func teamStart(env *Env, verb string, args []string) error {
	fs := flags(env, "team "+verb)
	folder := fs.String("folder", "", "")
	name := fs.String("name", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 || *folder == "" || *name == "" {
		return usagef("team %s needs --folder DIR and --name NAME", verb)
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	if err := v.SetAuthor(*name); err != nil {
		return err
	}
	start, done := sync.Join, "sync.joined"
	if verb == "create" {
		start, done = sync.Create, "sync.created"
	}
	t, err := start(v, *folder, *name)
	if err != nil {
		return err
	}
	data := map[string]string{"Device": t.Device(), "Fingerprint": t.Fingerprint(), "Folder": t.Folder()}
	fmt.Fprintln(env.Stdout, i18n.T(done, data))
	fmt.Fprintln(env.Stdout, i18n.T("sync.identity", data))
	fmt.Fprintln(env.Stdout, i18n.T("sync."+verb+"_hint", data))
	return nil
}

func openTeam(env *Env) (*store.Vault, *sync.Team, error) {
	v, err := openVault(env)
	if err != nil {
		return nil, nil, err
	}
	t, err := sync.Open(v)
	if err != nil {
		v.Close()
		return nil, nil, err
	}
	return v, t, nil
}

func teamList(env *Env, args []string) error {
	fs := flags(env, "team list")
	asJSON := fs.Bool("json", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("team list takes no argument")
	}
	v, t, err := openTeam(env)
	if err != nil {
		return err
	}
	defer v.Close()
	ms, err := t.Members()
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(env.Stdout, ms)
	}
	for _, m := range ms {
		st := i18n.T("sync.status." + string(m.Status))
		if m.Self {
			st += " · " + i18n.T("sync.status.self")
		}
		fmt.Fprintf(env.Stdout, "%s  %-24s  %s  %s\n", m.Device, m.Name, m.Fingerprint, st)
	}
	return nil
}

func teamAccept(env *Env, args []string) error {
	fs := flags(env, "team accept")
	fp := fs.String("fingerprint", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *fp == "" {
		return usagef("team accept needs ID and --fingerprint FP")
	}
	v, t, err := openTeam(env)
	if err != nil {
		return err
	}
	defer v.Close()
	if err := t.Accept(pos[0], *fp); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.T("sync.accepted", map[string]string{"Device": pos[0]}))
	return nil
}

func teamRemove(env *Env, args []string) error {
	fs := flags(env, "team remove")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("team remove needs ID")
	}
	v, t, err := openTeam(env)
	if err != nil {
		return err
	}
	defer v.Close()
	if err := t.Remove(pos[0]); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, i18n.T("sync.removed", map[string]string{"Device": pos[0]}))
	return nil
}

func cmdSync(env *Env, args []string) error {
	fs := flags(env, "sync")
	asJSON := fs.Bool("json", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("sync takes no argument")
	}
	v, t, err := openTeam(env)
	if err != nil {
		return translateSync(err)
	}
	defer v.Close()
	rep, err := t.Sync()
	if err != nil {
		return translateSync(err)
	}
	if *asJSON {
		return writeJSON(env.Stdout, rep)
	}
	fmt.Fprintln(env.Stdout, i18n.TCounts("sync.summary", map[string]int{
		"Pushed": rep.PushedOps, "Segments": rep.PushedSegments, "Pulled": rep.PulledSegments,
		"Applied": rep.Applied, "Collisions": rep.Collisions, "Skipped": len(rep.Skipped)}))
	if rep.Waiting {
		fmt.Fprintln(env.Stdout, i18n.T("sync.waiting"))
	}
	if rep.Removed {
		fmt.Fprintln(env.Stdout, i18n.T("sync.this_removed"))
	}
	if rep.Documents > 0 {
		fmt.Fprintln(env.Stdout, i18n.TPlural("sync.documents", rep.Documents))
	}
	if rep.Republished > 0 {
		fmt.Fprintln(env.Stdout, i18n.TPlural("sync.republished", rep.Republished))
	}
	if rep.Erased > 0 || rep.Cleaned > 0 {
		fmt.Fprintln(env.Stdout, i18n.TCounts("sync.erased", map[string]int{"N": rep.Erased, "Segments": rep.Cleaned}))
	}
	if rep.FutureClocks > 0 {
		fmt.Fprintln(env.Stdout, i18n.TPlural("sync.future", rep.FutureClocks))
	}
	if rep.Held > 0 {
		fmt.Fprintln(env.Stdout, i18n.TPlural("sync.held", rep.Held))
	}
	for _, d := range rep.Pending {
		fmt.Fprintln(env.Stdout, i18n.T("sync.pending", map[string]string{"Device": d}))
	}
	for _, p := range rep.Skipped {
		fmt.Fprintln(env.Stdout, i18n.T("sync.skipped", map[string]string{"File": p.File,
			"Reason": i18n.T("sync.reason." + p.Code())}))
	}
	return nil
}

// casefile collisions [--json]
// casefile collisions resolve KIND/ID/FIELD (--keep | --take HLC)
func cmdCollisions(env *Env, args []string) error {
	if len(args) > 0 && args[0] == "resolve" {
		return collisionsResolve(env, args[1:])
	}
	fs := flags(env, "collisions")
	asJSON := fs.Bool("json", false, "")
	if pos, err := parse(fs, args); err != nil {
		return err
	} else if len(pos) > 0 {
		return usagef("collisions takes no argument, or resolve")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	q, err := v.AllCollisions()
	if err != nil {
		return err
	}
	if *asJSON {
		if q == nil {
			q = []store.QueuedCollision{}
		}
		return writeJSON(env.Stdout, q)
	}
	if len(q) == 0 {
		fmt.Fprintln(env.Stdout, i18n.T("sync.no_collisions"))
	}
	for _, c := range q {
		fmt.Fprintf(env.Stdout, "%s  %s/%s/%s  %s\n", c.CaseRef, c.Kind, c.ID, c.Field, i18n.T("sync.collision_line", map[string]string{
			"Field": i18n.HistoryField(c.Kind, c.Field), "Kept": i18n.HistoryValue(c.Field, c.Value),
			"Lost": i18n.HistoryValue(c.Field, c.Lost), "Who": c.LostAuthor, "HLC": c.LostHLC.String()}))
	}
	return nil
}

func collisionsResolve(env *Env, args []string) error {
	fs := flags(env, "collisions resolve")
	keep := fs.Bool("keep", false, "")
	take := fs.String("take", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *keep == (*take != "") {
		return usagef("collisions resolve needs KIND/ID/FIELD and either --keep or --take HLC")
	}
	kind, rest, _ := strings.Cut(pos[0], "/")
	id, field, _ := strings.Cut(rest, "/")
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	q, err := v.AllCollisions()
	if err != nil {
		return err
	}
	for _, c := range q {
		if c.Kind != kind || c.ID != id || c.Field != field {
			continue
		}
		value := c.Value
		if !*keep {
			if c.LostHLC.String() != *take {
				continue
			}
			value = c.Lost
		}
		if err := v.ResolveCollision(kind, id, field, value); err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, i18n.T("sync.resolved", map[string]string{"Ref": c.CaseRef}))
		return nil
	}
	return fmt.Errorf("%s: %w", pos[0], store.ErrNotFound)
}
