package sync

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"casefile/changelog"
	"casefile/internal/atrest"
	"casefile/model"
	"casefile/store"
)

var (
	soak      = flag.Bool("soak", false, "run the chaos test much longer")
	chaosSeed = flag.Int64("chaos.seed", 0, "replay the chaos test with this seed (0: a new one)")
)

// marker is in every value the chaos test writes, so a scan can look for
// it in the folder.
const marker = "ZQXCHAOS"

// chaosEdit is one edit as the model sees it: which laptop made it, to
// which field, the value, and every edit that laptop had seen by then.
type chaosEdit struct {
	id     int
	vault  int
	key    string // kind/id/field
	value  string
	saw    bitset
	seg    string // "<device>/<seq>" of the segment that carried it
	pushed bool
}

type bitset []uint64

func (b bitset) has(i int) bool { return i/64 < len(b) && b[i/64]&(1<<(i%64)) != 0 }
func (b *bitset) add(i int) {
	for len(*b) <= i/64 {
		*b = append(*b, 0)
	}
	(*b)[i/64] |= 1 << (i % 64)
}

type chaosModel struct {
	edits   []*chaosEdit
	applied []map[string]bool // per vault: "<device>/<seq>" applied (read after each sync)
	devices []string
	vaults  []*store.Vault
	teams   []*Team
}

// knows lists the edits vault i has: its own and those in segments it
// applied.
func (m *chaosModel) knows(i int) bitset {
	var out bitset
	for _, e := range m.edits {
		if e.vault == i || (e.pushed && m.applied[i][e.seg]) {
			out.add(e.id)
		}
	}
	return out
}

func (m *chaosModel) sync(t *testing.T, i int) {
	before, err := loadState(m.vaults[i])
	mustOK(t, err)
	mustSync(t, m.teams[i])
	after, err := loadState(m.vaults[i])
	mustOK(t, err)
	m.applied[i] = map[string]bool{}
	for name := range after.applied {
		m.applied[i][name] = true
	}
	// This laptop's unpushed edits went into the segment it just wrote
	// (chaos pushes are far below MaxSegmentOps: one segment per push).
	if after.seq != before.seq {
		for _, e := range m.edits {
			if e.vault == i && !e.pushed {
				e.seg, e.pushed = fmt.Sprintf("%s/%08d", m.devices[i], after.seq), true
			}
		}
	}
}

func (m *chaosModel) edit(i int, key, value string) {
	e := &chaosEdit{id: len(m.edits), vault: i, key: key, value: value, saw: m.knows(i)}
	m.edits = append(m.edits, e)
}

