package search

import "testing"

func TestSameName(t *testing.T) {
	match := [][2]string{
		{"Mohamed", "Mohammed"}, {"Mohamed", "Muhammad"}, {"Mohamed", "Mohamad"}, {"Muhammad", "Mouhamed"},
		{"Youssef", "Yousef"}, {"Youssef", "Youcef"}, {"Youssef", "Yusuf"},
		{"Aïcha", "Aicha"}, {"Aicha", "Aisha"}, {"Leïla", "Layla"}, {"Leila", "Laila"},
		{"Khadija", "Khadidja"}, {"Khadija", "Hadidja"}, {"Mustapha", "Moustafa"}, {"Mostafa", "Mustafa"},
		{"Walid", "Oualid"}, {"Amine", "Amin"}, {"Yacine", "Yassine"}, {"Yacine", "Yasin"},
		{"Hocine", "Houcine"}, {"Hocine", "Hussein"}, {"Redouane", "Radwan"}, {"Sofiane", "Sufyan"},
		{"Abdoulaye", "Abdoulay"}, {"Boubacar", "Boubakar"}, {"Ousmane", "Usman"}, {"Oumar", "Umar"},
		{"Shabnam", "Chabnam"}, {"Bashir", "Bachir"}, {"Jafari", "Djafari"}, {"Najib", "Nadjib"},
		{"Wahid", "Vahid"}, {"Parwana", "Parvaneh"}, {"Marzia", "Marzieh"}, {"Fatima", "Fatimah"},
		{"Savchenko", "Savtchenko"}, {"Shevchuk", "Chevtchouk"}, {"Oleksandr", "Olexandr"},
		{"Yurii", "Iouri"}, {"Qassem", "Kassem"}, {"Tarek", "Tareq"}, {"Filmon", "Philemon"},
		{"Tesfay", "Tesfaye"}, {"Tesfai", "Tesfaye"}, {"Chowdhury", "Choudhury"}, {"Zineb", "Zaynab"},
		{"Meriem", "Maryam"}, {"Traoré", "Traore"}, {"Keïta", "Keita"}, {"Đorđe", "Djordje"},
		{"Коваленко", "Kovalenko"}, {"Сергій", "Serhii"}, {"Олександр", "Oleksandr"},
		{"محمد", "Mohamed"}, {"يوسف", "Youssef"}, {"عائشة", "Aicha"}, {"ლევან", "Levan"},
	}
	for _, p := range match {
		a, b := queryToken(p[0]), queryToken(p[1])
		if !sameName(a, b) || !sameName(b, a) {
			t.Errorf("%s and %s should match (keys %q %q)", p[0], p[1], Key(a), Key(b))
		}
	}
	differ := [][2]string{
		{"Ali", "Alain"}, {"Omar", "Amar"}, {"Hassan", "Hussein"}, {"Mahmoud", "Mohamed"},
		{"Karim", "Karima"}, {"Samir", "Samira"}, {"Amin", "Amina"}, {"Ali", "Ela"}, {"Ali", "Ola"},
		{"Nadia", "Nadir"}, {"Fatima", "Fatoumata"}, {"Diallo", "Diop"}, {"Ahmed", "Hamid"},
		{"Rachid", "Rachida"}, {"Salim", "Salma"}, {"Ibrahim", "Ibrahima"},
		{"Khaled", "Khalil"}, {"Yasmine", "Yasmina"}, {"Malik", "Malika"},
	}
	for _, p := range differ {
		a, b := queryToken(p[0]), queryToken(p[1])
		if sameName(a, b) {
			t.Errorf("%s and %s should not match (key %q)", p[0], p[1], Key(a))
		}
	}
}

func TestWithinOne(t *testing.T) {
	for _, c := range []struct {
		a, b string
		ok   bool
	}{
		{"diallo", "diallo", true}, {"diallo", "dialo", true}, {"diallo", "diallos", true},
		{"diallo", "daillo", true}, {"diallo", "diallp", true}, {"diallo", "dlalp", false},
		{"traore", "toraer", false}, {"ab", "ba", true}, {"abc", "", false},
	} {
		if withinOne(c.a, c.b) != c.ok || withinOne(c.b, c.a) != c.ok {
			t.Errorf("withinOne(%q, %q) != %v", c.a, c.b, c.ok)
		}
	}
}
