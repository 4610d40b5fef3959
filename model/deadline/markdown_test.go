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
		// The rule table and the reading-by-reading table, in each language.
		if strings.Count(md, "| `"+r.ID+"` |") != 4 {
			t.Errorf("%s not in both tables of both languages", r.ID)
		}
	}
	for _, w := range []string{"## Français", "## English", "⚠ NON VÉRIFIÉ", "⚠ NOT VERIFIED", "lundi de Pentecôte", "Whit Monday",
		"### Lecture par lecture", "### Reading by reading", "24LY03013", "24TL02643", "CETATEXT000050829858", "30/11/2025", "30 Nov 2025"} {
		if !strings.Contains(md, w) {
			t.Errorf("markdown lacks %q", w)
		}
	}
}
