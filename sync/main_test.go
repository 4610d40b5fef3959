package sync

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"casefile/crypto"
	"casefile/fakeclinic"
	"casefile/model"
	"casefile/store"
)

func TestMain(m *testing.M) {
	crypto.SetScryptWorkFactorForTests(10)
	os.Exit(m.Run())
}

const testPass = "correct horse battery staple"

func newVault(t testing.TB) *store.Vault {
	t.Helper()
	c, err := store.Create(t.TempDir(), testPass)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Vault.Close() })
	return c.Vault
}

// newTeamOf makes n vaults in one team: the first creates it, the others
// join, and each newcomer and the creator accept each other.
func newTeamOf(t testing.TB, n int) (string, []*store.Vault, []*Team) {
	t.Helper()
	folder := t.TempDir()
	vaults := make([]*store.Vault, n)
	teams := make([]*Team, n)
	for i := range vaults {
		vaults[i] = newVault(t)
		var err error
		if i == 0 {
			teams[i], err = Create(vaults[i], folder, "Me Claire Fontaine")
		} else {
			teams[i], err = Join(vaults[i], folder, "Me Jules Martin")
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	for i := 1; i < n; i++ {
		mustOK(t, teams[0].Accept(teams[i].Device(), teams[i].Fingerprint()))
		mustOK(t, teams[i].Accept(teams[0].Device(), teams[0].Fingerprint()))
	}
	return folder, vaults, teams
}

func mustOK(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func mustSync(t testing.TB, tm *Team) *Report {
	t.Helper()
	rep, err := tm.Sync()
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// syncAll runs rounds of sync over every team member.
func syncAll(t testing.TB, teams []*Team, rounds int) {
	t.Helper()
	for r := 0; r < rounds; r++ {
		for _, tm := range teams {
			mustSync(t, tm)
		}
	}
}

// addCases creates n fictional cases with relatives and notes.
func addCases(t testing.TB, v *store.Vault, n int, seed int64) []string {
	t.Helper()
	g := fakeclinic.New(seed)
	today := model.DateOf(time.Now())
	cases := make([]store.NewCase, n)
	refs := make([]string, n)
	for i := range cases {
		h := g.Household(today)
		cases[i] = store.NewCase{File: h.File, Notes: g.Notes(h.File, 2, today)}
		for _, r := range h.Relatives {
			cases[i].Relatives = append(cases[i].Relatives, store.Relative{Person: r.Person, Role: r.Role})
		}
	}
	mustOK(t, v.CreateCases(cases))
	for i := range cases {
		refs[i] = cases[i].File.Ref
	}
	return refs
}

// snapshot is every case of the vault as a bundle would carry it.
func snapshot(t testing.TB, v *store.Vault) string {
	t.Helper()
	list, err := v.ListCases()
	mustOK(t, err)
	refs := make([]string, len(list))
	for i, c := range list {
		refs[i] = c.Ref
	}
	ex, err := v.ExportCases(refs)
	mustOK(t, err)
	b, _ := json.Marshal(ex)
	return string(b)
}

func mustCheck(t testing.TB, v *store.Vault) {
	t.Helper()
	rep, err := v.Check()
	mustOK(t, err)
	if !rep.OK() {
		t.Fatalf("check: %v", rep.Problems)
	}
}

// abs is the path of a folder file named as the package names it, for
// tests that damage the folder by hand.
func (t *Team) abs(rel string) string {
	return filepath.Join(t.folder, Root, filepath.FromSlash(rel))
}
