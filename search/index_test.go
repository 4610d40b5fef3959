package search

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"casefile/fakeclinic"
	"casefile/model"
)

func doc(id, ref, family, given string) Doc {
	return Doc{CaseID: id, Ref: ref, People: []Person{{ID: "p" + id, FamilyName: family, GivenNames: given}}}
}

func TestSearchRanksAndMatches(t *testing.T) {
	ix := New()
	ix.Update(doc("01", "2026-K7-0001", "Benali", "Mohamed"))
	ix.Update(doc("02", "2026-K7-0002", "Benali", "Muhammad"))
	ix.Update(doc("03", "2026-K7-0003", "Benali", "Mohamet"))
	ix.Update(doc("04", "2026-K7-0004", "Diallo", "Aminata"))
	d := doc("05", "2026-K7-0005", "Traoré", "Aïcha")
	d.ANEF, d.People[0].AGDREF = "ANEF-12345678901", "7501234567"
	d.Notes = []string{"Rendez-vous à la préfecture de Bobigny."}
	ix.Update(d)

	hits, n := ix.Search("benali mohamed", 0)
	if n != 3 || hits[0].CaseID != "01" || hits[0].Level != LevelExact || hits[1].CaseID != "02" || hits[2].CaseID != "03" {
		t.Fatalf("ranking: %+v", hits)
	}
	for _, c := range []struct {
		q    string
		want string
		f    Field
		lv   Level
	}{
		{"aisha", "05", FieldGiven, LevelTranslit},
		{"TRAORE", "05", FieldFamily, LevelExact},
		{"diall", "04", FieldFamily, LevelPrefix},
		{"dialol", "04", FieldFamily, LevelTypo},
		{"K7-0004", "04", FieldRef, LevelExact},
		{"2026-k7-0005", "05", FieldRef, LevelExact},
		{"123456", "05", FieldANEF, LevelPrefix},
		{"7501234567", "05", FieldAGDREF, LevelExact},
		{"bobig", "05", FieldNote, LevelPrefix},
	} {
		hits, _ := ix.Search(c.q, 0)
		if len(hits) != 1 || hits[0].CaseID != c.want || hits[0].Field != c.f || hits[0].Level != c.lv {
			t.Errorf("%q: %+v", c.q, hits)
		}
	}
	ix.Remove("05")
	if hits, _ := ix.Search("traore", 0); len(hits) != 0 {
		t.Fatalf("removed case found: %+v", hits)
	}
	ix.Update(doc("04", "2026-K7-0004", "Diallo", "Fatoumata"))
	if hits, _ := ix.Search("aminata", 0); len(hits) != 0 {
		t.Fatalf("old name found after update: %+v", hits)
	}
	if hits, _ := ix.Search("k7-0004", 0); len(hits) != 1 {
		t.Fatalf("updated case by ref: %+v", hits)
	}
}

func clinic(n int) []Doc {
	g := fakeclinic.New(7)
	today := model.Date{Year: 2026, Month: 11, Day: 2}
	docs := make([]Doc, n)
	for i := range docs {
		h := g.Household(today)
		f := h.File
		// Ids as a vault writes them: time-ordered UUIDs.
		d := Doc{CaseID: fmt.Sprintf("%08x-0000-7000-8000-000000000000", i), Ref: model.FormatRef(2026, "K7", i+1), ANEF: f.ANEFNumber}
		d.People = append(d.People, Person{ID: fmt.Sprintf("%08x-0001-7000-8000-000000000000", i), FamilyName: f.Person.FamilyName,
			GivenNames: f.Person.GivenNames, BirthDate: f.Person.BirthDate, AGDREF: f.Person.AGDREF})
		for j, r := range h.Relatives {
			d.People = append(d.People, Person{ID: fmt.Sprintf("%08x-0002-7000-8000-%012x", i, j), FamilyName: r.Person.FamilyName,
				GivenNames: r.Person.GivenNames, BirthDate: r.Person.BirthDate, Role: r.Role})
		}
		for _, nt := range g.Notes(f, i%5, today) {
			d.Notes = append(d.Notes, nt.Text)
		}
		docs[i] = d
	}
	return docs
}

