package letters

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"casefile/i18n"
	"casefile/internal/confined"
	"casefile/model"
)

//go:embed templates/*.txt
var builtin embed.FS

// Builtin lists the ids of the embedded templates, in display order.
var Builtin = []string{
	"recours-gracieux", "motifs-refus-implicite", "communication-dossier", "rendez-vous",
	"canal-non-numerique", "attestation", "droits-attestation-prolongation", "mise-en-demeure",
	"refere-mesures-utiles", "defenseur-des-droits",
}

// Template is a letter template: Body holds {{placeholders}}; lines of the
// file that start with "#" are comments, the first of them the title.
type Template struct {
	ID    string // the file name without .txt
	Title string
	Body  string
	// Path is the file it came from, empty for an embedded default.
	Path string
}

// Errors the faces branch on.
var (
	// ErrUnknownTemplate: no template with that id.
	ErrUnknownTemplate = errors.New("unknown letter template")
	// ErrBadTemplate: a template file is not UTF-8 text or is too large.
	ErrBadTemplate = errors.New("letter template is not usable text")
)

// UnknownFieldError names a {{placeholder}} that no field fills.
type UnknownFieldError struct{ Template, Field string }

func (e *UnknownFieldError) Error() string {
	return fmt.Sprintf("letters: template %s: unknown field {{%s}}", e.Template, e.Field)
}

// maxTemplate caps a template file: a letter is a page or two.
const maxTemplate = 32 << 10

// maxLetter caps a filled letter: what one note of the case holds (Log),
// twenty pages and more. A template that repeats a long field thousands
// of times (32 KiB of {{nom}}: 4.6 MB of text, whose PDF took 20 s and
// 1.6 GB) is refused instead.
const maxLetter = model.MaxNoteBytes

// List returns the embedded templates, each replaced by the file of the same
// name in dir when there is one, then dir's other .txt files, by name. An
// empty dir means the defaults only; a dir that does not exist is an error.
//
// The folder is a clinic's, often on a shared drive that others can write
// to: its files are read through internal/confined (no link followed, no
// FIFO or device opened, at most maxTemplate bytes, within readBudget). A
// file that cannot be used is skipped, never the whole list: the others
// are returned with a *SkippedError naming each file left out (errors.Is
// ErrBadTemplate), so that one bad file neither hides the clinic's other
// templates nor goes unnoticed.
func List(dir string) ([]Template, error) {
	var out []Template
	for _, id := range Builtin {
		b, err := builtin.ReadFile("templates/" + id + ".txt")
		if err != nil {
			return nil, err // a build defect
		}
		t, err := parse(id, "", b)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	if dir == "" {
		return out, nil
	}
	d, err := confined.Open(dir, "", false)
	if err != nil {
		return nil, fmt.Errorf("letters: templates folder: %w", err)
	}
	defer d.Close()
	entries, err := d.List("", maxEntries)
	if err != nil {
		return nil, fmt.Errorf("letters: templates folder: %w", err)
	}
	var skipped SkippedError
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".txt") || confined.IsTemp(e.Name()) || e.IsDir() {
			continue
		}
		id := strings.TrimSuffix(e.Name(), ".txt")
		b, err := d.ReadFile(e.Name(), maxTemplate, readBudget)
		if err == nil {
			var t Template
			if t, err = parse(id, filepath.Join(dir, e.Name()), b); err == nil {
				if i := slices.IndexFunc(out, func(x Template) bool { return x.ID == id }); i >= 0 {
					out[i] = t
				} else {
					out = append(out, t)
				}
				continue
			}
		}
		skipped.Files = append(skipped.Files, Skipped{Name: e.Name(), Err: err})
	}
	if len(skipped.Files) > 0 {
		return out, &skipped
	}
	return out, nil
}

// maxEntries caps the folder's listing: a folder of templates holds tens
// of files, and a hostile one must not make the app hold millions of names.
const maxEntries = 4096

// readBudget bounds the reading of one template: a network share that
// stopped answering must not freeze the letter screen.
const readBudget = 5 * time.Second

// Skipped is one file of the templates folder left out of the list, and why.
type Skipped struct {
	Name string
	Err  error
}

// SkippedError names the files of the templates folder that List left out.
// It is ErrBadTemplate for errors.Is.
type SkippedError struct{ Files []Skipped }

func (e *SkippedError) Error() string {
	parts := make([]string, len(e.Files))
	for i, f := range e.Files {
		parts[i] = f.Name + ": " + reason(f.Err)
	}
	return strings.Join(parts, "; ")
}

func (e *SkippedError) Is(target error) bool { return target == ErrBadTemplate }

// Translated is the message a face shows: each file left out and why, in
// the user's language.
func (e *SkippedError) Translated() string {
	parts := make([]string, len(e.Files))
	for i, f := range e.Files {
		parts[i] = f.Name + " (" + i18n.T(reasonKey(f.Err)) + ")"
	}
	return i18n.T("letters.skipped", map[string]string{"List": strings.Join(parts, ", ")})
}

// reasons are the English reasons of Error (logs, tests); the faces show
// Translated.
var reasons = map[string]string{
	"letters.skip.link":        "a link, never followed",
	"letters.skip.not_regular": "not a regular file",
	"letters.skip.hard_link":   "has other names (hard links)",
	"letters.skip.too_large":   "over 32 KiB",
	"letters.skip.too_slow":    "took too long to read",
	"letters.skip.not_utf8":    "not UTF-8 text",
}

