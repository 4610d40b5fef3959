package deadline

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite docs/deadlines.md from the code")

const docPath = "../../docs/deadlines.md"

// TestDocsUpToDate fails when docs/deadlines.md differs from what the rule
// table generates. Refresh it with: go test ./model/deadline -update
func TestDocsUpToDate(t *testing.T) {
	want := MarkdownTable()
	if *update {
		if err := os.WriteFile(docPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatalf("%v (generate it with: go test ./model/deadline -update)", err)
	}
	if string(got) != want {
		t.Errorf("%s is out of date: run go test ./model/deadline -update", docPath)
	}
}

func TestMarkdownTableListsEveryRule(t *testing.T) {
	t.Parallel()
	md := MarkdownTable()
	for _, r := range Rules() {
		if strings.Count(md, "| `"+r.ID+"` |") != 2 {
			t.Errorf("%s not in both tables", r.ID)
		}
	}
	for _, w := range []string{"## Français", "## English", "⚠ NON VÉRIFIÉ", "⚠ NOT VERIFIED", "lundi de Pentecôte", "Whit Monday"} {
		if !strings.Contains(md, w) {
			t.Errorf("markdown lacks %q", w)
		}
	}
}
