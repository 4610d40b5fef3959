package store

import (
	"encoding/json"
	"testing"
	"time"

	"casefile/model"
	"casefile/store/internal/layout"
)

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// The due index's hand decoder reads what encodeDue writes, escapes and
// all.
func TestDecodeDueEntry(t *testing.T) {
	d := model.Deadline{CaseID: "c1", Owner: "Me Zoé \"Z\" N'Diaye\n", Kind: model.DeadlineComputed,
		RuleID: "oqtf-48h", Label: "a\\b <c>", DueAt: time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)}
	got, err := layout.DecodeDueEntry(layout.EncodeDue(d))
	if err != nil {
		t.Fatal(err)
	}
	var want layout.DueEntry
	if err := json.Unmarshal(layout.EncodeDue(d), &want); err != nil {
		t.Fatal(err)
	}
	if got != want || got.Owner != d.Owner {
		t.Fatalf("got %+v, want %+v", got, want)
	}
}