func build(docs []Doc) *Index {
	ix, _ := Build(func(add func(Doc), _ func(string, string)) error {
		for _, d := range docs {
			add(d)
		}
		return nil
	})
	return ix
}

// False positives over a fictional clinic: an exact "Family Given" query
// of a random main person returns how many cases, and how many of them
// are not that name spelled exactly?
func TestPrecisionOverClinic(t *testing.T) {
	docs := clinic(10000)
	ix := build(docs)
	var hits, exact, queries int
	for i := 0; i < len(docs); i += 50 {
		p := docs[i].People[0]
		q := p.FamilyName + " " + p.GivenNames
		hs, n := ix.Search(q, 0)
		queries++
		hits += n
		for _, h := range hs {
			if h.Level == LevelExact {
				exact++
			}
		}
		found := false
		for _, h := range hs {
			found = found || h.CaseID == docs[i].CaseID
		}
		if !found {
			t.Errorf("%q does not find its own case", q)
		}
	}
	t.Logf("10,000 cases: %d exact full-name queries, %.1f cases each on average (%.1f by exact best match)",
		queries, float64(hits)/float64(queries), float64(exact)/float64(queries))
}

// BenchmarkKeystroke types names letter by letter over 100,000 fictional
// cases; each op is one keystroke's search (the first 50 hits ranked).
func BenchmarkKeystroke(b *testing.B) {
	var m0, m1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m0)
	docs := clinic(100000)
	people := 0
	for _, d := range docs {
		people += len(d.People)
	}
	start := time.Now()
	ix := build(docs)
	took := time.Since(start)
	docs = slices.Clone(docs[:200]) // what the index does not keep is garbage
	runtime.GC()
	runtime.ReadMemStats(&m1)
	perPerson := float64(m1.HeapAlloc-m0.HeapAlloc) / float64(people)
	b.Logf("built in %v; %d people; heap %d MB", took, people, (m1.HeapAlloc-m0.HeapAlloc)>>20)
	var queries []string
	for _, d := range docs[:100] {
		name := d.People[0].FamilyName + " " + d.People[0].GivenNames
		for i := 1; i <= len(name); i++ {
			queries = append(queries, name[:i])
		}
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		ix.Search(queries[i%len(queries)], 50)
		times = append(times, time.Since(t0))
	}
	b.StopTimer()
	slicesSort(times)
	b.ReportMetric(float64(times[len(times)/2].Nanoseconds()), "median-ns")
	b.ReportMetric(perPerson, "index-B/person")
	runtime.KeepAlive(docs)
}

func slicesSort(t []time.Duration) {
	for i := 1; i < len(t); i++ {
		for j := i; j > 0 && t[j] < t[j-1]; j-- {
			t[j], t[j-1] = t[j-1], t[j]
		}
	}
}

