package store

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"casefile/fakeclinic"
	"casefile/model"
	"casefile/store/internal/layout"
)

func TestCaseHistoryOldAndNew(t *testing.T) {
	v := newVault(t)
	f := newCase(t, v)
	other := newCase(t, v) // its changes must not show
	v.SetAuthor("Me Alpha")
	if _, err := v.SetCaseFields(f.Ref, map[string]string{"prefecture": "Rhône (Lyon)"}); err != nil {
		t.Fatal(err)
	}
	v.SetAuthor("Me Beta")
	if _, err := v.SetCaseFields(f.Ref, map[string]string{"prefecture": "Isère (Grenoble)", "person.interpreter": "oui"}); err != nil {
		t.Fatal(err)
	}
	if _, err := v.SetCaseFields(other.Ref, map[string]string{"prefecture": "Nord (Lille)"}); err != nil {
		t.Fatal(err)
	}
	if err := v.AddNote(&model.Note{CaseID: f.ID, Text: "Rendez-vous fixé"}); err != nil {
		t.Fatal(err)
	}
	d, err := v.AddDocument(f.ID, "bail.pdf", strings.NewReader("%PDF-1.4"))
	if err != nil {
		t.Fatal(err)
	}
	if err := v.DeleteDocument(d.ID); err != nil {
		t.Fatal(err)
	}
	h, err := v.CaseHistory(f.Ref)
	if err != nil {
		t.Fatal(err)
	}
	var pref []string
	var sawNote, sawInterp, sawDocDeleted bool
	for i, c := range h {
		if i > 0 && c.HLC < h[i-1].HLC {
			t.Fatal("history not in order")
		}
		if c.ID == other.ID {
			t.Fatal("another case's change shows")
		}
		switch {
		case c.Entity == KindCase && c.Field == "prefecture":
			pref = append(pref, fmt.Sprintf("%s:%s->%s", c.Author, c.Old, c.New))
		case c.Entity == KindNote && c.Field == "text":
			sawNote = true
		case c.Entity == KindPerson && c.Field == "interpreter":
			sawInterp = string(c.New) == "true" && c.Old == nil && c.Author == "Me Beta"
		case c.Entity == KindDocument && c.Field == "deleted":
			sawDocDeleted = string(c.Old) == "" && string(c.New) == "true"
		}
	}
	want := []string{
		`:"Seine-Saint-Denis (Bobigny)"`, // created by the default author
		`Me Alpha:"Seine-Saint-Denis (Bobigny)"->"Rhône (Lyon)"`,
		`Me Beta:"Rhône (Lyon)"->"Isère (Grenoble)"`,
	}
	if len(pref) != 3 || !strings.HasSuffix(pref[0], "->"+want[0][1:]) || pref[1] != want[1] || pref[2] != want[2] {
		t.Fatalf("prefecture history %q", pref)
	}
	if !sawNote || !sawInterp || !sawDocDeleted {
		t.Fatalf("note %v interpreter %v document %v in %d changes", sawNote, sawInterp, sawDocDeleted, len(h))
	}
	if rep, err := v.Check(); err != nil || !rep.OK() {
		t.Fatalf("check: %v %v", err, rep.Problems)
	}
}

func TestCheckFindsHistoryIndexGaps(t *testing.T) {
	v := newVault(t)
	f := newCase(t, v)
	var first []byte
	v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, layout.HistPrefix(KindCase, f.ID), func(k []byte) error {
			first = append([]byte(nil), k...)
			return nil
		})
	})
	v.db.Update(func(txn *badger.Txn) error {
		txn.Delete(first)
		return txn.Set([]byte(layout.HistPrefix(KindCase, "nobody")+"0000000000000001/dev"), nil)
	})
	rep, err := v.Check()
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(rep.Problems, "\n")
	if !strings.Contains(all, "is missing") || !strings.Contains(all, "names no change") {
		t.Fatalf("problems: %v", rep.Problems)
	}
}

// historyVault is a clinic of n fictional cases, one of which has had
// changes edits made to it.
func historyVault(b testing.TB, n, changes int) (*Vault, string) {
	v := newVault(b)
	g := fakeclinic.New(42)
	today := v.today()
	var cases []NewCase
	for i := 0; i < n; i++ {
		cases = append(cases, NewCase{File: g.CaseFile(today)})
	}
	if err := v.CreateCases(cases); err != nil {
		b.Fatal(err)
	}
	list, _ := v.ListCases()
	if changes == 0 {
		return v, ""
	}
	ref := list[0].Ref
	for i := 0; i < changes; i++ {
		if _, err := v.SetCaseFields(ref, map[string]string{"outcome": fmt.Sprintf("étape %d", i)}); err != nil {
			b.Fatal(err)
		}
	}
	return v, ref
}

