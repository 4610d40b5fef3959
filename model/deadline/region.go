package deadline

import (
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // zones must not depend on the host's zoneinfo
)

// Region is the holiday setting of a case: which local public holidays, on
// top of the national ones, move a deadline, and which time zone hour rules
// are counted in. The zero value, Metropole, adds no local holiday: local
// holidays only ever move dates later, so they are opt-in per case.
type Region uint8

// The regions. Alsace-Moselle adds Good Friday and 26 December (C. trav.
// L3134-13); each overseas region adds its day of the abolition of slavery.
const (
	Metropole Region = iota
	AlsaceMoselle
	Guadeloupe
	Martinique
	Guyane
	Reunion
	Mayotte
	SaintMartin
	SaintBarthelemy
	numRegions
)

var regionInfo = [numRegions]struct {
	id, fr, en, zone string
}{
	Metropole:       {"metropole", "Métropole", "Metropolitan France", "Europe/Paris"},
	AlsaceMoselle:   {"alsace-moselle", "Alsace-Moselle", "Alsace-Moselle", "Europe/Paris"},
	Guadeloupe:      {"guadeloupe", "Guadeloupe", "Guadeloupe", "America/Guadeloupe"},
	Martinique:      {"martinique", "Martinique", "Martinique", "America/Martinique"},
	Guyane:          {"guyane", "Guyane", "French Guiana", "America/Cayenne"},
	Reunion:         {"reunion", "La Réunion", "Réunion", "Indian/Reunion"},
	Mayotte:         {"mayotte", "Mayotte", "Mayotte", "Indian/Mayotte"},
	SaintMartin:     {"saint-martin", "Saint-Martin", "Saint Martin", "America/Marigot"},
	SaintBarthelemy: {"saint-barthelemy", "Saint-Barthélemy", "Saint Barthélemy", "America/St_Barthelemy"},
}

var regionZones = func() [numRegions]*time.Location {
	var z [numRegions]*time.Location
	for r, info := range regionInfo {
		loc, err := time.LoadLocation(info.zone)
		if err != nil {
			panic("deadline: embedded zone missing: " + info.zone) // time/tzdata is imported
		}
		z[r] = loc
	}
	return z
}()

// Regions lists every region, Metropole first.
func Regions() []Region {
	rs := make([]Region, numRegions)
	for i := range rs {
		rs[i] = Region(i)
	}
	return rs
}

// String returns the region's stable identifier ("metropole",
// "alsace-moselle", "guadeloupe", …), the form ParseRegion reads.
func (r Region) String() string {
	if r >= numRegions {
		return fmt.Sprintf("region(%d)", uint8(r))
	}
	return regionInfo[r].id
}

// Label returns the region's name in French ("fr") or English ("en").
func (r Region) Label(lang string) string {
	if r >= numRegions {
		return r.String()
	}
	if isEnglish(lang) {
		return regionInfo[r].en
	}
	return regionInfo[r].fr
}

// Location returns the time zone hour rules are counted in for a case of
// this region: Europe/Paris for Metropole and Alsace-Moselle, the overseas
// region's own zone otherwise.
func (r Region) Location() *time.Location {
	if r >= numRegions {
		return regionZones[Metropole]
	}
	return regionZones[r]
}

// ParseRegion reads a region identifier as String writes it. Case, accents
// and spaces are forgiven ("Réunion", "Alsace Moselle"); "" is Metropole.
func ParseRegion(s string) (Region, error) {
	k := normalizeName(s)
	if k == "" {
		return Metropole, nil
	}
	for r, info := range regionInfo {
		if info.id == k {
			return Region(r), nil
		}
	}
	if k == "la-reunion" {
		return Reunion, nil
	}
	return Metropole, fmt.Errorf("deadline: region %q: %w", s, ErrUnknownRegion)
}

// MarshalText writes the region's identifier.
func (r Region) MarshalText() ([]byte, error) {
	if r >= numRegions {
		return nil, fmt.Errorf("deadline: marshal %v: %w", r, ErrUnknownRegion)
	}
	return []byte(r.String()), nil
}

// UnmarshalText reads what MarshalText writes.
func (r *Region) UnmarshalText(b []byte) error {
	v, err := ParseRegion(string(b))
	if err != nil {
		return err
	}
	*r = v
	return nil
}

// suggestions maps department numbers and the names of departments,
// prefectures and administrative courts to the region a case there should
// probably use. Saint-Denis is absent on purpose: it is also in metropolitan
// France (93).
var suggestions = map[string]Region{
	"57": AlsaceMoselle, "67": AlsaceMoselle, "68": AlsaceMoselle,
	"moselle": AlsaceMoselle, "bas-rhin": AlsaceMoselle, "haut-rhin": AlsaceMoselle,
	"metz": AlsaceMoselle, "strasbourg": AlsaceMoselle, "colmar": AlsaceMoselle,
	"mulhouse": AlsaceMoselle, "alsace": AlsaceMoselle, "alsace-moselle": AlsaceMoselle,
	"971": Guadeloupe, "guadeloupe": Guadeloupe, "basse-terre": Guadeloupe, "pointe-a-pitre": Guadeloupe,
	"972": Martinique, "martinique": Martinique, "fort-de-france": Martinique,
	"973": Guyane, "guyane": Guyane, "cayenne": Guyane,
	"974": Reunion, "reunion": Reunion, "la-reunion": Reunion,
	"976": Mayotte, "mayotte": Mayotte, "mamoudzou": Mayotte,
	"977": SaintBarthelemy, "saint-barthelemy": SaintBarthelemy, "gustavia": SaintBarthelemy,
	"978": SaintMartin, "saint-martin": SaintMartin, "marigot": SaintMartin,
}

// SuggestRegion proposes the holiday region for a case from its prefecture,
// department (name or number) or court: "57", "Bas-Rhin", "TA Strasbourg",
// "Préfecture de la Moselle", "971", "Cayenne". It reports false, with
// Metropole, when it recognises nothing; the lawyer confirms the suggestion.
func SuggestRegion(prefectureOrDepartment string) (Region, bool) {
	k := normalizeName(prefectureOrDepartment)
	if r, ok := suggestions[k]; ok {
		return r, true
	}
	// Longer names: "prefecture-de-la-moselle", "ta-strasbourg", "tribunal-administratif-de-cayenne".
	words := strings.Split(k, "-")
	for i := range words {
		for j := len(words); j > i; j-- {
			if r, ok := suggestions[strings.Join(words[i:j], "-")]; ok {
				return r, true
			}
		}
	}
	return Metropole, false
}

// normalizeName lower-cases s, strips French accents and turns spaces,
// apostrophes and underscores into hyphens.
func normalizeName(s string) string {
	var b strings.Builder
	dash := false
	for _, c := range strings.ToLower(strings.TrimSpace(s)) {
		switch c {
		case 'à', 'â', 'ä':
			c = 'a'
		case 'é', 'è', 'ê', 'ë':
			c = 'e'
		case 'î', 'ï':
			c = 'i'
		case 'ô', 'ö':
			c = 'o'
		case 'ù', 'û', 'ü':
			c = 'u'
		case 'ç':
			c = 'c'
		}
		if c == ' ' || c == '\'' || c == '’' || c == '_' || c == '-' || c == '(' || c == ')' || c == ',' {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		dash = false
		b.WriteRune(c)
	}
	return strings.TrimSuffix(b.String(), "-")
}
