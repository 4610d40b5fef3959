package layout

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"casefile/model"
)

var placeholder = regexp.MustCompile(`<[^>]*>`)

// norm writes every <placeholder> as <>.
func norm(s string) string { return placeholder.ReplaceAllString(s, "<>") }

// built is every key and prefix the builders make, with <> for each
// variable part, beside the constants.
func built() []string {
	const x = "<>"
	h := model.HLC(1)
	hs := h.String()
	sub := func(b []byte) string { return strings.ReplaceAll(string(b), hs, x) }
	keys := []string{
		string(RecKey("person", x)), string(RecKey("case", x)), string(RecKey("note", x)),
		string(RecKey("document", x)), string(RecKey("evidence", x)), string(RecKey("erasure", x)),
		string(RecKey("signoff", x)),
		sub(LogKey(h, x)), string(RefKey(x)), string(PersonCaseKey(x, x)),
		string(CaseChildKey(x, "note", x)), string(CaseChildKey(x, "document", x)), string(CaseChildKey(x, "evidence", x)),
		IdxDue + x + "/" + x, string(ListKey(x)), sub(HistKey(x, x, h, x)),
		string(IdleKey(x)), string(OpenCountKey(x)), string(RefSeqKey(0, x)),
		string(DraftKey(x)), string(DraftKey("new")), Doc + x + "/" + x, string(PendingDocKey(x)),
		string(ErasingKey(x)), string(AtomicKey(x)), UndoPrefix(x) + x, string(ContactKey(x)),
		sub(OutboxKey(h, x)), string(HeldKey(x, x)), string(ScrubKey(x)), string(SyncKey("team")),
		Format, Device, DevCode, Author, Recompute, MigratedMalfunctions, TimedPrefix(x) + x, HistIndex, ReviewIndex, ErasureCompact, Identity, BackupLast,
	}
	for i, k := range keys {
		keys[i] = strings.ReplaceAll(strings.ReplaceAll(k, "/0", "/"+x), x+x, x)
	}
	return keys
}

// Every key the builders make is documented in docs/ (vault-format.md's
// table, or the page of its feature), and every key that table lists is
// one the builders make.
func TestLayoutMatchesDocs(t *testing.T) {
	pages, err := filepath.Glob("../../../docs/*.md")
	if err != nil || len(pages) == 0 {
		t.Fatalf("docs: %v", err)
	}
	documented := map[string]bool{}
	var table []string
	code := regexp.MustCompile("`((?:rec|idx|log|doc|meta|stage)/[^`]*)`")
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range code.FindAllSubmatch(b, -1) {
			documented[norm(string(m[1]))] = true
		}
		if filepath.Base(p) == "vault-format.md" {
			s := string(b)
			s = s[strings.Index(s, "### Keys"):]
			s = s[:strings.Index(s, "\n\n")]
			for _, m := range code.FindAllStringSubmatch(s, -1) {
				table = append(table, norm(m[1]))
			}
		}
	}
	keys := built()
	for _, k := range keys {
		if !documented[k] {
			t.Errorf("key %s is not documented in docs/", k)
		}
	}
	for _, d := range table {
		if strings.ContainsAny(d, "…|*") || strings.HasPrefix(d, "meta/sync/") || strings.HasPrefix(d, "meta/settings/") {
			continue // families: checked by their prefix below
		}
		found := false
		for _, k := range keys {
			if k == d || strings.HasPrefix(d, "rec/") && strings.HasPrefix(k, "rec/") && strings.Count(d, "/") == 2 {
				found = true
			}
		}
		if !found {
			t.Errorf("documented key %s is built by no function of layout", d)
		}
	}
	for _, p := range []string{Rec, Idx, Log, Doc, Meta, Stage, IdxNoOwner, IdxTimed, Sync, Settings} {
		ok := false
		for d := range documented {
			ok = ok || strings.HasPrefix(d, p)
		}
		if !ok {
			t.Errorf("prefix %s is not documented", p)
		}
	}
}

func TestParseLogKey(t *testing.T) {
	h := model.HLC(0x01938f2e6c1a0001)
	got, dev, ok := ParseLogKey(string(LogKey(h, "dev-1")))
	if !ok || got != h || dev != "dev-1" {
		t.Fatalf("%v %v %v", got, dev, ok)
	}
	for _, k := range []string{"log/x/d", "log/0001", "log/01938f2e6c1a0001/a/b"} {
		if _, _, ok := ParseLogKey(k); ok {
			t.Errorf("%s parsed", k)
		}
	}
}

func TestParseIndexKeys(t *testing.T) {
	if c, k, id, ok := ParseCaseChild(CaseChildKey("c1", "note", "n1")); !ok || c != "c1" || k != "note" || id != "n1" {
		t.Fatalf("%v %v %v %v", c, k, id, ok)
	}
	if p, c, ok := ParsePersonCase(PersonCaseKey("p1", "c1")); !ok || p != "p1" || c != "c1" {
		t.Fatalf("%v %v %v", p, c, ok)
	}
	for _, k := range []string{"idx/case/c1/note", "idx/case/c1/note/n1/x", "idx/list/c1/note/n1"} {
		if _, _, _, ok := ParseCaseChild([]byte(k)); ok {
			t.Errorf("%s parsed as a case child", k)
		}
	}
	for _, k := range []string{"idx/person/p1/note/c1", "idx/person/p1/case", "idx/case/p1/case/c1"} {
		if _, _, ok := ParsePersonCase([]byte(k)); ok {
			t.Errorf("%s parsed as a person's case", k)
		}
	}
}
