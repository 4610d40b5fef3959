package store

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strconv"
	"strings"
	"testing"
	"time"

	"casefile/internal/memtrim"
	"casefile/model"
	"casefile/search"
)

// TestSettledMemory measures, on a vault given by CASEFILE_MEMORY_VAULT
// (its passphrase in CASEFILE_PASSPHRASE), what the desktop app does at
// unlock without its window: open, list every case, read the reminders,
// build the search index, then settle as the app does (table pages handed
// back, garbage returned). It logs the resident memory then, and writes a
// heap profile to CASEFILE_MEMORY_PROFILE if set; skipped without a vault.
// docs/performance.md:
//
//	CASEFILE_MEMORY_VAULT=V CASEFILE_PASSPHRASE=P go test -tags migrated_fynedo ./store -run SettledMemory -v
func TestSettledMemory(t *testing.T) {
	dir := os.Getenv("CASEFILE_MEMORY_VAULT")
	if dir == "" {
		t.Skip("CASEFILE_MEMORY_VAULT not set")
	}
	debug.SetGCPercent(50) // as the app (app.Run)
	if os.Getenv("CASEFILE_MEMORY_PROFILE") != "" {
		runtime.MemProfileRate = 16 << 10 // a finer breakdown than the default 512 KiB sample
	}
	v, err := Open(dir, os.Getenv("CASEFILE_PASSPHRASE"))
	if err != nil {
		t.Fatal(err)
	}
	defer v.Close()
	t.Logf("opened: %s", statusLine())
	list, err := v.CaseList() // as the app's case list keeps it
	if err != nil {
		t.Fatal(err)
	}
	today := model.DateOf(time.Now())
	rem, err := v.Reminders(today, today.AddDays(31))
	if err != nil {
		t.Fatal(err)
	}
	ix, err := search.Build(v.EachSearchDoc)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d cases listed, %d reminders, %d cases indexed: %s", list.Len(), len(rem), ix.Len(), statusLine())
	// Then as the app's memory watcher (app.watchMemory), which trims once
	// a minute for five minutes after unlock: here every 5 s for
	// CASEFILE_MEMORY_WATCH seconds (30 by default). The first open of a
	// vault just filled by casefile demo compacts for some seconds after
	// the index is built.
	tr := &memtrim.Trimmer{Slack: 32 << 20}
	tr.Trim(func() { v.ReleaseMappedTables() }) // as app.settle
	watch := 30
	if s, err := strconv.Atoi(os.Getenv("CASEFILE_MEMORY_WATCH")); err == nil {
		watch = s
	}
	for i := 5; i <= watch; i += 5 {
		time.Sleep(5 * time.Second)
		tr.Trim(func() { v.ReleaseMappedTables() })
		t.Logf("%3d s later, trimmed: %s", i, statusLine())
	}
	time.Sleep(5 * time.Second)
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("settled: %s; Go heap in use %d MiB (%d MiB allocated), free but not returned %d MiB, runtime's own %d MiB",
		statusLine(), m.HeapInuse>>20, m.HeapAlloc>>20, (m.HeapIdle-m.HeapReleased)>>20,
		(m.StackSys+m.MSpanSys+m.MCacheSys+m.BuckHashSys+m.GCSys+m.OtherSys)>>20)
	if out := os.Getenv("CASEFILE_MEMORY_PROFILE"); out != "" { // what the heap holds, by allocation site
		f, err := os.Create(out)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := pprof.WriteHeapProfile(f); err != nil {
			t.Fatal(err)
		}
	}
	runtime.KeepAlive(list)
	runtime.KeepAlive(ix)
}

func statusLine() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "(no /proc/self/status)"
	}
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		for _, k := range []string{"VmRSS:", "RssAnon:", "RssFile:", "VmHWM:"} {
			if strings.HasPrefix(l, k) {
				out = append(out, strings.Join(strings.Fields(l), " "))
			}
		}
	}
	return strings.Join(out, ", ")
}