func TestChaos(t *testing.T) {
	steps, nVaults := 2700, 3
	if *soak {
		steps, nVaults = 20000, 4
	}
	if testing.Short() {
		steps = 300
	}
	seed := time.Now().UnixNano()
	if *chaosSeed != 0 {
		seed = *chaosSeed
	}
	t.Logf("seed %d", seed)
	rng := rand.New(rand.NewSource(seed))
	folder, vaults, teams := newTeamOf(t, nVaults)

	// Simulated clocks: each laptop's wall clock is off by up to five
	// hours (under changelog.MaxClockSkew, so causality holds); time advances
	// a few milliseconds a step, so clocks often tie.
	start := time.Now()
	var tick time.Duration
	for i, v := range vaults {
		skew := time.Duration(i-1) * 5 * time.Hour / 2
		v.SetClockForTests(func() time.Time { return start.Add(tick + skew) })
	}
	m := &chaosModel{vaults: vaults, teams: teams, applied: make([]map[string]bool, nVaults)}
	for _, tm := range teams {
		m.devices = append(m.devices, tm.me)
	}
	addChaosCases(t, vaults[0], 4, rng.Int63())
	for r := 0; r < 2; r++ {
		for i := range vaults {
			m.sync(t, i)
		}
	}

	docs, deleted := map[string][]byte{}, map[string]bool{}
	damaged := map[string]bool{} // segments truncated or moved, until healed
	heal := []func(){}
	for step := 0; step < steps; step++ {
		tick += time.Duration(rng.Intn(3)) * time.Millisecond
		i := rng.Intn(nVaults)
		v := vaults[i]
		switch r := rng.Intn(100); {
		case r < 75:
			list, err := v.ListCases()
			mustOK(t, err)
			// Most edits go to a few cases, so that laptops often edit
			// the same fields between two syncs.
			c := list[rng.Intn(len(list))]
			if rng.Intn(4) > 0 {
				c = list[rng.Intn(min(3, len(list)))]
			}
			value := fmt.Sprintf("%s %d", marker, step)
			if rng.Intn(2) == 0 {
				field := []string{"lawyer", "prefecture"}[rng.Intn(2)]
				_, err := v.SetCaseFields(c.Ref, map[string]string{field: value})
				mustOK(t, err)
				m.edit(i, changelog.KindCase+"/"+c.ID+"/"+field, value)
				break
			}
			ds, err := v.Deadlines(c.ID)
			mustOK(t, err)
			if len(ds) == 0 {
				break
			}
			d := ds[rng.Intn(len(ds))]
			if rng.Intn(2) == 0 {
				_, err = v.SetDeadlineOwner(d.ID, value)
				mustOK(t, err)
				m.edit(i, store.KindDeadline+"/"+d.ID+"/owner", value)
			} else {
				st := model.DeadlineDone
				if d.Status == model.DeadlineDone {
					st = model.DeadlineOpen
				}
				_, err = v.SetDeadlineStatus(d.ID, st, value)
				mustOK(t, err)
				m.edit(i, store.KindDeadline+"/"+d.ID+"/reason", value)
			}
		case r < 77:
			addChaosCases(t, v, 1, rng.Int63())
		case r < 79:
			// Attach a document (now and then one of several chunks), or
			// delete one this laptop holds.
			list, err := v.ListCases()
			mustOK(t, err)
			c := list[rng.Intn(len(list))]
			if docs, _ := v.Documents(c.ID); len(docs) > 0 && rng.Intn(4) == 0 {
				mustOK(t, v.DeleteDocument(docs[0].ID))
				deleted[docs[0].ID] = true
				break
			}
			size := 1 + rng.Intn(8<<10)
			if rng.Intn(5) == 0 {
				size = 300 << 10
			}
			b := append([]byte(fmt.Sprintf("%s document %d ", marker, step)), randomBytes(uint64(step), size)...)
			d, err := v.AddDocument(c.ID, fmt.Sprintf("piece-%d.pdf", step), bytes.NewReader(b))
			mustOK(t, err)
			docs[d.ID] = b
		case r < 95:
			m.sync(t, i)
		default:
			if h := mischief(t, rng, folder, damaged); h != nil {
				heal = append(heal, h)
			}
		}
		if len(heal) > 0 && rng.Intn(10) == 0 {
			heal[0]()
			heal = heal[1:]
		}
	}
	for _, h := range heal {
		h()
	}
	for r := 0; r < 3; r++ {
		for i := range vaults {
			m.sync(t, i)
		}
	}

	// Every laptop holds the same data, consistent with its log.
	want := snapshot(t, vaults[0])
	for i, v := range vaults {
		mustCheck(t, v)
		if n, _ := v.Held(); n != 0 {
			t.Fatalf("vault %d: %d records still held", i, n)
		}
		if got := snapshot(t, v); got != want {
			t.Fatalf("vault %d differs from vault 0: %s", i, firstDifference(want, got))
		}
	}
	m.checkOracle(t)

	// Every document reached every laptop whole, unless deleted anywhere.
	live := 0
	for id, b := range docs {
		for i, v := range vaults {
			if deleted[id] {
				if _, err := v.Document(id); err == nil {
					t.Fatalf("vault %d holds deleted document %s", i, id)
				}
				continue
			}
			mustDocument(t, v, id, b)
		}
		if !deleted[id] {
			live++
		}
	}
	if live == 0 {
		t.Fatal("no document went through the chaos: the test proved nothing about them")
	}
	t.Logf("%d documents attached, %d deleted", len(docs), len(deleted))

	// The folder holds no marker in clear; the same scan finds them in a
	// plain copy of what was exchanged.
	hits, err := atrest.Scan(folder, []string{marker})
	mustOK(t, err)
	if len(hits) > 0 {
		t.Fatalf("marker in clear in the shared folder: %v", hits[:1])
	}
	plain := t.TempDir()
	mustOK(t, os.WriteFile(filepath.Join(plain, "snapshot.json"), []byte(want), 0o600))
	if hits, _ := atrest.Scan(plain, []string{marker}); len(hits) == 0 {
		t.Fatal("the scan does not find the marker in a plain copy")
	}
	t.Logf("%d edits, %d steps", len(m.edits), steps)
}

