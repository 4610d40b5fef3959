package letters

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"casefile/model"
	"casefile/store"
)

// Format is how a letter is written out.
type Format string

// Formats.
const (
	FormatPDF Format = "pdf"
	FormatRTF Format = "rtf"
)

// Render writes text in format f.
func Render(text string, f Format) []byte {
	if f == FormatRTF {
		return RTF(text)
	}
	return PDF(text)
}

// FileName is the name a saved letter takes among the case's documents:
// the case reference, the date and the template,
// "2026-K7-0042_2026-11-28_recours-gracieux.pdf". Characters a file
// system refuses become "-".
func FileName(ref string, day model.Date, templateID string, f Format) string {
	safe := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r < 0x20 || strings.ContainsRune(`/\:*?"<>|`, r) {
				return '-'
			}
			return r
		}, strings.TrimSpace(s))
	}
	if templateID == "" {
		templateID = "courrier"
	}
	return safe(ref) + "_" + day.String() + "_" + safe(templateID) + "." + string(f)
}

// Saved is a letter the lawyer saves.
type Saved struct {
	CaseID, Ref string
	// Template is the template it was filled from (ID "" for a letter
	// typed from nothing); Title is logged in Header.
	Template Template
	Format   Format
	Text     string
	// Data is the letter already rendered in Format (nil: Save renders
	// Text), for a face that checked the PDF first.
	Data  []byte
	Today model.Date
	// RespondBy, for a letter that gives the administration a date
	// ({{date_limite}}), records the letter as a written request with
	// that deadline in the evidence log: the référé readiness counts it.
	RespondBy model.Date
	// Header is the first line of the note logged on the case, worded by
	// the face ("Courrier « Recours gracieux » enregistré en PDF").
	Header string
}

// Save stores a letter with the case's documents, encrypted in the vault
// (store.Vault.AddDocument), under FileName, and logs it on the case (a
// note with Header and the text). A letter that gives a date to answer
// is stored as the proof of a written request in the evidence log (its
// document is the same file). It returns the stored document.
func Save(v *store.Vault, s Saved) (*model.Document, error) {
	data := s.Data
	if data == nil {
		data = Render(s.Text, s.Format)
	}
	name := FileName(s.Ref, s.Today, s.Template.ID, s.Format)
	var doc *model.Document
	if !s.RespondBy.IsZero() {
		title := s.Template.Title
		if title == "" {
			title = s.Template.ID
		}
		e := model.Evidence{CaseID: s.CaseID, At: s.Today.Time(model.Paris()), DateOnly: true, Channel: model.EvidencePost,
			Kind: model.EvidenceRequest, RespondBy: s.RespondBy, What: title}
		if now := time.Now(); e.At.After(now) { // a date typed ahead: the request is sent now
			e.At = now
		}
		if err := v.AddEvidence(&e, []store.ProofFile{{Name: name, R: bytes.NewReader(data)}}); err != nil {
			return nil, err
		}
		d, err := v.Document(e.Proofs[0].DocID)
		if err != nil {
			return nil, err
		}
		doc = d
	} else {
		d, err := v.AddDocument(s.CaseID, name, bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		doc = d
	}
	if _, err := Log(v, s.CaseID, s.Header, s.Text); err != nil {
		return doc, fmt.Errorf("letters: the letter is saved, its note is not: %w", err)
	}
	return doc, nil
}
