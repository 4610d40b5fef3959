package csvio

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"casefile/model"
)

// MappingVersion is the version of the mapping file format.
const MappingVersion = 1

// Mapping says which column feeds which field: header text → field JSON
// name as `casefile case set` names it ("person.family_name", "opened").
// An empty field, or a column absent from the map, is ignored.
type Mapping struct {
	Version int               `json:"version"`
	Columns map[string]string `json:"columns"`
}

// ErrMappingVersion: a mapping file from a newer Casefile.
var ErrMappingVersion = errors.New("csv: mapping file written by a newer version")

// MaxMappingFile caps a mapping file (a few hundred bytes in practice).
const MaxMappingFile = 1 << 20

// ErrMappingTooLarge: a mapping file over MaxMappingFile.
var ErrMappingTooLarge error = keyedError{"csv: mapping file too large", "csv.err.mapping_too_large"}

// ReadMapping reads a mapping file from r, at most MaxMappingFile bytes.
func ReadMapping(r io.Reader) (*Mapping, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxMappingFile+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxMappingFile {
		return nil, ErrMappingTooLarge
	}
	return ParseMapping(b)
}

// ParseMapping reads a mapping file.
func ParseMapping(b []byte) (*Mapping, error) {
	var m Mapping
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("csv: mapping file: %w", err)
	}
	if m.Version > MappingVersion {
		return nil, ErrMappingVersion
	}
	for col, f := range m.Columns {
		if f != "" && !Importable(f) {
			return nil, fmt.Errorf("csv: mapping file: column %q: %w: %s", col, model.ErrUnknownField, f)
		}
	}
	return &m, nil
}

// importable are the fields a column can feed, with the header texts (folded:
// lower case, no accents) recognised for each when no mapping says otherwise.
var importable = map[string][]string{
	"person.family_name": {"nom", "nom de famille", "nom de naissance", "family name", "surname", "last name", "name"},
	"person.given_names": {"prenom", "prenoms", "given names", "given name", "first name", "first names"},
	"person.birth_date":  {"date de naissance", "ne le", "nee le", "naissance", "birth date", "date of birth", "dob"},
	"person.birth_place": {"lieu de naissance", "birth place", "place of birth"},
	"person.nationality": {"nationalite", "nationality", "pays", "country"},
	"person.agdref":      {"agdref", "numero agdref", "n agdref", "no agdref", "numero etranger"},
	"person.phone":       {"telephone", "tel", "tel.", "portable", "phone", "mobile"},
	"person.email":       {"email", "e-mail", "courriel", "mail", "adresse mail"},
	"person.address":     {"adresse", "address", "domicile"},
	"person.languages":   {"langues", "langue", "languages", "language"},
	"procedure":          {"procedure", "type de procedure", "type", "demarche"},
	"prefecture":         {"prefecture", "prefecture competente"},
	"anef_number":        {"anef", "numero anef", "n anef", "no anef", "numero de demande anef"},
	"status":             {"statut", "etat", "status"},
	"lawyer":             {"juriste", "avocat", "avocate", "referent", "referente", "suivi par", "lawyer"},
	"opened":             {"date d'ouverture", "ouverture", "ouvert le", "date ouverture", "opened", "date opened"},
	"closed":             {"date de cloture", "cloture", "clos le", "closed", "date closed"},
	"outcome":            {"issue", "resultat", "outcome"},
	"end_of_mission":     {"fin de mission", "end of mission"},
}

// Importable reports whether a column can feed the field.
func Importable(field string) bool { _, ok := importable[field]; return ok }

// Fields lists the fields a column can feed.
func Fields() []string {
	out := make([]string, 0, len(importable))
	for f := range importable {
		out = append(out, f)
	}
	return out
}

var folder = transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)

// fold lowers case, strips accents, the marks of plural and feminine
// ("Prénom(s)", "Né(e) le") and squeezes spaces and punctuation that
// spreadsheets vary on ("N° AGDREF" reads as "n agdref").
func fold(s string) string {
	s, _, _ = transform.String(folder, strings.ToLower(s))
	s = strings.NewReplacer("°", " ", "_", " ", ":", " ", "’", "'",
		"(s)", "", "(e)", "", "(es)", "", "(x)", "").Replace(s) // Prénom(s), Né(e) le

	return strings.Join(strings.Fields(s), " ")
}

// Guess builds a mapping for header from the column names it recognises,
// on top of remembered (a mapping used before), which wins for the columns
// it names.
func Guess(header []string, remembered *Mapping) *Mapping {
	m := &Mapping{Version: MappingVersion, Columns: map[string]string{}}
	taken := map[string]bool{}
	for _, col := range header {
		if remembered != nil {
			if f, ok := remembered.Columns[col]; ok {
				m.Columns[col] = f
				taken[f] = f != ""
				continue
			}
		}
	}
	for _, col := range header {
		if _, ok := m.Columns[col]; ok {
			continue
		}
		fc := fold(col)
		for f, names := range importable {
			if taken[f] {
				continue
			}
			for _, n := range names {
				if fc == n || fc == fold(f) || fc == strings.TrimPrefix(fold(f), "person.") {
					m.Columns[col], taken[f] = f, true
					break
				}
			}
			if m.Columns[col] != "" {
				break
			}
		}
	}
	return m
}
