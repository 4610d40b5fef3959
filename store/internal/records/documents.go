package records

import (
	"mime"
	"net/http"
	"path/filepath"
	"slices"
	"strings"

	"casefile/model"
)

// Documents: what type a document's bytes are, and which of a case's
// documents are shown. The store writes and reads the chunks and writes
// the record (store/documents.go, store/docstream.go).

// SniffMIME trusts the content first (PDF, PNG, JPEG are recognised by
// their magic numbers), then the extension.
func SniffMIME(name string, head []byte) string {
	if len(head) > 0 {
		if t := http.DetectContentType(head); t != "application/octet-stream" && !strings.HasPrefix(t, "text/plain") {
			return t
		}
	}
	if t := mime.TypeByExtension(strings.ToLower(filepath.Ext(name))); t != "" {
		return t
	}
	if len(head) > 0 {
		return http.DetectContentType(head)
	}
	return "application/octet-stream"
}

// LiveDocuments leaves out of docs (a case's document records) the deleted
// ones, and orders the rest oldest first.
func LiveDocuments(docs []model.Document) []model.Document {
	docs = slices.DeleteFunc(docs, func(d model.Document) bool { return d.Deleted })
	slices.SortStableFunc(docs, func(a, b model.Document) int { return a.AddedAt.Compare(b.AddedAt) })
	return docs
}