// checkOracle compares the result with the model: each field's value is one
// of the edits no later edit saw (and the only one when there is one), and
// every edit concurrent with the winner from the same base is a collision,
// with no other collision.
func (m *chaosModel) checkOracle(t *testing.T) {
	byKey := map[string][]*chaosEdit{}
	for _, e := range m.edits {
		byKey[e.key] = append(byKey[e.key], e)
	}
	v := m.vaults[0]
	collisions := map[string]map[string]bool{} // key -> lost values
	list, err := v.ListCases()
	mustOK(t, err)
	for _, c := range list {
		cs, err := v.Collisions(c.Ref)
		mustOK(t, err)
		for _, col := range cs {
			k := col.Kind + "/" + col.ID + "/" + col.Field
			var lost string
			json.Unmarshal(col.Lost, &lost)
			if collisions[k] == nil {
				collisions[k] = map[string]bool{}
			}
			collisions[k][lost] = true
		}
	}
	concurrentPairs := 0
	for key, edits := range byKey {
		parts := strings.Split(key, "/")
		final := fieldValue(t, v, parts[0], parts[1], parts[2])
		var maximal []*chaosEdit
		for _, e := range edits {
			later := false
			for _, o := range edits {
				if o.saw.has(e.id) {
					later = true
				}
			}
			if !later {
				maximal = append(maximal, e)
			}
		}
		var win *chaosEdit
		for _, e := range maximal {
			if e.value == final {
				win = e
			}
		}
		if win == nil {
			t.Fatalf("%s = %q, not one of the %d edits no one overwrote", key, final, len(maximal))
		}
		baseOf := func(e *chaosEdit) (int, bool) { // the edit its laptop showed, -1 for creation
			var seen []*chaosEdit
			for _, o := range edits {
				if e.saw.has(o.id) && o.id != e.id {
					seen = append(seen, o)
				}
			}
			top := -1
			n := 0
			for _, o := range seen {
				over := false
				for _, p := range seen {
					if p.saw.has(o.id) {
						over = true
					}
				}
				if !over {
					top, n = o.id, n+1
				}
			}
			return top, n <= 1
		}
		wb, wok := baseOf(win)
		for _, e := range edits {
			if e == win || win.saw.has(e.id) || e.vault == win.vault {
				continue
			}
			concurrentPairs++
			eb, eok := baseOf(e)
			got := collisions[key][e.value]
			switch {
			case wok && eok && eb == wb && !got:
				t.Fatalf("%s: concurrent edit %q from the same base is no collision", key, e.value)
			case wok && eok && eb != wb && got:
				t.Fatalf("%s: %q reported as a collision, but its base differs", key, e.value)
			}
			delete(collisions[key], e.value)
		}
		for lost := range collisions[key] {
			t.Fatalf("%s: collision %q matches no concurrent edit", key, lost)
		}
	}
	t.Logf("%d fields edited, %d concurrent edits checked", len(byKey), concurrentPairs)
}

func fieldValue(t *testing.T, v *store.Vault, kind, id, field string) string {
	var rec any
	switch kind {
	case changelog.KindCase:
		f, err := v.Case(id)
		mustOK(t, err)
		rec = f.Case
	default:
		d, err := v.Deadline(id)
		mustOK(t, err)
		rec = d
	}
	b, _ := json.Marshal(rec)
	var fields map[string]any
	json.Unmarshal(b, &fields)
	s, _ := fields[field].(string)
	return s
}

// addChaosCases adds cases with a removal order each, hence deadlines.
func addChaosCases(t *testing.T, v *store.Vault, n int, seed int64) {
	refs := addCases(t, v, n, seed)
	var events []model.Event
	for _, ref := range refs {
		f, err := v.Case(ref)
		mustOK(t, err)
		events = append(events, model.Event{CaseID: f.ID, Kind: model.EventDecisionNotified,
			Date: model.DateOf(time.Now().AddDate(0, 0, -3)), Decision: model.DecisionRemovalOrder,
			Situation: model.SituationFree, Time: "10:00"})
	}
	mustOK(t, v.AddEvents(events))
}

// mischief does what sync tools and people do to a shared folder, and
// returns how it heals (nil when the damage is permanent but harmless).
func mischief(t *testing.T, rng *rand.Rand, folder string, damaged map[string]bool) func() {
	segs, _ := filepath.Glob(filepath.Join(folder, Root, dirLog, "*", "*.age"))
	var real []string
	for _, s := range segs {
		if _, ok := parseSegmentName(filepath.Base(s)); ok {
			real = append(real, s)
		}
	}
	if len(real) == 0 {
		return nil
	}
	sort.Strings(real)
	seg := real[rng.Intn(len(real))]
	if damaged[seg] {
		// Damaging it again would save the damaged bytes as the ones to
		// restore: the heal would leave it broken for good.
		return nil
	}
	orig, err := os.ReadFile(seg)
	if err != nil {
		return nil
	}
	dir, base := filepath.Dir(seg), strings.TrimSuffix(filepath.Base(seg), ".age")
	switch rng.Intn(4) {
	case 0: // a conflict copy or a duplicate next to it
		name := []string{base + " (conflicted copy 2026-11-28).age", base + ".sync-conflict-20261128-ABCDEF.age", base + " (1).age"}[rng.Intn(3)]
		os.WriteFile(filepath.Join(dir, name), orig, 0o644)
		return nil
	case 1: // half-copied: truncated for a while
		os.WriteFile(seg, orig[:rng.Intn(len(orig))], 0o644)
		damaged[seg] = true
		return func() { os.WriteFile(seg, orig, 0o644); delete(damaged, seg) }
	case 2: // renamed by a sync tool, restored later
		moved := filepath.Join(dir, base+" (2).age")
		if os.Rename(seg, moved) != nil {
			return nil
		}
		damaged[seg] = true
		return func() { os.Rename(moved, seg); delete(damaged, seg) }
	default: // a stranger's file
		os.WriteFile(filepath.Join(dir, fmt.Sprintf("%08d.age", 90000000+rng.Intn(1000))), orig[:len(orig)/3], 0o644)
		return nil
	}
}

// firstDifference shows where two snapshots part.
func firstDifference(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-300)
	return fmt.Sprintf("at %d:\nvault 0: …%s…\nthis:    …%s…", i, a[from:min(len(a), i+200)], b[from:min(len(b), i+200)])
}
