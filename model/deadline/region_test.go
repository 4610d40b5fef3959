package deadline

import (
	"errors"
	"testing"
)

func TestParseRegion(t *testing.T) {
	t.Parallel()
	for _, r := range Regions() {
		got, err := ParseRegion(r.String())
		if err != nil || got != r {
			t.Errorf("ParseRegion(%q) = %v, %v", r.String(), got, err)
		}
		b, err := r.MarshalText()
		if err != nil {
			t.Fatal(err)
		}
		var back Region
		if err := back.UnmarshalText(b); err != nil || back != r {
			t.Errorf("text round trip %v -> %v, %v", r, back, err)
		}
	}
	for in, want := range map[string]Region{"": Metropole, "Réunion": Reunion, "La Réunion": Reunion,
		"Alsace Moselle": AlsaceMoselle, "MÉTROPOLE": Metropole, "saint-barthélemy": SaintBarthelemy} {
		if got, err := ParseRegion(in); err != nil || got != want {
			t.Errorf("ParseRegion(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if _, err := ParseRegion("corse"); !errors.Is(err, ErrUnknownRegion) {
		t.Errorf("corse: %v", err)
	}
}

func TestSuggestRegion(t *testing.T) {
	t.Parallel()
	cases := map[string]Region{
		"57": AlsaceMoselle, "67": AlsaceMoselle, "68": AlsaceMoselle,
		"Moselle": AlsaceMoselle, "Bas-Rhin": AlsaceMoselle, "Préfecture du Haut-Rhin": AlsaceMoselle,
		"TA Strasbourg": AlsaceMoselle, "Préfecture de la Moselle": AlsaceMoselle,
		"971": Guadeloupe, "Pointe-à-Pitre": Guadeloupe, "972": Martinique, "Fort-de-France": Martinique,
		"973": Guyane, "Tribunal administratif de Cayenne": Guyane, "974": Reunion, "La Réunion": Reunion,
		"976": Mayotte, "977": SaintBarthelemy, "978": SaintMartin,
	}
	for in, want := range cases {
		if got, ok := SuggestRegion(in); !ok || got != want {
			t.Errorf("SuggestRegion(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"75", "Paris", "Seine-Saint-Denis", "Saint-Denis", "", "Rhône", "Bas"} {
		if got, ok := SuggestRegion(in); ok || got != Metropole {
			t.Errorf("SuggestRegion(%q) = %v, %v; want metropole, false", in, got, ok)
		}
	}
}

func TestRegionZones(t *testing.T) {
	t.Parallel()
	want := map[Region]string{Metropole: "Europe/Paris", AlsaceMoselle: "Europe/Paris", Guadeloupe: "America/Guadeloupe",
		Martinique: "America/Martinique", Guyane: "America/Cayenne", Reunion: "Indian/Reunion", Mayotte: "Indian/Mayotte"}
	for r, z := range want {
		if got := r.Location().String(); got != z {
			t.Errorf("%v zone %s, want %s", r, got, z)
		}
	}
}
