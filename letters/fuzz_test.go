package letters

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzTemplate: a clinic's template file is hostile until read. Whatever
// its bytes (size, nesting of braces, placeholders) and whatever a case's
// fields hold (values that themselves look like placeholders):
//   - nothing panics; a file that is not UTF-8 is ErrBadTemplate, any
//     other reads as a template with a one-line title;
//   - filling it writes each value exactly as it is, never read again for
//     placeholders (no recursion), or names the unknown placeholder, or
//     refuses a letter over maxLetter: the letter never exceeds it;
//   - the RTF of the letter is 7-bit text with balanced groups, and the
//     PDF a whole document.
func FuzzTemplate(f *testing.F) {
	f.Add([]byte("# Titre\nMadame, Monsieur {{nom}},\n"), "Benali")
	f.Fuzz(func(t *testing.T, file []byte, value string) {
		if len(value) > 2000 { // a field holds at most 500 characters
			value = value[:2000]
		}
		tmpl, err := parse("fuzz", "", file)
		if !utf8.Valid(file) {
			if !errors.Is(err, ErrBadTemplate) {
				t.Fatalf("not UTF-8, read as %v", err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(tmpl.Title, "\n") || !strings.HasSuffix(tmpl.Body, "\n") {
			t.Fatalf("title %q, body %q", tmpl.Title, tmpl.Body)
		}
		fields, marks := map[string]string{}, map[string]string{}
		var swap []string
		for i, name := range FieldNames() {
			fields[name] = value + "{{" + name + "}}"
			marks[name] = fmt.Sprintf("\x01%d\x02", i)
			swap = append(swap, marks[name], fields[name])
		}
		out, err := tmpl.Fill(fields)
		var ue *UnknownFieldError
		switch {
		case errors.As(err, &ue):
			if _, known := fields[ue.Field]; known || !strings.Contains(tmpl.Body, ue.Field) {
				t.Fatalf("unknown field %q", ue.Field)
			}
			return
		case errors.Is(err, ErrBadTemplate):
		case err != nil:
			t.Fatal(err)
		}
		if len(out) > max(maxLetter, len(tmpl.Body)) {
			t.Fatalf("a letter of %d bytes", len(out))
		}
		if !strings.ContainsAny(tmpl.Body, "\x01\x02") {
			// The same template filled with marks, the marks then replaced
			// by the values: exactly the letter (values written as they are).
			marked, merr := tmpl.Fill(marks)
			if merr != nil && err != nil && errors.As(merr, &ue) {
				return // the cap came before an unknown placeholder
			}
			if merr != nil {
				t.Fatalf("filled with values (%v), not with marks: %v", err, merr)
			}
			want := strings.NewReplacer(swap...).Replace(marked)
			if err != nil {
				if len(want) <= maxLetter {
					t.Fatalf("a letter of %d bytes refused: %v", len(want), err)
				}
				return
			}
			if out != want {
				t.Fatalf("the letter is not the template with its values")
			}
		} else if err != nil {
			return
		}
		checkRTF(t, RTF(out))
		if p := PDF(out); !bytes.HasPrefix(p, []byte("%PDF-1.")) || !bytes.HasSuffix(bytes.TrimRight(p, "\n"), []byte("%%EOF")) {
			t.Fatalf("not a whole PDF: %q…%q", p[:min(len(p), 16)], p[max(0, len(p)-16):])
		}
	})
}

// checkRTF: 7-bit printable text and line feeds, groups that close.
func checkRTF(t *testing.T, r []byte) {
	t.Helper()
	depth := 0
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case c == '\\':
			i++ // the escaped character or the control word's first letter
		case c == '{':
			depth++
		case c == '}':
			if depth--; depth < 0 {
				t.Fatal("RTF closes a group it did not open")
			}
		case c != '\n' && (c < 0x20 || c >= 0x7f):
			t.Fatalf("RTF byte %#x", c)
		}
	}
	if depth != 0 {
		t.Fatalf("RTF leaves %d groups open", depth)
	}
}

// TestWriteLettersFuzzSeeds rewrites testdata/fuzz/FuzzTemplate when
// CASEFILE_WRITE_SEEDS=1: the built-in templates, then the hostile cases.
func TestWriteLettersFuzzSeeds(t *testing.T) {
	if os.Getenv("CASEFILE_WRITE_SEEDS") != "1" {
		t.Skip("set CASEFILE_WRITE_SEEDS=1 to rewrite testdata/fuzz/FuzzTemplate")
	}
	dir := filepath.Join("testdata", "fuzz", "FuzzTemplate")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	seed := func(name string, file []byte, value string) {
		b := fmt.Appendf(nil, "go test fuzz v1\n[]byte(%q)\nstring(%q)\n", file, value)
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, id := range Builtin {
		b, err := builtin.ReadFile("templates/" + id + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		seed(id, b, "Aïcha Noémie")
	}
	// 32 KiB of the longest field: 4.6 MB of letter before maxLetter.
	seed("amplification", []byte(strings.Repeat("{{nom}}", maxTemplate/7)), strings.Repeat("Ŵ", 500))
	seed("cap-then-unknown", []byte(strings.Repeat("{{nom}}", maxTemplate/7-2)+"{{}}"), strings.Repeat("Ŵ", 500))
	seed("nested", []byte("{{{{nom}}}} {{ {{nom}} }} {{nom}}}} {{"), "{{nom}}")
	seed("unknown", []byte("Bonjour {{nom}} {{nom_de_jeune_fille}}"), "x")
	seed("unclosed", []byte("Bonjour {{nom"), "x")
	seed("control", []byte("# \x1b]0;owned\x07Titre\r\n{{prefecture}}\x00\x1b[31m {\\rtf1 }}"), "\x1b[2J")
	seed("not-utf8", []byte("Madame \xff\xfe {{nom}}"), "x")
	seed("bom-crlf", []byte("\ufeff# Titre\r\n\r\n{{ nom }}\r\n"), "=HYPERLINK(\"http://evil.example\")")
	seed("scripts", []byte("{{nom}}\n{{adresse}}"), "بن علي 王小明 Ծառուկյան ሰላም")
}
