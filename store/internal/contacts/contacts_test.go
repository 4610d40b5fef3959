package contacts

import "testing"

func TestFind(t *testing.T) {
	all := []Contact{
		{Name: "Amina Diallo", Fingerprint: "ABCD EFGH"},
		{Name: "Jean Martin", Fingerprint: "WXYZ 1234"},
	}
	for _, tc := range []struct{ q, want string }{
		{"amina diallo", "Amina Diallo"},
		{"WXYZ1234", "Jean Martin"},
		{"ABCD EFGH", "Amina Diallo"},
	} {
		if c := Find(all, tc.q); c == nil || c.Name != tc.want {
			t.Errorf("Find(%q) = %v, want %s", tc.q, c, tc.want)
		}
	}
	if c := Find(all, "nobody"); c != nil {
		t.Errorf("Find(nobody) = %v, want none", c)
	}
	if c := Find(all, "WXYZ"); c != nil {
		t.Errorf("Find of part of a fingerprint = %v, want none", c)
	}
}

func TestByVerifyKey(t *testing.T) {
	all := []Contact{{Name: "A"}, {Name: "B"}}
	all[1].Key.Verify = []byte{1, 2, 3}
	if c := ByVerifyKey(all, []byte{1, 2, 3}); c == nil || c.Name != "B" {
		t.Errorf("ByVerifyKey = %v, want B", c)
	}
	if c := ByVerifyKey(all, nil); c != nil {
		t.Errorf("ByVerifyKey(nil) = %v, want none: a contact without a key is not matched", c)
	}
}
