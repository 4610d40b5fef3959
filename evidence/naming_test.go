package evidence

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestPieceNameFollowsTélérecours(t *testing.T) {
	cases := []struct {
		n          int
		label, ext string
		want       string
	}{
		{1, "Récapitulatif des tentatives", ".pdf", "PJ1_Recapitulatif des tentatives.pdf"},
		{2, "Capture 02/11/2026 — site de rendez-vous (préfecture)", ".png", "PJ2_Capture 02 11 2026 site de rendez-vous prefecture.png"},
		{12, "Courriel: « pas de créneau » 100% & co.", ".eml", "PJ12_Courriel pas de creneau 100 co.eml"},
		{3, "ÉCHEC D'ACCÈS À L'ANEF", "", "PJ3_ECHEC D ACCES A L ANEF"},
		{4, "%%%", ".pdf", "PJ4_piece.pdf"},
		{5, "Œuvre cœur", ".pdf", "PJ5_Oeuvre coeur.pdf"},
	}
	for _, c := range cases {
		if got := PieceName(c.n, c.label, c.ext); got != c.want {
			t.Errorf("PieceName(%d, %q) = %q, want %q", c.n, c.label, got, c.want)
		}
	}
}

func TestPieceNameStaysWithin80Characters(t *testing.T) {
	long := strings.Repeat("tentative de prise de rendez-vous échouée ", 10)
	for _, n := range []int{1, 99, 1000} {
		name := PieceName(n, long, ".jpeg")
		if utf8.RuneCountInString(name) > MaxNameRunes {
			t.Errorf("%q has %d characters", name, utf8.RuneCountInString(name))
		}
		if !strings.HasSuffix(name, ".jpeg") || strings.Contains(strings.TrimSuffix(name, ".jpeg"), ".") {
			t.Errorf("%q: extension lost or dot in the label", name)
		}
		for _, r := range name {
			if r >= utf8.RuneSelf {
				t.Errorf("%q: non-ASCII %q", name, r)
			}
		}
	}
}

func TestExt(t *testing.T) {
	for in, want := range map[string]string{
		"a.PDF": ".pdf", "b": "", "c.tar.gz": ".gz", "d.é": "", "e.verylongext": "",
	} {
		if got := Ext(in); got != want {
			t.Errorf("Ext(%q) = %q, want %q", in, got, want)
		}
	}
}
