package model

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Document is the metadata of a scan or PDF attached to a case. Its bytes
// live in the vault in chunks (docs/documents.md); SHA256 (hex) is checked
// whenever they are read back.
type Document struct {
	ID            string    `json:"id"`
	CaseID        string    `json:"case_id"`
	Name          string    `json:"name"`
	MIME          string    `json:"mime"`
	Size          int64     `json:"size"`
	SHA256        string    `json:"sha256"`
	Chunks        int       `json:"chunks"`
	AddedAt       time.Time `json:"added_at"`
	AddedBy       string    `json:"added_by"`
	ChecklistItem string    `json:"checklist_item"`
	// Deleted documents keep their record (the change log names it, and
	// sync must carry the deletion); their bytes are gone.
	Deleted bool `json:"deleted"`
}

// MaxDocumentBytes caps one document: a 100-page scan fits easily.
const MaxDocumentBytes = 64 << 20

// Validate checks the metadata a user gives (name, checklist item).
func (d Document) Validate() error {
	var pr problems
	switch {
	case strings.TrimSpace(d.Name) == "":
		pr.add("name", ProblemRequired)
	case utf8.RuneCountInString(d.Name) > maxTextField:
		pr.add("name", ProblemTooLong)
	case hasControl(d.Name):
		pr.add("name", ProblemControlChar)
	}
	if d.CaseID == "" {
		pr.add("case_id", ProblemRequired)
	}
	if d.ChecklistItem != "" && !KnownChecklistItem(d.ChecklistItem) {
		pr.add("checklist_item", ProblemUnknown)
	}
	if d.Size > MaxDocumentBytes {
		pr.add("size", ProblemTooLong)
	}
	return pr.err()
}