// reason says why a file was left out, without the path (the message
// names the file already).
func reason(err error) string {
	if r, ok := reasons[reasonKey(err)]; ok {
		return r
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

func reasonKey(err error) string {
	switch {
	case errors.Is(err, confined.ErrLink):
		return "letters.skip.link"
	case errors.Is(err, confined.ErrNotRegular):
		return "letters.skip.not_regular"
	case errors.Is(err, confined.ErrHardLink):
		return "letters.skip.hard_link"
	case errors.Is(err, confined.ErrTooLarge):
		return "letters.skip.too_large"
	case errors.Is(err, confined.ErrTooSlow):
		return "letters.skip.too_slow"
	case errors.Is(err, errNotUTF8):
		return "letters.skip.not_utf8"
	}
	return "letters.skip.unreadable"
}

// Find returns the template id from List(dir). A file of the folder that
// List skipped does not stop Find from returning another template; asked
// for by its own id, it is that file's error.
func Find(dir, id string) (Template, error) {
	ts, err := List(dir)
	var skipped *SkippedError
	if err != nil && !errors.As(err, &skipped) {
		return Template{}, err
	}
	if skipped != nil {
		for _, f := range skipped.Files {
			if f.Name == id+".txt" {
				return Template{}, &SkippedError{Files: []Skipped{f}}
			}
		}
	}
	for _, t := range ts {
		if t.ID == id {
			return t, nil
		}
	}
	return Template{}, fmt.Errorf("%w: %q", ErrUnknownTemplate, id)
}

// errNotUTF8: a template file that is not UTF-8 text.
var errNotUTF8 = errors.New("not UTF-8")

func parse(id, path string, b []byte) (Template, error) {
	if !utf8.Valid(b) {
		return Template{}, fmt.Errorf("%w: %s is %w", ErrBadTemplate, id, errNotUTF8)
	}
	s := strings.TrimPrefix(strings.ReplaceAll(string(b), "\r\n", "\n"), "\ufeff")
	t := Template{ID: id, Path: path}
	var body []string
	for _, line := range strings.Split(s, "\n") {
		if strings.HasPrefix(line, "#") {
			if t.Title == "" {
				t.Title = strings.TrimSpace(strings.TrimLeft(line, "#"))
			}
			continue
		}
		body = append(body, line)
	}
	if t.Title == "" {
		t.Title = id
	}
	t.Body = strings.TrimSpace(strings.Join(body, "\n")) + "\n"
	return t, nil
}

// Fill replaces every {{name}} of the template with fields[name]. A
// placeholder no field names is an *UnknownFieldError (a typo in a
// clinic's template must not silently print nothing); "{{" without a
// closing "}}" stays as it is. Values are written as they are, never read
// for placeholders. A letter over maxLetter is ErrBadTemplate.
func (t Template) Fill(fields map[string]string) (string, error) {
	var b strings.Builder
	s := t.Body
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		name := strings.TrimSpace(s[i+2 : i+j])
		val, ok := fields[name]
		if !ok {
			return "", &UnknownFieldError{Template: t.ID, Field: name}
		}
		if b.Len()+len(val)+len(s) > maxLetter {
			return "", fmt.Errorf("%w: %s makes a letter over %d KiB (its fields repeated too often)", ErrBadTemplate, t.ID, maxLetter>>10)
		}
		b.WriteString(s[:i])
		b.WriteString(val)
		s = s[i+j+2:]
	}
}

// Placeholders lists what a letter still holds to complete, in order, each
// once: the Missing marks and the bracketed instructions of the templates
// ("[Exposer ici les faits…]"), a bracketed span of at most 300
// characters on one line. Saving a letter that holds one warns first.
func Placeholders(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		for {
			i := strings.IndexByte(line, '[')
			if i < 0 {
				break
			}
			j := strings.IndexByte(line[i:], ']')
			if j < 0 {
				break
			}
			span := line[i : i+j+1]
			line = line[i+j+1:]
			if utf8.RuneCountInString(span) > 300 || strings.TrimSpace(span[1:len(span)-1]) == "" {
				continue
			}
			if !seen[span] {
				seen[span] = true
				out = append(out, span)
			}
		}
	}
	return out
}

// extensionClaim matches the words by which a letter says an
// administrative appeal interrupts, suspends or extends the court delay:
// "interrompt", "interruption", L. 411-2 CRPA (the text that gives the
// interruption), "proroge", "prorogé", "prorogation".
var extensionClaim = regexp.MustCompile(`(?i)interromp|interruption|L\.\s*411-2|prorog`)

// ClaimsExtension reports whether text says an administrative appeal
// interrupts or extends a court delay (the words of extensionClaim). On a
// case whose decision is contested under the CESEDA's own procedure, where
// no such extension exists, a letter that says so must not go out
// unnoticed: Compose flags it.
func ClaimsExtension(text string) bool { return extensionClaim.MatchString(text) }

// Uses reports whether the template uses the field name.
func (t Template) Uses(name string) bool {
	s := t.Body
	for {
		i := strings.Index(s, "{{")
		if i < 0 {
			return false
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			return false
		}
		if strings.TrimSpace(s[i+2:i+j]) == name {
			return true
		}
		s = s[i+j+2:]
	}
}