func TestCaseHistoryFiveHundredChanges(t *testing.T) {
	v, ref := historyVault(t, 20, 500)
	h, err := v.CaseHistory(ref)
	if err != nil {
		t.Fatal(err)
	}
	outcomes := 0
	for _, c := range h {
		if c.Field == "outcome" {
			outcomes++
			var s string
			json.Unmarshal(c.New, &s)
			if s != fmt.Sprintf("étape %d", outcomes-1) {
				t.Fatalf("change %d: %s", outcomes, s)
			}
		}
	}
	if outcomes != 500 {
		t.Fatalf("%d outcome changes", outcomes)
	}
}

// BenchmarkCaseHistory500: the history of a case with 500 changes, in a
// vault of thousands of other cases whose log entries it must not read.
func BenchmarkCaseHistory500(b *testing.B) {
	for _, n := range historyBenchSizes {
		b.Run(fmt.Sprintf("cases=%d", n), func(b *testing.B) {
			v, ref := historyVault(b, n, 500)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := v.CaseHistory(ref); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// historyBenchSizes: vaults of other cases around the one whose history is
// read; the log scan grows with them, the index does not.
var historyBenchSizes = []int{2000, 20000}

// BenchmarkCaseHistory500LogScan is the same history found the way
// v.history did before the index: one pass over the whole change log,
// keeping the entries that name the case or its person. It is the baseline
// for BenchmarkCaseHistory500.
func BenchmarkCaseHistory500LogScan(b *testing.B) {
	for _, size := range historyBenchSizes {
		b.Run(fmt.Sprintf("cases=%d", size), func(b *testing.B) { benchLogScan(b, size) })
	}
}

func benchLogScan(b *testing.B, size int) {
	v, ref := historyVault(b, size, 500)
	f, _ := v.Case(ref)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		err := v.db.View(func(txn *badger.Txn) error {
			return scan(txn, "log/", func(k, val []byte) error {
				if !strings.Contains(string(val), f.ID) && !strings.Contains(string(val), f.PersonID) {
					return nil
				}
				var ch Change
				if err := json.Unmarshal(val, &ch); err != nil {
					return err
				}
				n += len(ch.Ops)
				return nil
			})
		})
		if err != nil || n < 500 {
			b.Fatal(err, n)
		}
	}
}

// A vault written before the history index existed gets it at open.
func TestHistoryIndexBuiltForOlderVaults(t *testing.T) {
	c, err := Create(t.TempDir(), testPass)
	if err != nil {
		t.Fatal(err)
	}
	v := c.Vault
	f := newCase(t, v)
	if _, err := v.SetCaseFields(f.Ref, map[string]string{"prefecture": "Nord (Lille)"}); err != nil {
		t.Fatal(err)
	}
	want, _ := v.CaseHistory(f.Ref)
	// Make it look like an older vault: no index, no marker.
	var keys [][]byte
	v.db.View(func(txn *badger.Txn) error {
		return scanKeys(txn, "idx/hist/", func(k []byte) error { keys = append(keys, append([]byte(nil), k...)); return nil })
	})
	v.db.Update(func(txn *badger.Txn) error {
		for _, k := range keys {
			txn.Delete(k)
		}
		return txn.Delete(histIndexedKey)
	})
	if rep, _ := v.Check(); rep.OK() {
		t.Fatal("check did not miss the index")
	}
	dir := v.Dir()
	v.Close()
	if v, err = Open(dir, testPass); err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	if rep, err := v.Check(); err != nil || !rep.OK() {
		t.Fatalf("after reopen: %v %v", err, rep.Problems)
	}
	got, _ := v.CaseHistory(f.Ref)
	if len(got) != len(want) || len(got) < 3 {
		t.Fatalf("history %d changes, want %d", len(got), len(want))
	}
}

// BenchmarkBackfillHistory10k: building the history index once for a vault
// of 10,000 cases written before it existed (what the first open after the
// upgrade costs).
func BenchmarkBackfillHistory10k(b *testing.B) {
	v, _ := historyVault(b, 10000, 0)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := v.db.Update(func(txn *badger.Txn) error { return txn.Delete(histIndexedKey) }); err != nil {
			b.Fatal(err)
		}
		if err := v.backfillHistory(); err != nil {
			b.Fatal(err)
		}
	}
}
