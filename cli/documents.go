package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"text/tabwriter"

	"casefile/i18n"
	"casefile/model"
	"casefile/store"
)

// Documents, a case's history and its document checklist (docs/documents.md).

func init() {
	commands["doc"] = cmdDoc
	commands["history"] = cmdHistory
	commands["checklist"] = cmdChecklist
	helpSections = append(helpSections, "documents.usage")
}

func cmdDoc(env *Env, args []string) error {
	if len(args) == 0 {
		return usagef("doc needs add, list, export or rm")
	}
	switch args[0] {
	case "add":
		return docAdd(env, args[1:])
	case "list":
		return docList(env, args[1:])
	case "export":
		return docExport(env, args[1:])
	case "rm":
		return docRemove(env, args[1:])
	}
	return usagef("unknown doc subcommand %q", args[0])
}

func docAdd(env *Env, args []string) error {
	fs := flags(env, "doc add")
	item := fs.String("item", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) < 2 {
		return usagef("doc add needs REF and at least one FILE")
	}
	if *item != "" && !model.KnownChecklistItem(*item) {
		fmt.Fprintln(env.Stderr, i18n.T("documents.unknown_item", map[string]string{"Item": *item}))
		return exitError{ExitInvalid, nil}
	}
	v, f, err := openCase(env, "doc add", pos[:1])
	if err != nil {
		return err
	}
	defer v.Close()
	for _, path := range pos[1:] {
		file, err := os.Open(path)
		if err != nil {
			return err
		}
		d, err := v.AddDocumentAs(model.Document{CaseID: f.ID, Name: filepath.Base(path), ChecklistItem: *item}, file)
		file.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if *item != "" {
			if err := v.SetDocumentChecklistItem(d.ID, *item); err != nil {
				return err
			}
		}
		fmt.Fprintln(env.Stderr, i18n.T("documents.added", map[string]string{"Name": d.Name, "Ref": f.Ref}))
		fmt.Fprintln(env.Stdout, d.ID)
	}
	return nil
}

func docList(env *Env, args []string) error {
	fs := flags(env, "doc list")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	v, f, err := openCase(env, "doc list", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	docs, err := v.Documents(f.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		if docs == nil {
			docs = []model.Document{}
		}
		return writeJSON(env.Stdout, docs)
	}
	if len(docs) == 0 {
		fmt.Fprintln(env.Stderr, i18n.T("documents.none"))
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", i18n.T("documents.col.id"), i18n.T("documents.col.name"),
		i18n.T("documents.col.size"), i18n.T("documents.col.added"), i18n.T("documents.col.item"))
	for _, d := range docs {
		item := ""
		if d.ChecklistItem != "" {
			item = i18n.T("checklist." + d.ChecklistItem)
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", d.ID, d.Name, i18n.Size(d.Size),
			i18n.Date(model.DateOf(d.AddedAt.Local())), item)
	}
	return w.Flush()
}

func docExport(env *Env, args []string) error {
	fs := flags(env, "doc export")
	out := fs.String("out", "", "")
	force := fs.Bool("force", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" {
		return usagef("doc export needs one DOCID and --out FILE")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	// Read and verify everything before writing a byte outside the vault.
	b, d, err := v.ReadDocument(pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("documents.clear_copy_warning", map[string]string{"Path": *out}))
	mode := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if *force {
		mode = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	file, err := os.OpenFile(*out, mode, 0o600)
	if errors.Is(err, os.ErrExist) {
		fmt.Fprintln(env.Stderr, i18n.T("documents.exists", map[string]string{"Path": *out}))
		return exitError{ExitInvalid, nil}
	}
	if err != nil {
		return err
	}
	if _, err := file.Write(b); err != nil {
		file.Close()
		os.Remove(*out)
		return err
	}
	if err := file.Close(); err != nil {
		os.Remove(*out)
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("documents.exported", map[string]string{"Name": d.Name, "Path": *out}))
	return nil
}

func docRemove(env *Env, args []string) error {
	fs := flags(env, "doc rm")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("doc rm needs one DOCID")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	d, err := v.Document(pos[0])
	if err != nil {
		return err
	}
	if err := v.DeleteDocument(d.ID); err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, i18n.T("documents.removed", map[string]string{"Name": d.Name}))
	return nil
}

func cmdHistory(env *Env, args []string) error {
	fs := flags(env, "history")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	v, f, err := openCase(env, "history", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	h, err := v.CaseHistory(f.ID)
	if err != nil {
		return err
	}
	if *asJSON {
		if h == nil {
			h = []store.FieldChange{}
		}
		return writeJSON(env.Stdout, h)
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, c := range h {
		if !i18n.HistoryShown(c) {
			continue
		}
		t := c.Time.Local()
		fmt.Fprintf(w, "%s %s\t%s\t%s\t%s\n", i18n.Date(model.DateOf(t)), t.Format("15:04"), c.Author,
			i18n.HistoryField(c.Entity, c.Field), i18n.HistoryChange(c.Field, c.Old, c.New))
	}
	return w.Flush()
}

func cmdChecklist(env *Env, args []string) error {
	fs := flags(env, "checklist")
	tick := fs.String("tick", "", "")
	untick := fs.String("untick", "", "")
	asJSON := fs.Bool("json", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	v, f, err := openCase(env, "checklist", pos)
	if err != nil {
		return err
	}
	defer v.Close()
	for item, on := range map[string]bool{*tick: true, *untick: false} {
		if item == "" {
			continue
		}
		if err := v.TickChecklist(f.ID, item, on); err != nil {
			return err
		}
	}
	if f, err = v.Case(f.ID); err != nil {
		return err
	}
	type row struct {
		Item   string `json:"item"`
		Label  string `json:"label"`
		Ticked bool   `json:"ticked"`
	}
	var rows []row
	for _, it := range model.Checklist(f.Procedure) {
		rows = append(rows, row{it.ID, i18n.T("checklist." + it.ID), f.Ticked(it.ID)})
	}
	if *asJSON {
		return writeJSON(env.Stdout, rows)
	}
	fmt.Fprintln(env.Stdout, i18n.T("documents.checklist_title", map[string]string{"Procedure": i18n.Procedure(f.Procedure)}))
	for _, r := range rows {
		box := "[ ]"
		if r.Ticked {
			box = "[x]"
		}
		fmt.Fprintf(env.Stdout, "%s %s (%s)\n", box, r.Label, r.Item)
	}
	return nil
}
