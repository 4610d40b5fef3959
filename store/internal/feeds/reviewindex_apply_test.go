package feeds

import (
	"fmt"
	"slices"
	"testing"

	"casefile/store/internal/layout"
)

// A build's writes come stale deletes first, then the keys to set, with
// the counters in decimal.
func TestReviewIndexBuildWritesInOrder(t *testing.T) {
	b := &ReviewIndexBuild{
		Stale:   [][]byte{layout.IdleKey("old")},
		NoOwner: [][]byte{layout.NoOwnerKey("2026-11-30", "d1")},
		Timed:   [][2][]byte{{layout.TimedKey("2026-11-30", "d2"), []byte("v")}},
		Open:    map[string]int{"c1": 12},
		Idle:    []string{"c2"},
	}
	var got []string
	if err := b.Writes(func(key, val []byte, del bool) error {
		got = append(got, fmt.Sprintf("%s=%s del=%v", key, val, del))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := []string{
		string(layout.IdleKey("old")) + "= del=true",
		string(layout.NoOwnerKey("2026-11-30", "d1")) + "= del=false",
		string(layout.TimedKey("2026-11-30", "d2")) + "=v del=false",
		string(layout.OpenCountKey("c1")) + "=12 del=false",
		string(layout.IdleKey("c2")) + "= del=false",
	}
	if !slices.Equal(got, want) {
		t.Fatalf("writes\n%q\nwant\n%q", got, want)
	}
}

// A staged change's reads see its own writes only: a case's list row it
// deleted leaves nothing to count or mark idle, so it puts nothing.
func TestStagedReviewIndexWritesSeesItsOwn(t *testing.T) {
	at := func(int) ([]byte, []byte, bool) { return layout.ListKey("c1"), nil, true }
	var puts [][]byte
	if err := StagedReviewIndexWrites(1, at, func(key, _ []byte, _ bool) error {
		puts = append(puts, key)
		return nil
	}); err != nil || len(puts) != 0 {
		t.Fatalf("a case-list delete alone: %q, %v", puts, err)
	}
}
