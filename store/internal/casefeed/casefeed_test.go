package casefeed

import (
	"errors"
	"slices"
	"sync"
	"testing"

	"casefile/changelog"
	"casefile/store/internal/layout"
)

func keys(ks ...string) func(yield func([]byte) bool) {
	return func(yield func([]byte) bool) {
		for _, k := range ks {
			if !yield([]byte(k)) {
				return
			}
		}
	}
}

// Only the records a search document follows make a notice, and they reach
// the resolver as "kind/id"; a resolver's error becomes All.
func TestFeedPassesRecordsOfItsKinds(t *testing.T) {
	var f Feed
	var mu sync.Mutex
	var got []Changes
	var asked []string
	fail := false
	stop := f.Watch(func(ch Changes) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, ch)
	}, func(recs map[string]bool) ([]string, error) {
		mu.Lock()
		defer mu.Unlock()
		for r := range recs {
			asked = append(asked, r)
		}
		if fail {
			return nil, errors.New("closing")
		}
		return []string{"c1"}, nil
	})
	defer stop()

	f.Committed(keys(string(layout.RecKey(changelog.KindDeadline, "d1")), layout.IdxDue+"x"))
	f.Sync()
	if len(got) != 0 {
		t.Fatalf("a deadline and an index key made notices: %v", got)
	}
	f.Committed(keys(string(layout.RecKey(changelog.KindCase, "c1")), string(layout.RecKey(changelog.KindNote, "n1")), layout.IdxDue+"x"))
	f.Sync()
	mu.Lock()
	slices.Sort(asked)
	if !slices.Equal(asked, []string{"case/c1", "note/n1"}) || len(got) != 1 || !slices.Equal(got[0].Cases, []string{"c1"}) || got[0].All {
		t.Fatalf("asked %v, got %v", asked, got)
	}
	fail = true
	mu.Unlock()
	f.CaseGone("c2")
	f.Sync()
	mu.Lock()
	defer mu.Unlock()
	if len(got) != 2 || !got[1].All {
		t.Fatalf("a resolver's error gave %v", got)
	}
}

// Without a subscriber the feed keeps nothing; Close stops delivery and
// Sync does not wait on a stopped feed.
func TestFeedWithoutSubscriber(t *testing.T) {
	var f Feed
	f.Committed(keys(string(layout.RecKey(changelog.KindCase, "c1"))))
	if f.pending != nil || f.seq != 0 {
		t.Fatalf("an unwatched feed kept %v (seq %d)", f.pending, f.seq)
	}
	n := 0
	f.Watch(func(Changes) { n++ }, func(map[string]bool) ([]string, error) { return nil, nil })
	f.Close()
	f.Committed(keys(string(layout.RecKey(changelog.KindCase, "c1"))))
	f.Sync()
	if n != 0 {
		t.Fatalf("a closed feed delivered %d notices", n)
	}
}
