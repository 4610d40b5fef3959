package letters

import (
	"unicode/utf8"

	"casefile/model"
	"casefile/store"
)

// Log records on the case, as a note written through the store's change
// machinery, that a letter was produced: header (a line the face words,
// such as "Courrier « Recours gracieux » enregistré en PDF") then the text
// as it was saved. A text too long for one note is cut, with "…".
func Log(v *store.Vault, caseID, header, text string) (*model.Note, error) {
	body := header + "\n\n" + text
	if len(body) > model.MaxNoteBytes {
		cut := model.MaxNoteBytes - len("…")
		for cut > 0 && !utf8.RuneStart(body[cut]) {
			cut--
		}
		body = body[:cut] + "…"
	}
	n := &model.Note{CaseID: caseID, Text: body}
	if err := v.AddNote(n); err != nil {
		return nil, err
	}
	return n, nil
}
