package pdf_test

import (
	"testing"

	"casefile/letters"
	"casefile/review"
)

// The agenda and the letter of the golden tests: time to lay out and
// write one, and its size (bytes/pdf).
//
//	go test -tags migrated_fynedo -run XXX -bench PDF ./internal/pdf/
func BenchmarkAgendaPDF(b *testing.B) {
	setLang(b, "fr_FR.UTF-8")
	r := agendaFixture(b)
	review.AgendaPDF(r) // fonts loaded once per process, as in the app
	var n int
	for b.Loop() {
		n = len(review.AgendaPDF(r))
	}
	b.ReportMetric(float64(n), "bytes/pdf")
}

func BenchmarkLetterPDF(b *testing.B) {
	text := letterFixture(b)
	letters.PDF(text)
	var n int
	for b.Loop() {
		n = len(letters.PDF(text))
	}
	b.ReportMetric(float64(n), "bytes/pdf")
}

// BenchmarkLetterFrenchPDF is a letter in French only (standard fonts,
// nothing embedded).
func BenchmarkLetterFrenchPDF(b *testing.B) {
	text := frenchOnly(letterFixture(b))
	letters.PDF(text)
	var n int
	for b.Loop() {
		n = len(letters.PDF(text))
	}
	b.ReportMetric(float64(n), "bytes/pdf")
}

// frenchOnly keeps the lines of s that WinAnsi encodes.
func frenchOnly(s string) string {
	var out []rune
	line := []rune{}
	keep := true
	for _, r := range s + "\n" {
		if r == '\n' {
			if keep {
				out = append(append(out, line...), '\n')
			}
			line, keep = line[:0], true
			continue
		}
		if r > 0xff && r != '’' && r != '—' && r != 'œ' && r != '…' {
			keep = false
		}
		line = append(line, r)
	}
	return string(out)
}
