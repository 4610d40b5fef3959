package sync

import (
	"os"
	"path/filepath"
	"testing"
)

// benchOps is the size of the change set the benchmarks move.
const benchOps = 10_000

// benchSource is a team member holding about benchOps operations of
// fictional cases not published yet.
func benchSource(b *testing.B) (string, *Team, int) {
	b.Helper()
	folder, vaults, teams := newTeamOf(b, 1)
	ops := 0
	for seed := int64(1); ops < benchOps; seed++ {
		addCases(b, vaults[0], 20, seed)
		o, err := vaults[0].ReadOutbox(1 << 30)
		mustOK(b, err)
		ops = 0
		for _, ch := range o.Changes {
			ops += len(ch.Ops)
		}
	}
	return folder, teams[0], ops
}

func folderBytes(b *testing.B, dir string) int64 {
	var n int64
	filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
		if err == nil && !fi.IsDir() {
			n += fi.Size()
		}
		return nil
	})
	return n
}

// BenchmarkPush publishes ~10,000 operations as one segment.
func BenchmarkPush(b *testing.B) {
	folder, a, ops := benchSource(b)
	logDir := a.abs(logDirName(a.me))
	b.ResetTimer()
	var size int64
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		mustOK(b, a.v.QueueWholeLog())
		before := folderBytes(b, logDir)
		b.StartTimer()
		rep := mustSync(b, a)
		b.StopTimer()
		if rep.PushedOps < ops {
			b.Fatalf("pushed %d of %d operations", rep.PushedOps, ops)
		}
		size = folderBytes(b, logDir) - before
		b.StartTimer()
	}
	b.ReportMetric(float64(ops), "ops")
	b.ReportMetric(float64(size)*1000/float64(ops), "folder-bytes/1000ops")
	_ = folder
}

// BenchmarkPull applies ~10,000 operations published by another member to
// a fresh vault.
func BenchmarkPull(b *testing.B) {
	folder, a, ops := benchSource(b)
	mustSync(b, a)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		v := newVault(b)
		t, err := Join(v, folder, "Me Jules Martin")
		mustOK(b, err)
		mustOK(b, a.Accept(t.me, t.Fingerprint()))
		mustOK(b, t.Accept(a.me, a.Fingerprint()))
		b.StartTimer()
		rep := mustSync(b, t)
		b.StopTimer()
		if rep.Applied < ops {
			b.Fatalf("applied %d of %d operations: %+v", rep.Applied, ops, rep.Skipped)
		}
		v.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(ops), "ops")
}
