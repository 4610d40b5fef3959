package fakeclinic

// A city where clients live: real cities, real postcodes, fictional street
// numbers. The préfecture is the one competent for the city, so that a case's
// Prefecture agrees with its person's Address; ta is the administrative court
// that hears its removal and refusal cases.
type city struct {
	name       string // as written on an envelope
	birthName  string // as written for a birth place ("Saint-Denis (La Réunion)")
	postcodes  []string
	prefecture string
	ta         string
	weight     int
	local      *origin // clients of this origin are over-represented here
	localShare float64
}

var cities = []city{
	{name: "Bobigny", postcodes: list("93000"), prefecture: seineSaintDenis, ta: "TA de Montreuil", weight: 6},
	{name: "Montreuil", postcodes: list("93100"), prefecture: seineSaintDenis, ta: "TA de Montreuil", weight: 6},
	{name: "Saint-Denis", postcodes: list("93200; 93210"), prefecture: seineSaintDenis, ta: "TA de Montreuil", weight: 6},
	{name: "Aubervilliers", postcodes: list("93300"), prefecture: seineSaintDenis, ta: "TA de Montreuil", weight: 4},
	{name: "Paris", postcodes: list("75010; 75011; 75013; 75018; 75019; 75020"), prefecture: "Paris (préfecture de police)", ta: "TA de Paris", weight: 10},
	{name: "Créteil", postcodes: list("94000"), prefecture: "Val-de-Marne (Créteil)", ta: "TA de Melun", weight: 4},
	{name: "Marseille", postcodes: list("13001; 13002; 13003; 13013; 13014; 13015; 13016"), prefecture: "Bouches-du-Rhône (Marseille)", ta: "TA de Marseille", weight: 8, local: originNamed("Comores"), localShare: 0.2},
	{name: "Lyon", postcodes: list("69003; 69007; 69008; 69009"), prefecture: "Rhône (Lyon)", ta: "TA de Lyon", weight: 6},
	{name: "Villeurbanne", postcodes: list("69100"), prefecture: "Rhône (Lyon)", ta: "TA de Lyon", weight: 2},
	{name: "Strasbourg", postcodes: list("67000; 67100; 67200"), prefecture: "Bas-Rhin (Strasbourg)", ta: "TA de Strasbourg", weight: 4, local: originNamed("Géorgie"), localShare: 0.1},
	{name: "Mulhouse", postcodes: list("68100; 68200"), prefecture: "Haut-Rhin (Colmar)", ta: "TA de Strasbourg", weight: 2, local: originNamed("Turquie"), localShare: 0.15},
	{name: "Metz", postcodes: list("57000; 57050"), prefecture: "Moselle (Metz)", ta: "TA de Strasbourg", weight: 2},
	{name: "Lille", postcodes: list("59000; 59160; 59260"), prefecture: "Nord (Lille)", ta: "TA de Lille", weight: 4},
	{name: "Roubaix", postcodes: list("59100"), prefecture: "Nord (Lille)", ta: "TA de Lille", weight: 2},
	{name: "Toulouse", postcodes: list("31100; 31200; 31300; 31500"), prefecture: "Haute-Garonne (Toulouse)", ta: "TA de Toulouse", weight: 4},
	{name: "Nantes", postcodes: list("44000; 44100; 44300"), prefecture: "Loire-Atlantique (Nantes)", ta: "TA de Nantes", weight: 3},
	{name: "Rennes", postcodes: list("35000; 35200"), prefecture: "Ille-et-Vilaine (Rennes)", ta: "TA de Rennes", weight: 2},
	{name: "Bordeaux", postcodes: list("33000; 33300; 33800"), prefecture: "Gironde (Bordeaux)", ta: "TA de Bordeaux", weight: 3},
	{name: "Grenoble", postcodes: list("38000; 38100"), prefecture: "Isère (Grenoble)", ta: "TA de Grenoble", weight: 2},
	{name: "Nice", postcodes: list("06000; 06300"), prefecture: "Alpes-Maritimes (Nice)", ta: "TA de Nice", weight: 2},
	{name: "Cayenne", postcodes: list("97300"), prefecture: "Guyane (Cayenne)", ta: "TA de la Guyane", weight: 3, local: originNamed("Haïti"), localShare: 0.7},
	{name: "Matoury", postcodes: list("97351"), prefecture: "Guyane (Cayenne)", ta: "TA de la Guyane", weight: 1, local: originNamed("Haïti"), localShare: 0.6},
	{name: "Saint-Denis", birthName: "Saint-Denis (La Réunion)", postcodes: list("97400"), prefecture: "La Réunion (Saint-Denis)", ta: "TA de La Réunion", weight: 2, local: originNamed("Comores"), localShare: 0.6},
	{name: "Mamoudzou", postcodes: list("97600"), prefecture: "Mayotte (Mamoudzou)", ta: "TA de Mayotte", weight: 2, local: originNamed("Comores"), localShare: 0.9},
}

const seineSaintDenis = "Seine-Saint-Denis (Bobigny)"

// taOfPrefecture maps a préfecture label back to its administrative court,
// for notes written about a case whose city is no longer known.
var taOfPrefecture = func() map[string]string {
	m := make(map[string]string)
	for _, c := range cities {
		m[c.prefecture] = c.ta
	}
	return m
}()

var streets = list("rue de la République; avenue Jean-Jaurès; boulevard Gambetta; rue Victor-Hugo; rue Paul-Vaillant-Couturier; allée des Tilleuls; rue des Lilas; avenue Salvador-Allende; rue de Paris; impasse des Roses; rue Émile-Zola; chemin des Vignes; boulevard de la Libération; rue Pasteur; place du Marché; rue Aimé-Césaire; rue Louise-Michel; avenue de Stalingrad; rue du 8-Mai-1945; rue des Écoles; cité des Poètes; rue Jean-Moulin; avenue Henri-Barbusse; rue de l'Église")

func originNamed(country string) *origin {
	for i := range origins {
		if origins[i].country == country {
			return &origins[i]
		}
	}
	panic("fakeclinic: unknown origin " + country)
}
