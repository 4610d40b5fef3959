package fakeclinic

import (
	"testing"

	"casefile/model"
)

var benchToday = model.Date{Year: 2026, Month: 3, Day: 16}

func BenchmarkCaseFile(b *testing.B) {
	g := New(1)
	b.ReportAllocs()
	for b.Loop() {
		_ = g.CaseFile(benchToday)
	}
}

func BenchmarkHousehold(b *testing.B) {
	g := New(1)
	b.ReportAllocs()
	for b.Loop() {
		_ = g.Household(benchToday)
	}
}

func BenchmarkNotes(b *testing.B) {
	g := New(1)
	f := g.CaseFile(benchToday)
	b.ReportAllocs()
	for b.Loop() {
		_ = g.Notes(f, 10, benchToday)
	}
}
