package letters

import (
	"embed"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

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
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("letters: templates folder: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".txt") || !e.Type().IsRegular() {
			continue
		}
		id := strings.TrimSuffix(e.Name(), ".txt")
		path := filepath.Join(dir, e.Name())
		b, err := readLimited(path)
		if err != nil {
			return nil, err
		}
		t, err := parse(id, path, b)
		if err != nil {
			return nil, err
		}
		if i := slices.IndexFunc(out, func(x Template) bool { return x.ID == id }); i >= 0 {
			out[i] = t
		} else {
			out = append(out, t)
		}
	}
	return out, nil
}

// Find returns the template id from List(dir).
func Find(dir, id string) (Template, error) {
	ts, err := List(dir)
	if err != nil {
		return Template{}, err
	}
	for _, t := range ts {
		if t.ID == id {
			return t, nil
		}
	}
	return Template{}, fmt.Errorf("%w: %q", ErrUnknownTemplate, id)
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("letters: %w", err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxTemplate+1))
	if err != nil {
		return nil, fmt.Errorf("letters: %s: %w", path, err)
	}
	if len(b) > maxTemplate {
		return nil, fmt.Errorf("%w: %s is over %d KiB", ErrBadTemplate, path, maxTemplate>>10)
	}
	return b, nil
}

func parse(id, path string, b []byte) (Template, error) {
	if !utf8.Valid(b) {
		return Template{}, fmt.Errorf("%w: %s is not UTF-8", ErrBadTemplate, id)
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
