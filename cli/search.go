package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"casefile/i18n"
	"casefile/model"
	"casefile/search"
	"casefile/store"
)

func init() {
	commands["search"] = cmdSearch
	helpSections = append(helpSections, "search.usage")
}

// searchItem is one hit of `casefile search --json`.
type searchItem struct {
	Ref        string `json:"ref"`
	CaseID     string `json:"case_id"`
	PersonID   string `json:"person_id"`
	FamilyName string `json:"family_name"`
	GivenNames string `json:"given_names"`
	Role       string `json:"role,omitempty"`
	Field      string `json:"field"`
	Match      string `json:"match"`
}

// buildIndex reads every case into a search index.
func buildIndex(v *store.Vault) (*search.Index, error) {
	return search.Build(v.EachSearchDoc)
}

func cmdSearch(env *Env, args []string) error {
	fs := flags(env, "search")
	asJSON := fs.Bool("json", false, "")
	limit := fs.Int("limit", 50, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usagef("search needs a QUERY")
	}
	v, err := openVault(env)
	if err != nil {
		return err
	}
	defer v.Close()
	ix, err := buildIndex(v)
	if err != nil {
		return err
	}
	hits, total := ix.Search(strings.Join(pos, " "), *limit)
	if *asJSON {
		items := make([]searchItem, len(hits))
		for i, h := range hits {
			items[i] = searchItem{Ref: h.Ref, CaseID: h.CaseID, PersonID: h.Person.ID, FamilyName: h.Person.FamilyName,
				GivenNames: h.Person.GivenNames, Role: string(h.Person.Role), Field: h.Field.String(), Match: h.Level.String()}
		}
		return writeJSON(env.Stdout, items)
	}
	if total == 0 {
		fmt.Fprintln(env.Stderr, i18n.T("search.none"))
		return nil
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 0, 2, ' ', 0)
	for _, h := range hits {
		name := strings.TrimSpace(strings.ToUpper(h.Person.FamilyName) + " " + h.Person.GivenNames)
		if h.Person.Role != "" {
			name += " (" + i18n.Role(h.Person.Role) + ")"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", h.Ref, name, i18n.Field(h.Field.String()), i18n.T("search.level."+h.Level.String()))
	}
	w.Flush()
	if total > len(hits) {
		fmt.Fprintln(env.Stderr, i18n.T("search.more", map[string]int{"Shown": len(hits), "Total": total}))
	}
	return nil
}

// warnLikelyMatches tells, on stderr, which people already in the vault
// are likely the person being created (same AGDREF, or name variants with
// the same birth date), so a duplicate or a conflict of interest is seen.
// It warns only: the case is still created.
func warnLikelyMatches(env *Env, v *store.Vault, p model.Person) error {
	ix, err := buildIndex(v)
	if err != nil {
		return err
	}
	for _, c := range ix.LikelyMatches(search.Person{FamilyName: p.FamilyName, GivenNames: p.GivenNames,
		BirthDate: p.BirthDate, AGDREF: p.AGDREF}) {
		refs := make([]string, len(c.Cases))
		for i, r := range c.Cases {
			refs[i] = r.Ref
		}
		fmt.Fprintln(env.Stderr, i18n.T("search.conflict."+string(c.Reason), map[string]string{
			"Name": strings.TrimSpace(strings.ToUpper(c.Person.FamilyName) + " " + c.Person.GivenNames),
			"Born": i18n.Date(c.Person.BirthDate), "Refs": strings.Join(refs, ", ")}))
	}
	return nil
}
