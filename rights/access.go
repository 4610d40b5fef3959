package rights

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"casefile/i18n"
	"casefile/internal/pdf"
	"casefile/model"
	"casefile/store"
)

// AccessPDF writes everything in d as an A4 PDF: the person's record and
// any record merged into it, field by field; each case they are in, with
// its fields, notes, events, deadlines and documents (name, size,
// fingerprint); then the history of changes to the person's record. It
// names the person: the face warns that the file is not encrypted.
func AccessPDF(d *store.PersonData, printed time.Time) []byte {
	doc := pdf.Doc{MissingLabel: i18n.NoFontLabel}
	doc.Line(pdf.HelveticaBold, 15, i18n.T("rights.access.title", map[string]string{"Name": d.Person.DisplayName()}))
	doc.Line(pdf.Helvetica, 9, i18n.T("rights.access.printed", map[string]string{
		"Date": i18n.Date(model.DateOf(printed)), "Time": printed.Format("15:04")}))
	doc.Para(pdf.Helvetica, 9, i18n.T("rights.access.intro"))
	heading := func(s string) {
		doc.Gap(6)
		doc.Line(pdf.HelveticaBold, 12, s)
	}
	sub := func(s string) {
		doc.Gap(3)
		doc.Line(pdf.HelveticaBold, 10, s)
	}
	record := func(rec any) {
		for _, f := range fieldsOf(rec) {
			doc.WrapRow(pdf.Helvetica, 9, []float64{0, 150}, []string{f[0], f[1]}, 0)
		}
	}
	heading(i18n.T("rights.access.person"))
	record(d.Person)
	for _, m := range d.Merged {
		sub(i18n.T("rights.access.merged", map[string]string{"ID": m.ID}))
		record(m)
	}
	for _, c := range d.Cases {
		role := i18n.T("rights.access.main_person")
		if c.Role != "" {
			role = i18n.Role(c.Role)
		}
		heading(i18n.T("rights.access.case", map[string]string{"Ref": c.File.Ref, "Role": role}))
		record(c.File.Case)
		if c.Role != "" {
			sub(i18n.T("rights.access.main_of_case"))
			doc.Line(pdf.Helvetica, 9, c.File.Person.DisplayName())
		}
		sub(i18n.T("rights.access.notes") + fmt.Sprintf(" (%d)", len(c.Notes)))
		for _, n := range c.Notes {
			doc.Line(pdf.HelveticaBold, 9, i18n.Date(model.DateOf(n.Time))+" — "+n.Author)
			doc.Para(pdf.Helvetica, 9, n.Text)
		}
		sub(i18n.T("rights.access.events") + fmt.Sprintf(" (%d)", len(c.Events)))
		for _, e := range c.Events {
			doc.Para(pdf.Helvetica, 9, i18n.Date(e.Date)+" — "+i18n.T("event.kind."+string(e.Kind))+" "+i18n.EventDetails(e))
		}
		sub(i18n.T("rights.access.deadlines") + fmt.Sprintf(" (%d)", len(c.Deadlines)))
		for _, dl := range c.Deadlines {
			what := dl.Label
			if what == "" {
				what = dl.RuleID
			}
			doc.Para(pdf.Helvetica, 9, i18n.Date(dl.Due)+" — "+what+" — "+string(dl.Status))
		}
		sub(i18n.T("rights.access.documents") + fmt.Sprintf(" (%d)", len(c.Documents)))
		for _, doc2 := range c.Documents {
			doc.Para(pdf.Helvetica, 9, i18n.T("rights.access.document_line", map[string]string{
				"Name": doc2.Name, "Size": fmt.Sprint(doc2.Size), "SHA": doc2.SHA256,
				"Date": i18n.Date(model.DateOf(doc2.AddedAt))}))
		}
	}
	heading(i18n.T("rights.access.history") + fmt.Sprintf(" (%d)", len(d.History)))
	for _, h := range d.History {
		doc.Para(pdf.Helvetica, 8, fmt.Sprintf("%s %s — %s — %s: %s", i18n.Date(model.DateOf(h.Time)), h.Time.Format("15:04"),
			h.Author, i18n.Field(h.Field), plain(h.New)))
	}
	return doc.Bytes()
}

// fieldsOf lists a record's fields in their declared order as
// (translated label, value in words), leaving out ids and empty values.
func fieldsOf(rec any) [][2]string {
	b, err := json.Marshal(rec)
	if err != nil {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // {
		return nil
	}
	var out [][2]string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		name, _ := tok.(string)
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return out
		}
		if name == "id" || strings.HasSuffix(name, "_id") || store.IsZeroValue(raw) {
			continue
		}
		out = append(out, [2]string{i18n.Field(name), plain(raw)})
	}
	return out
}

// plain writes a JSON value in words: strings as they are, lists and
// objects flattened, true and false translated.
func plain(raw json.RawMessage) string {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return string(raw)
	}
	var walk func(v any) string
	walk = func(v any) string {
		switch x := v.(type) {
		case string:
			return x
		case bool:
			if x {
				return i18n.T("rights.yes")
			}
			return i18n.T("rights.no")
		case []any:
			parts := make([]string, len(x))
			for i, e := range x {
				parts[i] = walk(e)
			}
			return strings.Join(parts, "; ")
		case map[string]any:
			keys := make([]string, 0, len(x))
			for k := range x {
				keys = append(keys, k)
			}
			slices.Sort(keys)
			var parts []string
			for _, k := range keys {
				e := x[k]
				if k == "id" {
					continue
				}
				if s := walk(e); s != "" {
					parts = append(parts, i18n.Field(k)+": "+s)
				}
			}
			return strings.Join(parts, ", ")
		case nil:
			return ""
		}
		return fmt.Sprint(v)
	}
	return walk(v)
}
