package model

import (
	"strings"
	"time"
)

// Note is a dated entry on a case: a meeting, a phone call, a thought.
type Note struct {
	ID     string    `json:"id"`
	CaseID string    `json:"case_id"`
	Author string    `json:"author"`
	Time   time.Time `json:"time"`
	Text   string    `json:"text"`
}

// MaxNoteBytes caps one note, so that it always fits in one vault transaction.
const MaxNoteBytes = 64 << 10

// Validate checks that the note has text of a sane size and a case.
func (n Note) Validate() error {
	var pr problems
	if strings.TrimSpace(n.Text) == "" {
		pr.add("text", ProblemRequired)
	} else if len(n.Text) > MaxNoteBytes {
		pr.add("text", ProblemTooLong)
	} else if HasControlMultiline(n.Text) {
		pr.add("text", ProblemControlChar)
	}
	if hasControl(n.Author) {
		pr.add("author", ProblemControlChar)
	}
	if n.CaseID == "" {
		pr.add("case_id", ProblemRequired)
	}
	return pr.err()
}