// Notes handed to Build one at a time, in any order after their cases (as
// the vault reads them, in one pass over its notes), give the same index
// as notes carried in their case's document.
func TestBuildNotesStreamed(t *testing.T) {
	docs := clinic(400)
	whole := build(docs)
	type note struct{ caseID, text string }
	var notes []note
	for _, d := range docs {
		for _, n := range d.Notes {
			notes = append(notes, note{d.CaseID, n})
		}
	}
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(notes), func(i, j int) { notes[i], notes[j] = notes[j], notes[i] })
	streamed, err := Build(func(add func(Doc), addNote func(string, string)) error {
		for _, d := range docs {
			d.Notes = nil
			add(d)
		}
		addNote("no-such-case", "ignored")
		for _, n := range notes {
			addNote(n.caseID, n.text)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"prefecture", "recepisse", "oqtf", "rdv", "titre", "mohamed", "diallo", "k7-0012", "nguyen", "ali"}
	for _, d := range docs[:40] {
		queries = append(queries, d.People[0].FamilyName, d.People[0].GivenNames)
		for _, n := range d.Notes {
			queries = append(queries, strings.Fields(n)[0])
		}
	}
	for _, q := range queries {
		a, na := whole.Search(q, 0)
		b, nb := streamed.Search(q, 0)
		if na != nb || !reflect.DeepEqual(a, b) {
			t.Fatalf("%q: %d hits with notes in documents, %d streamed", q, na, nb)
		}
	}
	if len(whole.terms) != len(streamed.terms) {
		t.Fatalf("%d terms, %d streamed", len(whole.terms), len(streamed.terms))
	}
	for i := range whole.posts {
		id := streamed.termID[whole.terms[i]]
		if !slices.Equal(whole.posts[i], streamed.posts[id]) {
			t.Fatalf("term %q: postings %v, streamed %v", whole.terms[i], whole.posts[i], streamed.posts[id])
		}
	}
}

// An index built at unlock (its cases in id order, as a vault hands them)
// then kept current through many updates and removals in no order (enough
// to compact it, and more after) answers as an index built from the final
// documents handed in any order: updates append beside the gathered
// documents and postings without touching them, and a removed case's slot
// keeps the id the others are found by.
func TestUpdatesMatchAFreshBuild(t *testing.T) {
	docs := clinic(1600)
	ix := build(docs)
	if ix.ordered != len(docs) || len(ix.byCase) != 0 {
		t.Fatalf("cases handed in id order: %d ordered slots, %d in the map", ix.ordered, len(ix.byCase))
	}
	g := fakeclinic.New(8)
	today := model.Date{Year: 2026, Month: 11, Day: 2}
	var live []Doc
	changes := 0
	r := rand.New(rand.NewPCG(5, 6))
	for _, i := range r.Perm(len(docs)) { // in no order: the ordered slots are searched among the removed
		d := docs[i]
		switch i % 3 {
		case 0:
			ix.Remove(d.CaseID)
			changes++
			continue
		case 1:
			f := g.CaseFile(today)
			d.People = slices.Clone(d.People)
			d.People[0].FamilyName, d.People[0].GivenNames = f.Person.FamilyName, f.Person.GivenNames
			d.Notes = append(slices.Clone(d.Notes), "Convocation reçue pour l'entretien "+f.Person.GivenNames)
			ix.Update(d)
			changes++
		}
		live = append(live, d)
	}
	if want := changes - 1001; ix.dead != want { // compacted once, at the 1001st
		t.Fatalf("%d cases removed or replaced since the last compaction, want %d", ix.dead, want)
	}
	// Handed its cases out of order, the fresh index finds them by its map.
	r.Shuffle(len(live), func(i, j int) { live[i], live[j] = live[j], live[i] })
	fresh := build(live)
	if ix.Len() != len(live) || fresh.Len() != len(live) || fresh.ordered != 0 {
		t.Fatalf("%d cases, a fresh index %d (%d ordered), want %d", ix.Len(), fresh.Len(), fresh.ordered, len(live))
	}
	queries := []string{"convocation", "entretien", "prefecture", "mohamed", "diallo", "k7-0012", "2026", "nguyen", "ali"}
	for _, d := range live[:60] {
		queries = append(queries, d.People[0].FamilyName+" "+d.People[0].GivenNames, d.Ref)
		if d.People[0].AGDREF != "" {
			queries = append(queries, d.People[0].AGDREF)
		}
	}
	for _, d := range docs[:30] {
		queries = append(queries, d.People[0].FamilyName, d.Ref)
	}
	for _, q := range queries {
		got, n := ix.Search(q, 0)
		want, wn := fresh.Search(q, 0)
		if n != wn || !reflect.DeepEqual(got, want) {
			t.Fatalf("%q: %d hits, a fresh index %d", q, n, wn)
		}
	}
}
